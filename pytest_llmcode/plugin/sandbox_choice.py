"""Which sandbox a run gets: ``--llm-sandbox`` (or ini ``llm_sandbox``) among the built-in
backends and those of plugins, with its limits, and whether one is required (``--llm-require-sandbox``)."""

from __future__ import annotations

import dataclasses

import pytest

from pytest_llmcode.plugin.option_values import number
from pytest_llmcode.sandbox.base import Backend
from pytest_llmcode.sandbox.config import SandboxConfig, SandboxUnavailable
from pytest_llmcode.sandbox.registry import AUTO, backends, modes
from pytest_llmcode.sandbox.registry import resolve as resolve_sandbox


def sandbox_backends(config: pytest.Config) -> dict[str, Backend]:
    """The built-in sandbox backends and those of plugins (``pytest_llmcode_sandbox_backends``)."""
    extra = [backend for found in config.hook.pytest_llmcode_sandbox_backends(config=config) for backend in found]
    try:
        return backends(extra)
    except SandboxUnavailable as exc:
        raise pytest.UsageError(str(exc)) from None


def choose_sandbox(config: pytest.Config) -> SandboxConfig:
    registry = sandbox_backends(config)
    flag = config.getoption("llm_sandbox")
    mode = flag or str(config.getini("llm_sandbox")).strip() or AUTO
    if mode not in modes(registry):
        source = f"--llm-sandbox={mode}" if flag else f"ini llm_sandbox = {mode!r}"
        raise pytest.UsageError(f"{source}: expected one of {', '.join(modes(registry))}")
    memory = number(config, "llm_memory_mb", "llm_memory_mb", int, minimum=64)
    processes = number(config, "llm_max_processes", "llm_max_processes", int, minimum=16)
    file_mb = number(config, "llm_max_file_mb", "llm_max_file_mb", int, minimum=1)
    files = number(config, "llm_max_workspace_files", "llm_max_workspace_files", int, minimum=100)
    try:
        chosen = resolve_sandbox(mode, registry, memory_mb=int(memory) if memory else None,
                                 max_pids=int(processes) if processes else None,
                                 file_mb=int(file_mb) if file_mb else None,
                                 required=_required(config))
    except SandboxUnavailable as exc:
        raise pytest.UsageError(str(exc)) from None
    return dataclasses.replace(chosen, workspace_files=int(files)) if files else chosen


def _required(config: pytest.Config) -> bool:
    return bool(config.getoption("llm_require_sandbox") or config.getini("llm_require_sandbox"))
