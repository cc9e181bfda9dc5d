"""The sandbox backends by name, and which one a run gets for ``--llm-sandbox``.

``auto`` picks ``namespace`` where this host allows it, else ``docker``, and otherwise falls back to
``none`` with a warning, or fails when a sandbox is required (``--llm-require-sandbox``, as the
GitHub Action sets it); any other backend asked for by name fails when it cannot be had. A new backend is a
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
            max_pids: int | None = None, file_mb: int | None = None, required: bool = False) -> SandboxConfig:
    """The sandbox a run gets for ``--llm-sandbox=mode``; raises :class:`SandboxUnavailable`
    (``required``: rather than running generated code unsandboxed)."""
    config = resolve_backend(mode, registry, required=required)
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


REQUIRED_HELP = ("under the GitHub Action, run the job as root or as a user with passwordless sudo (as on "
                 "GitHub-hosted runners), or set `allow-unsandboxed: true` to run generated code on the runner")


def resolve_backend(mode: str, registry: dict[str, Backend] | None = None, *, required: bool = False) -> SandboxConfig:
    registry = registry if registry is not None else backends()
    if mode != AUTO and mode not in registry:
        raise SandboxUnavailable(f"--llm-sandbox={mode!r}: expected one of {', '.join(modes(registry))}")
    if required and mode != AUTO and not registry[mode].isolated:
        raise SandboxUnavailable(f"--llm-sandbox={mode} runs generated code unsandboxed, but --llm-require-sandbox "
                                 f"is set; {REQUIRED_HELP}")
    if mode == "none":
        return _config(registry["none"], "--llm-sandbox=none: generated code ran on the host, unisolated")
    if mode != AUTO:
        backend = registry[mode]
        problem = backend.problem()
        if problem is not None:
            raise SandboxUnavailable(f"--llm-sandbox={mode} is not available: {problem}")
        return _config(backend)
    problems = {}
    for name in ("namespace", "docker"):
        problem = registry[name].problem()
        if problem is None:
            return _config(registry[name])
        problems[name] = problem
    why = "; ".join(f"{name}: {problem}" for name, problem in problems.items())
    if required:
        raise SandboxUnavailable(f"--llm-require-sandbox: no sandbox can run here ({why}); {REQUIRED_HELP}")
    return _config(registry["none"], f"no sandbox: generated code ran on the host, because {problems['namespace']} "
                                     "(--llm-sandbox=auto fell back to none)")
