"""Hostile apps through the normal pipeline, in each sandbox backend this host has (namespace, docker):
each tries something a generated app must not do; each case ends as a reported failure or a contained
pass, the run goes on, and nothing leaks or survives. (The namespace backend needs root, namespaces and
bubblewrap, the docker one a running engine: skipped elsewhere, unless LLMCODE_REQUIRE_DOCKER=1, as in
CI, makes a missing engine a failure.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_llmcode.sandbox.base import CommandSandbox
from pytest_llmcode.sandbox.container import remaining_containers
from tests.support.apps import write_app
from tests.support.runs import processes_under, processes_with
from tests.support.sandbox import BACKENDS, need, problem

DESCRIPTIONS = {
    "namespace": "namespace (own loopback-only network, host read-only, as nobody;",
    "docker": "docker (a container per case, no network, host system read-only, as nobody;",
}


CHALLENGE = """\
id: hostile
title: Apps that misbehave
prompt: Serve a page.
stack:
  name: shell scripts
  install: sh install.sh
  build: sh build.sh
  serve: sh serve.sh {port}
timeouts: {install: 30, build: 6, launch: 6}
"""
CHECKS = """\
from playwright.sync_api import expect

def test_page_is_served(app_page):
    expect(app_page.locator("body")).to_contain_text("served")
"""
SERVE = 'echo served > index.html\nexec python3 -m http.server "$1" --bind 127.0.0.1\n'
SECRET_ENV = "sk-planted-env-4242"
SECRET_FILE = "planted-home-secret-1717"
DAEMON_MARK = f"777.{os.getpid()}"  # this process's own: another xdist worker plants its own
# a build that looks for a proxy still listening in its network and asks it for the registry
PROXY_HUNT = """python3 - > build-proxy.txt <<'PY'
import socket
for line in open('/proc/net/tcp').readlines()[1:]:
    fields = line.split()
    if fields[3] != '0A':
        continue
    port = int(fields[1].split(':')[1], 16)
    try:
        conn = socket.create_connection(('127.0.0.1', port), timeout=3)
        conn.sendall(b'CONNECT registry.npmjs.org:443 HTTP/1.1\\r\\nHost: registry.npmjs.org:443\\r\\n\\r\\n')
        print('port', port, conn.recv(100).split(b'\\r\\n')[0].decode())
    except OSError as exc:
        print('port', port, exc)
