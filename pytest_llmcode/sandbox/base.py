"""The seam of every sandbox backend: :class:`Sandbox`, one case's stage (install and build, an
agent's command, serving and checks), and :class:`Backend`, how a registry names and opens them.

:class:`CommandSandbox` is what the built-in backends share: a command is started with the
scrubbed environment (no keys, tokens or other secrets) plus what the caller adds, through
:meth:`~CommandSandbox.wrap`, which each backend defines."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from pytest_llmcode.core.process import Process, RunResult, run, scrubbed_env
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.netns import NetNamespace

_OPEN: set[CommandSandbox] = set()


@dataclasses.dataclass(frozen=True)
class Reach:
    """What an agent's commands may reach besides the workspace and, while the network is open, the
    package registry: more ``hosts`` through the proxy (port 443), ``endpoints`` (host, port) at their
    own address (see :mod:`pytest_llmcode.sandbox.forward`), and host ``folders`` read-only (where its
    program is installed)."""

    hosts: tuple[str, ...] = ()
    endpoints: tuple[tuple[str, int], ...] = ()
    folders: tuple[Path, ...] = ()


NO_REACH = Reach()  # a stage of the case itself (install, build, serve): nothing more


@dataclasses.dataclass(frozen=True)
class SandboxRequest:
    """What one sandbox is for: ``name`` (unique in the run), the workspace its commands may write,
    the folders they must not see, what more they may reach (an agent's), and the network to run in
    instead of a new one (a worker's, where cases are served one after another and its browser runs;
    left open by ``close``)."""

    name: str
    workspace: Path
    hidden: tuple[Path, ...] = ()
    reach: Reach = NO_REACH
    network: NetNamespace | None = None


class Sandbox(Protocol):
    """One case's stage: how its untrusted commands start, are reached and end."""

    @property
    def isolated(self) -> bool:
        """Whether its commands are kept from the host (its files, its network)."""
        ...

    @property
    def network(self) -> NetNamespace | None:
        """The network namespace its commands run in; None: the host's."""
        ...

    @property
    def shared_network(self) -> bool:
        """Whether :attr:`network` is the worker's, where its browser runs (it outlives this sandbox)."""
        ...

    def env(self, base: Mapping[str, str], *, network: bool = False) -> dict[str, str]:
        """The environment a command gets; ``network`` lets it reach the package registry."""
        ...

    def run(self, command: str, *, cwd: Path, log_path: Path, timeout: float,
            env: Mapping[str, str] | None = None, network: bool = False) -> RunResult:
        """Run an untrusted command to its end (or its timeout), its output in ``log_path``; ``env``
        is added to the scrubbed environment."""
        ...

    def start(self, command: str, *, cwd: Path, log_path: Path, env: Mapping[str, str] | None = None) -> Process:
        """Start an untrusted command (a server) and return at once."""
        ...

    def start_service(self, command: str, *, cwd: Path, log_path: Path) -> Process:
        """Start one of the challenge's own services: trusted, but in this sandbox's network."""
        ...

    def connect(self, host: str, port: int, timeout: float) -> socket.socket:
        """A TCP connection made in this sandbox's network."""
        ...

    def free_port(self) -> int:
        """A TCP port nothing listens on in this sandbox's network."""
        ...

    def browser_executable(self, chromium: str, folder: Path) -> str:
        """An executable that starts ``chromium`` in this sandbox's network (Playwright talks to it
        over a pipe), or ``chromium`` itself when it runs on the host's."""
        ...

    def notes(self) -> list[str]:
        """Limits its commands ran into and access they were refused, in words."""
        ...

    def end_network(self) -> None:
        """Dependencies are installed: the registry is out of reach from now on."""
        ...

    def close(self) -> None:
        """End every process it started (daemons included), and its network unless shared."""
        ...


@dataclasses.dataclass(frozen=True)
class Backend:
    """A sandbox backend as the registry knows it (see :mod:`pytest_llmcode.sandbox.registry`)."""

    name: str  # the value of --llm-sandbox
    where: str  # its isolation in words, for the run's summary
    open: Callable[[SandboxConfig, SandboxRequest], Sandbox]
    problem: Callable[[], str | None] = lambda: None  # why it cannot run on this host, or None
    isolated: bool = True
    shares_network: bool = False  # can serve a worker's cases one after another in its browser's network
    registry_proxy: bool = True  # installs reach the package registries through a proxy (allowed_hosts)
    cgroup_limits: bool = True  # its memory and process limits are the host's cgroups (else its own)


def close_all() -> None:
    """Close every sandbox still open (an interrupted run must leave no process or namespace behind)."""
    for sandbox in list(_OPEN):
        sandbox.close()


class CommandSandbox:
    """What the built-in backends share: commands started through :meth:`wrap` with the scrubbed
    environment; nothing runs once :meth:`close` was called."""

    isolated = False

    def __init__(self, config: SandboxConfig, request: SandboxRequest) -> None:
        self.config = config
        self.request = request
        self.workspace = request.workspace
        self.closed = False
        _OPEN.add(self)

    @property
    def network(self) -> NetNamespace | None:
        return None

    @property
    def shared_network(self) -> bool:
        return False

    def _check_open(self) -> None:
        if self.closed:  # never fall back to running generated code on the host
            raise RuntimeError("this case's sandbox is closed; nothing more may run in it")

    def env(self, base: Mapping[str, str], *, network: bool = False) -> dict[str, str]:
        self._check_open()
        return dict(base)

    def argv(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        """How to start an untrusted command (``env``: the environment it gets)."""
        self._check_open()
        return ["/bin/sh", "-c", command]

    def wrap(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        """:meth:`argv` with the backend's limits around it."""
        return self.argv(command, cwd, env)

    def run(self, command: str, *, cwd: Path, log_path: Path, timeout: float,
            env: Mapping[str, str] | None = None, network: bool = False) -> RunResult:
        full = self.env(scrubbed_env(dict(env or {})), network=network)
        return run(command, cwd=cwd, log_path=log_path, env=full, timeout=timeout,
                   argv=self.wrap(command, cwd, full))

    def start(self, command: str, *, cwd: Path, log_path: Path, env: Mapping[str, str] | None = None) -> Process:
        full = self.env(scrubbed_env(dict(env or {})))
        return Process(command, cwd=cwd, log_path=log_path, env=full, argv=self.wrap(command, cwd, full))

    def start_service(self, command: str, *, cwd: Path, log_path: Path) -> Process:
        prefix = self.network.enter() if self.network is not None else []
        return Process(command, cwd=cwd, log_path=log_path, env=scrubbed_env(),
                       argv=[*prefix, "/bin/sh", "-c", command])

    def connect(self, host: str, port: int, timeout: float) -> socket.socket:
        if self.network is not None:
            return self.network.connect(host, port, timeout)
        return socket.create_connection((host, port), timeout=timeout)

    def free_port(self) -> int:
        def pick() -> int:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                return int(sock.getsockname()[1])
        return self.network.inside(pick) if self.network is not None else pick()

    def browser_executable(self, chromium: str, folder: Path) -> str:
        if self.network is None:
            return chromium
        return browser_wrapper(self.network, chromium, folder)

    def notes(self) -> list[str]:
        return []

    def end_network(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
        _OPEN.discard(self)


def browser_wrapper(namespace: NetNamespace, chromium: str, folder: Path) -> str:
    """An executable in ``folder`` that starts ``chromium`` inside ``namespace``."""
    folder.mkdir(parents=True, exist_ok=True)
    wrapper = folder / "chromium-in-sandbox.sh"
    wrapper.write_text(f'#!/bin/sh\nexec {" ".join(namespace.enter())} "{chromium}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)
