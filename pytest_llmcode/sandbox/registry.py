"""The sandbox backends by name, and which one a run gets for ``--llm-sandbox``.

``auto`` picks ``namespace`` where this host allows it and otherwise falls back to ``none`` with a
warning; any other backend asked for by name fails when it cannot be had. A new backend is a
module with a :class:`~pytest_llmcode.sandbox.base.Backend`, listed in :data:`BUILTIN` or returned
by a plugin's ``pytest_llmcode_sandbox_backends`` hook."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from pytest_llmcode.sandbox import docker, host, namespace
from pytest_llmcode.sandbox.base import Backend
from pytest_llmcode.sandbox.config import SandboxConfig, SandboxUnavailable, registry_hosts
from pytest_llmcode.sandbox.limits import cgroups_available

BUILTIN: tuple[Backend, ...] = (namespace.BACKEND, docker.BACKEND, host.BACKEND)
AUTO = "auto"


def backends(extra: Iterable[Backend] = ()) -> dict[str, Backend]:
    """The built-in backends and ``extra`` (a plugin's), by name; a name given twice is refused."""
    found: dict[str, Backend] = {}
    for backend in (*BUILTIN, *extra):
        if backend.name in found or backend.name == AUTO:
            raise SandboxUnavailable(f"two sandbox backends are named {backend.name!r}")
        found[backend.name] = backend
    return found


def modes(registry: dict[str, Backend]) -> tuple[str, ...]:
    return (AUTO, *registry)


def resolve(mode: str, registry: dict[str, Backend] | None = None, *, memory_mb: int | None = None,
            max_pids: int | None = None, file_mb: int | None = None) -> SandboxConfig:
    """The sandbox a run gets for ``--llm-sandbox=mode``; raises :class:`SandboxUnavailable`."""
    config = resolve_backend(mode, registry)
    if memory_mb:
        config = dataclasses.replace(config, memory_bytes=memory_mb * 1024 * 1024)
    if max_pids:
        config = dataclasses.replace(config, max_pids=max_pids)
    if file_mb:
        config = dataclasses.replace(config, file_size_bytes=file_mb * 1024 * 1024)
    return config


def _config(backend: Backend, warning: str | None = None) -> SandboxConfig:
    cgroup_problem = cgroups_available() if backend.cgroup_limits else None
    if backend.isolated and cgroup_problem and warning is None:
        warning = f"no memory or process-count limits: {cgroup_problem}"
    return SandboxConfig(backend.name, allowed_hosts=registry_hosts() if backend.registry_proxy else frozenset(),
                         limits=cgroup_problem is None, warning=warning, where=backend.where)


def resolve_backend(mode: str, registry: dict[str, Backend] | None = None) -> SandboxConfig:
    registry = registry if registry is not None else backends()
    if mode != AUTO and mode not in registry:
        raise SandboxUnavailable(f"--llm-sandbox={mode!r}: expected one of {', '.join(modes(registry))}")
    if mode == "none":
        return _config(registry["none"], "--llm-sandbox=none: generated code ran on the host, unisolated")
    if mode != AUTO:
        backend = registry[mode]
        problem = backend.problem()
        if problem is not None:
            raise SandboxUnavailable(f"--llm-sandbox={mode} is not available: {problem}")
        return _config(backend)
    problem = registry["namespace"].problem()
    if problem is None:
        return _config(registry["namespace"])
    return _config(registry["none"], f"no sandbox: generated code ran on the host, because {problem} "
                                     "(--llm-sandbox=auto fell back to none)")