print('searched')
PY
"""


def app(install: str = "true\n", build: str = "true\n", serve: str = SERVE) -> dict[str, str]:
    return {"install.sh": install, "build.sh": build, "serve.sh": serve}


@dataclass
class HostileRun:
    backend: str
    root: Path
    stdout: str
    cases: dict[str, dict[str, str]]  # app -> outcome, message
    connections: list[str]
    listener_port: int

    def case_dir(self, label: str) -> Path:
        return self.root / "out" / "hostile" / label / "s0"


def _listen(connections: list[str]) -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def accept() -> None:
        while True:
            try:
                conn, peer = server.accept()
            except OSError:
                return
            connections.append(str(peer))
            conn.close()
    threading.Thread(target=accept, daemon=True).start()
    return server


@pytest.fixture(scope="module", params=BACKENDS)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    """The hostile apps run once per backend, 16 apps, some until a limit stops them: the tests that read
    this run are marked slow."""
    backend = request.param
    need(backend)
    root = tmp_path_factory.mktemp(f"hostile-{backend}")
    home = root / "home"
    write_app(home, {".planted-secret": SECRET_FILE + "\n"})
    planted = root / "planted.txt"
    planted.write_text("original\n")
    connections: list[str] = []
    listener = _listen(connections)
    port = listener.getsockname()[1]
    reach = f"python3 -c \"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3)\""
    apps = {
        "reads_secrets": app(build=f'{{ env; cat "$HOME/.planted-secret" {home}/.planted-secret; }} > leak.txt 2>&1\n'
                                   "cp leak.txt leak.html\nls -A /root /run > hidden-listing.txt 2>&1\n"),
        "reaches_host": app(install=f"{reach} > install-reach.txt 2>&1; "
                                    f"curl -sS -o /dev/null -w 'plain http %{{http_code}}\\n' -x \"$HTTPS_PROXY\" http://127.0.0.1:{port}/ "
                                    ">> install-reach.txt 2>&1; "
                                    f"curl -sS -x \"$HTTPS_PROXY\" https://127.0.0.1:{port}/ >> install-reach.txt 2>&1\n"
                                    "true\n",
                            build=f"{reach} > build-reach.txt 2>&1\ntrue\n",
                            serve=f"{reach} > serve-reach.txt 2>&1\n" + SERVE),
        "proxy_after_install": app(install=PROXY_HUNT.replace("build-proxy", "install-proxy"), build=PROXY_HUNT),
        "writes_outside": app(build=f"echo pwned > {planted}; echo pwned > /etc/llmcode-pwned; "
                                    "echo pwned > /tmp/llmcode-pwned; echo tried > tried.txt\n"),
        "fork_bomb": app(build="python3 -c \"import os, time\nfor i in range(400):\n    if os.fork() == 0:\n"
                               "        time.sleep(30); os._exit(0)\"\n"),
        "memory_hog": app(build="python3 -c \"x = bytearray(700 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096]); "
                                "print(len(x))\"\n"),
        "endless_build": app(build="while :; do :; done\n"),
        "never_ready": app(serve="echo listening soon; sleep 600\n"),
        "daemonises": app(serve=f"setsid sh -c 'exec sleep {DAEMON_MARK}' > /dev/null 2>&1 &\n" + SERVE),
        "floods_stdout": app(build="yes flood-line | head -c 20000000\n"),
        "huge_file": app(build="dd if=/dev/zero of=big.bin bs=1M count=64\n"),
        # links to host files the sandbox cannot read, but the host that keeps the evidence could
        "leaves_links": app(build=f"ln -s {home}/.planted-secret leak.txt; ln -s /proc/self/environ environ.txt; "
                                  f"ln -s {home} home-link\n"),
        "links_while_served": app(serve=f"ln -s {home}/.planted-secret served-leak.txt\n" + SERVE),
        # a project .npmrc that names a program of the answer's as npm's git, for a git+file: dependency
        "npmrc_git": {**app(install="touch install-ran\nnpm install\n"), ".npmrc": "git=./evil.sh\n",
                      "evil.sh": "#!/bin/sh\ntouch evil-ran\n",
                      "package.json": '{"name": "x", "version": "1.0.0", "dependencies": {"y": "git+file:///tmp/y"}}'},
        # npm's git whatever the install's own configuration says
        "npm_git": app(install="npm config get git > install-git.txt 2>&1\n"),
        # a page that logs 30 MiB of errors and never shows what its check looks for
        "floods_console": app(serve="printf '%s' \"<script>const s = 'x'.repeat(1 << 20); for (let i = 0; i < 30; i++) "
                                    "console.error(i + s);</script><p>flooded</p>\" > index.html\n"
                                    'exec python3 -m http.server "$1" --bind 127.0.0.1\n'),
    }
    folder = root / "hostile"
    write_app(folder, {"challenge.yaml": CHALLENGE, "test_page.py": CHECKS})
    models = [f"--llm-model={name}=dir:{write_app(root / 'apps' / name, files)}" for name, files in apps.items()]
    (root / "tmp").mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(root / "tmp"), "OPENAI_API_KEY": SECRET_ENV, "GITHUB_PAT": SECRET_ENV + "-pat",
           "DATABASE_URL": f"postgres://app:{SECRET_ENV}-pw@db.internal/app"}
    command = [sys.executable, "-m", "pytest", str(folder), *models, f"--llm-sandbox={backend}",
               "--llm-memory-mb=256", "--llm-max-processes=64", "--llm-max-file-mb=16", "-p", "no:cacheprovider",
               f"--junitxml={root / 'junit.xml'}", f"--llm-output={root / 'out'}", "-q"]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    finally:
        listener.close()
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    cases: dict[str, dict[str, str]] = {}
    for case in ET.parse(root / "junit.xml").iter("testcase"):
        label = case.get("name", "").split("[")[1].rsplit("-s", 1)[0]
        failure = case.find("failure")
        error = case.find("error")
        outcome = "failed" if failure is not None else "error" if error is not None else "passed"
        found = failure if failure is not None else error
        text = "" if found is None else (found.get("message", "") + "\n" + (found.text or ""))
        cases[label] = {"outcome": outcome, "message": text}
    assert (planted.read_text(), planted.stat().st_size) == ("original\n", 9)
    return HostileRun(backend, root, done.stdout, cases, connections, port)


@pytest.mark.slow
def test_every_hostile_case_ran_and_the_run_went_on(hostile: HostileRun) -> None:
    assert len(hostile.cases) == 16
    assert f"sandbox: {DESCRIPTIONS[hostile.backend]} 256 MiB, 64 processes" in hostile.stdout


@pytest.mark.slow
def test_secrets_of_the_runner_are_not_seen(hostile: HostileRun) -> None:
    assert hostile.cases["reads_secrets"]["outcome"] == "passed"  # a contained pass
    leak = (hostile.case_dir("reads_secrets") / "workspace" / "leak.txt").read_text()
    assert SECRET_ENV not in leak and SECRET_FILE not in leak  # nor the PAT nor the database password
    assert "No such file or directory" in leak  # the home folder is not there at all
    assert "HOME=/tmp" in leak
    listing = (hostile.case_dir("reads_secrets") / "workspace" / "hidden-listing.txt").read_text()
    assert listing.split() == ["/root:", "/run:"], listing  # root's home and /run are empty to it


@pytest.mark.slow
def test_host_loopback_services_cannot_be_reached(hostile: HostileRun) -> None:
    assert hostile.connections == []
    workspace = hostile.case_dir("reaches_host") / "workspace"
    for stage in ("install", "build", "serve"):
        assert "Connection refused" in (workspace / f"{stage}-reach.txt").read_text(), stage
    through_proxy = (workspace / "install-reach.txt").read_text()
    assert "plain http 405" in through_proxy  # only CONNECT is served
    assert "CONNECT tunnel failed, response 403" in through_proxy  # and only to the package registry
    record = (hostile.case_dir("reaches_host") / "case.json").read_text()
    assert f"network access refused (only the package registry can be reached): 127.0.0.1:{hostile.listener_port}" in record


@pytest.mark.slow
def test_writes_outside_the_workspace_change_nothing(hostile: HostileRun) -> None:
    assert hostile.cases["writes_outside"]["outcome"] == "passed"
    assert (hostile.case_dir("writes_outside") / "workspace" / "tried.txt").is_file()
    assert not Path("/etc/llmcode-pwned").exists() and not Path("/tmp/llmcode-pwned").exists()
    log = (hostile.case_dir("writes_outside") / "logs" / "build.log").read_text()
    assert "Read-only file system" in log or "Permission denied" in log


@pytest.mark.slow
@pytest.mark.parametrize(
    "label, reason",
    [
        ("fork_bomb", "hit the process-count limit"),
        ("memory_hog", "hit the memory limit"),
        ("endless_build", "[build] `sh build.sh` did not finish within 6s"),
        ("never_ready", "[launch] http://127.0.0.1:"),
        ("huge_file", "[build] `sh build.sh` exited with status"),
    ],
)
def test_resource_abuse_fails_the_case_with_the_reason(hostile: HostileRun, label: str, reason: str) -> None:
    case = hostile.cases[label]
    assert case["outcome"] == "failed", case["message"][:500]
    assert reason in case["message"], case["message"][:1500]


@pytest.mark.slow
def test_links_out_of_the_workspace_fail_the_build_and_never_reach_the_evidence(hostile: HostileRun) -> None:
    case = hostile.cases["leaves_links"]
    assert case["outcome"] == "failed"
    assert "[build] [sandbox] the build left a link to" in case["message"], case["message"][:1500]
    assert f"leak.txt -> {hostile.root / 'home' / '.planted-secret'}" in case["message"]
    assert hostile.cases["links_while_served"]["outcome"] == "passed"
    assert "the app (served) left a link to" in (hostile.case_dir("links_while_served") / "case.json").read_text()
    out = hostile.root / "out"
    links = [Path(current, name) for current, dirs, names in os.walk(out) for name in dirs + names
             if Path(current, name).is_symlink() and not Path(current, name).resolve().is_relative_to(out)]
    assert links == []
    for current, _, names in os.walk(out):
        for name in names:
            path = Path(current, name)
            if path.is_file() and not path.is_symlink():
                assert SECRET_FILE.encode() not in path.read_bytes(), path


@pytest.mark.slow
def test_huge_file_is_cut_at_the_file_size_limit(hostile: HostileRun) -> None:
    assert (hostile.case_dir("huge_file") / "workspace" / "big.bin").stat().st_size == 16 * 1024 * 1024


@pytest.mark.slow
def test_flood_of_output_is_capped_with_a_note(hostile: HostileRun) -> None:
    assert hostile.cases["floods_stdout"]["outcome"] == "passed"
    log = hostile.case_dir("floods_stdout") / "logs" / "build.log"
    assert log.stat().st_size < 2_200_000
    assert "[llmcode: log cut at 2097152 bytes;" in log.read_text()


@pytest.mark.slow
def test_an_npmrc_naming_a_program_fails_the_install_before_it_runs(hostile: HostileRun) -> None:
    case = hostile.cases["npmrc_git"]
    assert case["outcome"] == "failed"
    assert "[install] the project's .npmrc sets what llmcode does not allow (.npmrc: git)" in case["message"]
    workspace = hostile.case_dir("npmrc_git") / "workspace"
    assert not (workspace / "install-ran").exists() and not (workspace / "evil-ran").exists()
    assert hostile.cases["npm_git"]["outcome"] == "passed"  # and inside the sandbox npm's git refuses
    assert (hostile.case_dir("npm_git") / "workspace" / "install-git.txt").read_text().strip() == "false"


@pytest.mark.slow
def test_a_console_flood_reaches_no_report_whole(hostile: HostileRun) -> None:
    """30 MiB of console errors: the failure, the JUnit file and every evidence file stay small."""
    case = hostile.cases["floods_console"]
    assert case["outcome"] == "failed" and "served" in case["message"], case["message"][:1500]
    assert len(case["message"]) < 100_000
    assert (hostile.root / "junit.xml").stat().st_size < 3 * 2**20
    sizes = {path.name: path.stat().st_size for path in hostile.case_dir("floods_console").rglob("*")
             if path.is_file() and "workspace" not in path.parts}
    assert sizes and max(sizes.values()) < 2 * 2**20, sizes


@pytest.mark.slow
def test_nothing_outlives_its_case(hostile: HostileRun) -> None:
    assert hostile.cases["daemonises"]["outcome"] == "passed"
    survivors = processes_under(hostile.root)
    assert not survivors
    daemons = processes_with(f"sleep {DAEMON_MARK} ")  # exactly this one (interrupted runs use longer marks)
    assert not daemons, f"the daemonised child outlived its case: {daemons}"
    if hostile.backend == "docker":
        assert not remaining_containers(under=hostile.root)  # another worker's runs may have theirs
    left = sorted(path.name for path in (hostile.root / "tmp").iterdir() if path.name.startswith("llmcode"))
    assert not left, f"the run left its temporary folders behind: {left}"


def _host_without_sandbox_tools(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with python3 but none of unshare, nsenter, bwrap: a host that cannot sandbox."""
    import shutil

    bin_dir = pytester.mkdir("bin")
    (bin_dir / "python3").symlink_to(sys.executable)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("LLMCODE_BROWSER", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.mark.skipif(problem("namespace") is not None, reason="checks the fallback of a host that could sandbox")
def test_auto_falls_back_with_a_warning_and_namespace_refuses(
    pytester: pytest.Pytester, static_challenge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _host_without_sandbox_tools(pytester, monkeypatch)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference", "--llm-sandbox=auto")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "sandbox: none (on the host, unisolated;*",
        "warning: no sandbox: generated code ran on the host, because `unshare` is not installed "
        "(Debian/Ubuntu: apt-get install util-linux) (--llm-sandbox=auto fell back to none)",
    ])
    refused = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference",
                                            "--llm-sandbox=namespace")
    assert refused.ret == pytest.ExitCode.USAGE_ERROR
    refused.stderr.fnmatch_lines(["*--llm-sandbox=namespace is not available: `unshare` is not installed*"])
    required = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference", "--llm-require-sandbox")
    assert required.ret == pytest.ExitCode.USAGE_ERROR
    required.stderr.fnmatch_lines(["*--llm-require-sandbox: no sandbox can run here (namespace: `unshare` is not "
                                   "installed*; docker: the `docker` command is not installed*allow-unsandboxed: true*"])
    unsandboxed = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference",
                                                "--llm-sandbox=none", "--llm-require-sandbox")
    assert unsandboxed.ret == pytest.ExitCode.USAGE_ERROR
    unsandboxed.stderr.fnmatch_lines(["*--llm-sandbox=none runs generated code unsandboxed, but --llm-require-sandbox*"])


