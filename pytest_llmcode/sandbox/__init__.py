"""Where generated code runs: ``namespace`` (its own network namespace with only loopback, a
read-only view of the host, an unprivileged user, cgroup limits), ``docker`` (a container per case
with no network, built from an image this package ships) or ``none`` (the host).

``auto`` picks ``namespace`` where this host allows it and otherwise falls back to ``none`` with a
warning; ``namespace`` or ``docker`` asked for explicitly fails when it cannot be had."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from urllib.parse import urlparse

MODES = ("auto", "namespace", "docker", "none")
SANDBOX_UID = 65534  # nobody
DEFAULT_REGISTRY = "https://registry.npmjs.org/"


class SandboxUnavailable(Exception):
    """The sandbox asked for cannot be had on this host; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class SandboxConfig:
    backend: str  # "namespace", "docker" or "none", after ``auto`` is resolved
    memory_bytes: int = 4 * 1024**3
    max_pids: int = 1024
    file_size_bytes: int = 1024**3
    workspace_bytes: int = 4 * 1024**3
    allowed_hosts: frozenset[str] = frozenset()
    limits: bool = True  # cgroups usable
    warning: str | None = None  # why the run is less isolated than asked (shown in the summary)

    def describe(self) -> str:
        if self.backend == "namespace":
            where = "own loopback-only network, host read-only, as nobody"
        elif self.backend == "docker":
            where = "a container per case, no network, host system read-only, as nobody"
        else:
            where = "on the host, unisolated"
        limits = (f"{self.memory_bytes // 2**20} MiB, {self.max_pids} processes" if self.limits
                  else "no memory or process limits")
        return f"{self.backend} ({where}; {limits}; files up to {self.file_size_bytes // 2**20} MiB)"


def registry_hosts() -> frozenset[str]:
    """The package registries dependency installation may reach: npm's configured registry (or
    npmjs.org), plus ``LLMCODE_ALLOW_HOSTS`` (comma-separated host names)."""
    hosts = set()
    configured = os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY") or DEFAULT_REGISTRY
    if urlparse(configured).hostname:
        hosts.add(str(urlparse(configured).hostname))
    hosts |= {h.strip() for h in os.environ.get("LLMCODE_ALLOW_HOSTS", "").split(",") if h.strip()}
    return frozenset(hosts)


def namespace_problem() -> str | None:
    """Why the namespace backend cannot run here, or None if it can."""
    if os.geteuid() != 0:
        return "it needs root (network namespaces and cgroups); run as root, or in a container or VM you own"
    for tool in ("unshare", "nsenter", "bwrap", "ip", "setpriv"):
        if shutil.which(tool) is None:
            package = {"bwrap": "bubblewrap", "ip": "iproute2", "setpriv": "util-linux"}.get(tool, "util-linux")
            return f"`{tool}` is not installed (Debian/Ubuntu: apt-get install {package})"
    from pytest_llmcode.sandbox.netns import NetNamespace

    try:
        namespace = NetNamespace()
    except OSError as exc:
        return f"this host does not allow network namespaces: {exc}"
    try:
        done = subprocess.run(
            [*namespace.enter(), "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
             "--unshare-pid", "--", "true"],
            capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap does not run here: {exc}"
    finally:
        namespace.close()
    if done.returncode != 0:
        return f"bubblewrap does not run here: {done.stderr.strip()[:300]}"
    return None


def resolve(
    mode: str, *, memory_mb: int | None = None, max_pids: int | None = None, file_mb: int | None = None
) -> SandboxConfig:
    """The sandbox a run gets for ``--llm-sandbox=mode``; raises :class:`SandboxUnavailable`."""
    config = resolve_backend(mode)
    if memory_mb:
        config = dataclasses.replace(config, memory_bytes=memory_mb * 1024 * 1024)
    if max_pids:
        config = dataclasses.replace(config, max_pids=max_pids)
    if file_mb:
        config = dataclasses.replace(config, file_size_bytes=file_mb * 1024 * 1024)
    return config


def resolve_backend(mode: str) -> SandboxConfig:
    from pytest_llmcode.sandbox.limits import cgroups_available

    if mode not in MODES:
        raise SandboxUnavailable(f"--llm-sandbox={mode!r}: expected one of {', '.join(MODES)}")
    if mode == "none":
        return SandboxConfig("none", limits=cgroups_available() is None,
                             warning="--llm-sandbox=none: generated code ran on the host, unisolated")
    if mode == "docker":
        from pytest_llmcode.sandbox.container import docker_problem

        problem = docker_problem()
        if problem is not None:
            raise SandboxUnavailable(f"--llm-sandbox=docker is not available: {problem}")
        return SandboxConfig("docker", allowed_hosts=registry_hosts())
    problem = namespace_problem()
    if problem is not None:
        if mode == "namespace":
            raise SandboxUnavailable(f"--llm-sandbox=namespace is not available: {problem}")
        return SandboxConfig("none", limits=cgroups_available() is None,
                             warning=f"no sandbox: generated code ran on the host, because {problem} "
                                     "(--llm-sandbox=auto fell back to none)")
    cgroup_problem = cgroups_available()
    warning = f"no memory or process-count limits: {cgroup_problem}" if cgroup_problem else None
    return SandboxConfig("namespace", allowed_hosts=registry_hosts(), limits=cgroup_problem is None,
                         warning=warning)
