"""An external agent installed the ordinary way, wherever the user put it (here an npm-style package
under /tmp, which the sandbox's private /tmp would otherwise hide), reaches the endpoint it was
configured with, plain http on a loopback port, from inside its sandbox: directly, through the
sandbox's proxy by an absolute-form request, and through it by CONNECT. Its home is writable, and
a command that starts with ``NAME=value`` is understood."""

from __future__ import annotations

import json
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support.apps import GREETING_CHALLENGE, PAGE, PAGE_CHECKS
from tests.support.sandbox import need

# a coding agent as npm installs one: bin/coder -> lib/node_modules/@acme/coder/cli.js, which needs
# a module of its package and node from PATH
CLI = textwrap.dedent("""\
    #!/usr/bin/env node
    const { check } = require("./lib/check.js");
    const fs = require("fs"), os = require("os"), path = require("path");
    const base = process.env.CODER_BASE_URL;
    (async () => {
      fs.mkdirSync(path.join(os.homedir(), ".coder"), { recursive: true });
      fs.writeFileSync(path.join(os.tmpdir(), "coder.tmp"), "x");
      console.log("coder: home and tmp writable", os.homedir(), os.tmpdir());
      console.log("coder: mode", process.env.CODER_MODE);
      const page = await (await fetch(base + "/page")).text();  // node's fetch: no proxy
      console.log("coder: direct", page.includes("Hello") ? "ok" : "wrong");
      for (const [how, args] of [["absolute-form", []], ["connect", ["-p"]]]) {
        console.log("coder: proxy " + how, check(["-sf", "--noproxy", "", "-x", process.env.HTTP_PROXY, ...args,
                                                  base + "/page"]));
      }
      fs.writeFileSync("index.html", page);
    })().catch((e) => { console.log("coder: failed", String(e), e.cause ? String(e.cause) : ""); process.exit(3); });
""")
CHECK = textwrap.dedent("""\
    const { spawnSync } = require("child_process");
    exports.check = (args) => {
      const done = spawnSync("curl", args, { encoding: "utf8" });
      return done.status === 0 && done.stdout.includes("Hello") ? "ok" : "failed " + done.status + " " + done.stderr;
    };
""")


def install_coder(prefix: Path, mode: int = 0o755) -> Path:
    package = prefix / "lib" / "node_modules" / "@acme" / "coder"
    (package / "lib").mkdir(parents=True)
    (package / "cli.js").write_text(CLI)
    (package / "cli.js").chmod(0o755)
    (package / "lib" / "check.js").write_text(CHECK)
    (prefix / "bin").mkdir()
    (prefix / "bin" / "coder").symlink_to("../lib/node_modules/@acme/coder/cli.js")
    package.chmod(mode)
    return prefix / "bin"


@pytest.fixture
def endpoint() -> Iterator[ThreadingHTTPServer]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # the name http.server calls
            payload = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, port: int, mode: int = 0o755) -> None:
    bin_dir = install_coder(Path(pytester.path.parent / f"{pytester.path.name}-prefix"), mode)
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")
    (pytester.path / "llmcode.yaml").write_text(textwrap.dedent(f"""\
        agents:
          coder:
            command: CODER_MODE=write coder {{prompt_file}}
            model: local/coder
            base_url: http://127.0.0.1:{port}/v1
            set_env: {{CODER_BASE_URL: "{{base_url}}"}}
            timeout: 60
    """))
    folder = pytester.mkdir("greeting")
    (folder / "challenge.yaml").write_text(GREETING_CHALLENGE)
    (folder / "test_page.py").write_text(PAGE_CHECKS)


@pytest.mark.parametrize("backend", ["namespace", "docker"])
def test_an_agent_installed_under_tmp_reaches_its_http_endpoint_from_the_sandbox(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, endpoint: ThreadingHTTPServer, backend: str
) -> None:
    need(backend)
    project(pytester, monkeypatch, endpoint.server_address[1])
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=agent:coder", "--llm-output=out",
                                           f"--llm-sandbox={backend}")
    case = pytester.path / "out" / "greeting" / "agent-coder" / "s0"
    log = (case / "logs" / "agent.log").read_text()
    result.assert_outcomes(passed=2)
    assert "coder: home and tmp writable" in log
    assert "coder: mode write" in log  # the assignment before the program reached it
    for how in ("direct", "proxy absolute-form", "proxy connect"):
        assert f"coder: {how} ok" in log, log
    assert json.loads((case / "files.json").read_text()) == ["index.html"]  # not its home's files


def test_an_agent_the_sandbox_user_cannot_run_is_a_usage_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, endpoint: ThreadingHTTPServer
) -> None:
    project(pytester, monkeypatch, endpoint.server_address[1], mode=0o700)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=agent:coder", "--llm-output=out")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*agent:coder: its command `coder` (*/bin/coder) cannot be run by the sandbox's user"
                                 " (nobody): */node_modules/@acme/coder is not readable and executable by others*"])


def test_an_agent_whose_endpoint_is_down_is_a_usage_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, endpoint: ThreadingHTTPServer
) -> None:
    port = endpoint.server_address[1]
    endpoint.shutdown()
    endpoint.server_close()
    project(pytester, monkeypatch, port)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=agent:coder", "--llm-output=out")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*agent:coder (defined in *llmcode.yaml): cannot reach http://127.0.0.1:{port}/v1*"])