@pytest.mark.parametrize("backend, option", [("namespace", []), ("docker", ["--llm-sandbox=docker"])],
                         ids=["namespace-by-default", "docker"])
def test_reference_passes_in_the_sandbox_and_says_so(pytester: pytest.Pytester, backend: str, option: list[str]) -> None:
    need(backend)
    folder = pytester.mkdir("page")
    write_app(folder, {"challenge.yaml": CHALLENGE.replace("id: hostile", "id: page"), "test_page.py": CHECKS})
    write_app(folder / "reference", app())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference", "--junitxml=j.xml",
                                           *option)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"sandbox: {DESCRIPTIONS[backend]}*"])
    assert f'name="llm.sandbox" value="{backend}"' in (pytester.path / "j.xml").read_text()


def test_docker_asked_for_without_an_engine_is_a_clear_usage_error(
    pytester: pytest.Pytester, static_challenge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"unix://{pytester.path}/no-engine.sock")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference", "--llm-sandbox=docker")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-sandbox=docker is not available: *"])
    assert "dockerd --iptables=false --bridge=none" in result.stderr.str() or (
        "is not installed" in result.stderr.str() or "needs root" in result.stderr.str())


@pytest.mark.parametrize(
    "sandbox, how",
    [("namespace", "KeyboardInterrupt"), ("namespace", "SIGTERM"), ("namespace", "SIGKILL"),
     ("docker", "KeyboardInterrupt"), ("docker", "SIGKILL"),
     ("none", "KeyboardInterrupt"), ("none", "SIGTERM")],  # on the host, a SIGKILLed run cannot clean up
)
def test_interrupted_run_leaves_no_process_or_namespace_behind(
    pytester: pytest.Pytester, sandbox: str, how: str
) -> None:
    need("namespace" if sandbox == "none" else sandbox)  # none: the cgroups the namespace backend needs too
    marker = f"{DAEMON_MARK}{zlib.crc32(f'{sandbox}-{how}'.encode()) % 10_000:04d}"  # one per case
    folder = pytester.mkdir("page")
    write_app(folder, {"challenge.yaml": CHALLENGE.replace("id: hostile", "id: page"), "test_page.py": (
        "import os, signal, time\n\n"
        "def test_interrupted(app_page):\n"
        + ("    raise KeyboardInterrupt\n" if how == "KeyboardInterrupt" else
           f"    os.kill(os.getpid(), signal.{how})\n    time.sleep(5)\n")
    )})
    write_app(folder / "reference", app(serve=f"setsid sh -c 'exec sleep {marker}' > /dev/null 2>&1 &\n" + SERVE))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference",
                                           f"--llm-sandbox={sandbox}", timeout=120)
    assert result.ret != 0
    deadline = 600  # a minute: a loaded machine (or docker engine) takes its time to stop them
    while deadline and (processes_with(marker) or processes_under(pytester.path)):
        deadline -= 1
        threading.Event().wait(0.1)
    assert not processes_with(marker), "the daemonised child outlived the run"
    assert not processes_under(pytester.path)
    # its namespaces' holders started in the run's folder (another worker's runs may hold theirs)
    assert not set(processes_with("exec cat > /dev/null")) & set(processes_under(pytester.path)), \
        "a namespace outlived the run"
    if sandbox == "docker":
        for _ in range(600):
            if not remaining_containers(under=pytester.path):
                break
            threading.Event().wait(0.1)
        assert not remaining_containers(under=pytester.path), "a container outlived the run"


