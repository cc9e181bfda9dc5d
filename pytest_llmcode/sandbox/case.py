"""The sandbox of one case's stage: how its commands are started, reached and ended."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import stat
from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox import SANDBOX_UID, SandboxConfig
from pytest_llmcode.sandbox.container import CaseContainer
from pytest_llmcode.sandbox.limits import CaseLimits, limit_events
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.proxy import RegistryProxy

_OPEN: set[CaseSandbox] = set()
_NEEDED = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc")


def _parents(path: Path) -> list[str]:
    """bwrap arguments that make the missing parents of ``path`` traversable (bwrap would make them 0700)."""
    args = []
    for parent in reversed(path.parents[:-1]):
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _hideable(paths: list[Path]) -> list[Path]:
    """The folders of ``paths`` that can be hidden without hiding what commands need to run
    (system folders, and where node and npm live, e.g. a Node.js under ~/.nvm)."""
    needed = [Path(p) for p in _NEEDED]
    for tool in ("node", "npm"):
        found = shutil.which(tool)
        if found:
            needed += [Path(found).parent, Path(os.path.realpath(found)).parent]
    return [p for p in dict.fromkeys(paths) if p.is_dir() and not any(n == p or p in n.parents for n in needed)]


def close_all() -> None:
    """Close every sandbox still open (an interrupted run must leave no process or namespace behind)."""
    for sandbox in list(_OPEN):
        sandbox.close()


def npm_cache_dir() -> Path:
    """npm's cache for sandboxed installs: shared by cases, apart from the user's own ~/.npm."""
    configured = os.environ.get("LLMCODE_NPM_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pytest-llmcode" / "npm"


def give_to_sandbox_user(root: Path) -> None:
    """The sandbox's unprivileged user owns the workspace (it must write there, and only there).
    Symlinks are never followed, and entries that vanish meanwhile are skipped. Root's files with
    more than one link stay root's: they are the dependency store's (see dep_store.py)."""
    for _current, dirnames, filenames, dir_fd in os.fwalk(root):
        os.chown(dir_fd, SANDBOX_UID, SANDBOX_UID)
        for name in filenames + dirnames:
            try:
                info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                if info.st_uid == 0 and info.st_nlink > 1 and stat.S_ISREG(info.st_mode):
                    continue
                os.chown(name, SANDBOX_UID, SANDBOX_UID, dir_fd=dir_fd, follow_symlinks=False)
            except FileNotFoundError:
                pass


def _shared_cache(path: Path) -> Path:
    """The npm cache shared by cases: made once and given to the sandbox user, never walked again
    (a running case could swap its entries for symlinks)."""
    path.mkdir(parents=True, exist_ok=True)
    if path.stat().st_uid != SANDBOX_UID:
        give_to_sandbox_user(path)
    return path


class CaseSandbox:
    """One case's commands: in ``namespace`` mode inside a fresh network namespace, under bubblewrap
    (the host read-only, home folders and other results hidden, a private /tmp) as the user nobody,
    in the case's cgroup (as in ``none`` mode), so that limits hold and nothing outlives :meth:`close`;
    in ``docker`` mode in the case's container, which holds the same and is removed by :meth:`close`."""

    def __init__(self, config: SandboxConfig, name: str, workspace: Path, hidden: list[Path],
                 extra_hosts: tuple[str, ...] = (), network: NetNamespace | None = None) -> None:
        """``extra_hosts``: more hosts the proxy lets through while the network is open (an agent's endpoint).
        ``network``: a namespace to run in instead of a new one (a worker's, where cases are served one
        after another and its browser runs); it is left open by :meth:`close`."""
        self.config = config
        self.shared_network = network is not None and config.backend == "namespace"
        self.extra_hosts = extra_hosts
        self.workspace = workspace
        self.hidden = hidden
        self.limits: CaseLimits | None = None
        self.namespace: NetNamespace | None = None
        self.proxy: RegistryProxy | None = None
        self.container: CaseContainer | None = None
        self.closed = False
        _OPEN.add(self)
        try:
            if config.backend == "docker":
                self.npm_cache = _shared_cache(npm_cache_dir())
                give_to_sandbox_user(workspace)
                self.container = CaseContainer(config, name, [workspace, self.npm_cache], hidden)
                self.namespace = self.container.network
                return
            if config.limits:
                self.limits = CaseLimits(name, config.memory_bytes, config.max_pids)
            if config.backend == "namespace":
                self.namespace = network if self.shared_network else NetNamespace()
                self.npm_cache = _shared_cache(npm_cache_dir())
                give_to_sandbox_user(workspace)
        except BaseException:
            self.close()
            raise

    @property
    def isolated(self) -> bool:
        return self.config.backend in ("namespace", "docker")

    def _check_open(self) -> None:
        if self.closed:  # never fall back to running generated code on the host
            raise RuntimeError("this case's sandbox is closed; nothing more may run in it")

    def env(self, base: dict[str, str], *, network: bool = False) -> dict[str, str]:
        """The environment of a sandboxed command; ``network`` lets it reach the package registry."""
        self._check_open()
        env = dict(base)
        if self.namespace is None:
            return env
        env.update({"HOME": "/tmp", "TMPDIR": "/tmp", "npm_config_cache": str(self.npm_cache)})
        for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
            env.pop(key, None)
        if network:
            if self.proxy is None:
                self.proxy = RegistryProxy(self.namespace, {*self.config.allowed_hosts, *self.extra_hosts})
            env.update({"npm_config_proxy": self.proxy.url, "npm_config_https_proxy": self.proxy.url,
                        "HTTPS_PROXY": self.proxy.url, "HTTP_PROXY": self.proxy.url,
                        "npm_config_ignore_scripts": "true"})
        return env

    def argv(self, command: str, cwd: Path, env: Mapping[str, str] = {}) -> list[str]:  # noqa: B006 - read only
        """How to start an untrusted command (``env``: the environment it gets)."""
        self._check_open()
        if self.container is not None:
            return self.container.exec_argv(command, cwd, env)
        if self.namespace is None:
            return ["/bin/sh", "-c", command]
        mounts = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp",
                  "--tmpfs", "/dev/shm"]
        for path in _hideable(self.hidden):
            mounts += [*_parents(path), "--tmpfs", str(path)]
        for path in (self.workspace, self.npm_cache):
            mounts += [*_parents(path), "--bind", str(path), str(path)]
        return [*self.namespace.enter(), "bwrap", *mounts, "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session", "--chdir", str(cwd), "--",
                "setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups", "--",
                "/bin/sh", "-c", command]

    def wrap(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        """How to start an untrusted command: in the case's cgroup, with its rlimits (set by a shell
        before it executes the sandbox: no Python runs between fork and exec), then :meth:`argv`.
        A container has its own limits: there it is :meth:`argv` alone."""
        if self.container is not None:
            return self.argv(command, cwd, env)
        joins = [f"echo $$ > {shlex.quote(str(group / 'cgroup.procs'))}" for group in
                 (self.limits.dirs if self.limits is not None else [])]
        blocks = max(1, self.config.file_size_bytes // 512)
        script = " && ".join([*joins, f"ulimit -f {blocks}", "ulimit -c 0", 'exec "$@"'])
        return ["/bin/sh", "-c", script, "llmcode-limits", *self.argv(command, cwd, env)]

    def service_argv(self, command: str) -> list[str]:
        """How to start one of the challenge's own services: trusted, but in the case's network."""
        prefix = self.namespace.enter() if self.namespace is not None else []
        return [*prefix, "/bin/sh", "-c", command]

    def connect(self, host: str, port: int, timeout: float) -> socket.socket:
        if self.namespace is not None:
            return self.namespace.connect(host, port, timeout)
        return socket.create_connection((host, port), timeout=timeout)

    def browser_wrapper(self, chromium: str, folder: Path) -> str:
        """An executable that starts ``chromium`` inside the case's network (Playwright talks to it
        over a pipe), or ``chromium`` itself when there is no namespace."""
        if self.namespace is None:
            return chromium
        return browser_wrapper(self.namespace, chromium, folder)

    def notes(self) -> list[str]:
        found = list(self.limits.events()) if self.limits is not None else []
        if self.container is not None:
            found += limit_events(self.container.groups)
        refused = self.proxy.refused if self.proxy is not None else []
        if refused:
            found.append("network access refused during install: " + ", ".join(sorted(set(refused))[:10]))
        return found

    def end_network(self) -> None:
        """Dependencies are installed: the registry is out of reach from now on (tunnels included)."""
        if self.proxy is not None:
            self.proxy.close()

    def close(self) -> None:
        """End every process of the case (daemons included) and its namespace."""
        self.closed = True
        _OPEN.discard(self)
        if self.proxy is not None:
            self.proxy.close()
        if self.limits is not None:
            self.limits.kill_all()
        if self.container is not None:
            self.container.close()  # its namespace with it
            self.container = None
            self.namespace = None
        if self.namespace is not None and not self.shared_network:
            self.namespace.close()
        self.namespace = None

    def free_port(self) -> int:
        """A TCP port nothing listens on in the sandbox's network."""
        def pick() -> int:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                return int(sock.getsockname()[1])
        return self.namespace.inside(pick) if self.namespace is not None else pick()


def browser_wrapper(namespace: NetNamespace, chromium: str, folder: Path) -> str:
    """An executable in ``folder`` that starts ``chromium`` inside ``namespace``."""
    folder.mkdir(parents=True, exist_ok=True)
    wrapper = folder / "chromium-in-sandbox.sh"
    wrapper.write_text(f'#!/bin/sh\nexec {" ".join(namespace.enter())} "{chromium}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def disk_use(root: Path) -> int:
    """Bytes of disk the files under ``root`` take."""
    total = 0
    for current, _, filenames in os.walk(root):
        for name in filenames:
            try:
                total += os.lstat(os.path.join(current, name)).st_blocks * 512
            except OSError:
                pass
    return total