@pytest.mark.slow
def test_registry_is_out_of_reach_once_dependencies_are_installed(hostile: HostileRun) -> None:
    assert hostile.cases["proxy_after_install"]["outcome"] == "passed"
    tried = (hostile.case_dir("proxy_after_install") / "workspace" / "build-proxy.txt").read_text()
    assert "searched" in tried and "200" not in tried, tried
    control = (hostile.case_dir("proxy_after_install") / "workspace" / "install-proxy.txt").read_text()
    assert "200 Connection established" in control  # the same search finds the proxy while it is meant to be there


@pytest.mark.parametrize("backend, runner", [("namespace", "nsenter"), ("docker", "docker")])
def test_a_closed_sandbox_runs_nothing(tmp_path: Path, backend: str, runner: str) -> None:
    from pytest_llmcode.sandbox.base import SandboxRequest
    from pytest_llmcode.sandbox.registry import backends, resolve

    need(backend)
    sandbox = backends()[backend].open(resolve(backend), SandboxRequest(f"llmcode-test-{os.getpid()}", tmp_path))
    assert isinstance(sandbox, CommandSandbox)
    assert sandbox.argv("true", tmp_path, {})[0] == runner
    sandbox.close()
    with pytest.raises(RuntimeError, match="sandbox is closed"):
        sandbox.wrap("id", tmp_path, {})  # never falls back to the host
    assert sandbox.isolated


@pytest.mark.parametrize("backend", ["namespace", "docker"])
def test_sandboxed_tools_have_a_writable_private_tmp(tmp_path: Path, backend: str) -> None:
    """Build tools keep caches in TMPDIR and HOME (/tmp in the sandbox): the sandbox's user can write
    there, and nothing written there reaches the host's /tmp."""
    from pytest_llmcode.sandbox.base import SandboxRequest
    from pytest_llmcode.sandbox.registry import backends, resolve

    need(backend)
    marker = f"llmcode-tmp-{os.getpid()}"
    sandbox = backends()[backend].open(resolve(backend), SandboxRequest(f"llmcode-test-tmp-{os.getpid()}", tmp_path))
    try:
        result = sandbox.run(f'touch "$TMPDIR/{marker}" && mkdir -p "$HOME/.cache/tool" && touch /var/tmp/{marker} '
                             "&& echo wrote", cwd=tmp_path, log_path=tmp_path.parent / "tmp.log", timeout=60)
    finally:
        sandbox.close()
    assert result.ok and "wrote" in (tmp_path.parent / "tmp.log").read_text(), result.tail()
    assert not (Path("/tmp") / marker).exists() and not (Path("/var/tmp") / marker).exists()
