"""Which sandbox backends this host has, for tests that need one."""

from __future__ import annotations

import functools
import os

import pytest

from pytest_llmcode.sandbox.container import docker_problem
from pytest_llmcode.sandbox.namespace import namespace_problem

BACKENDS = ("namespace", "docker")


@functools.cache
def problem(backend: str) -> str | None:
    """Why this host has no ``backend`` sandbox (``namespace`` or ``docker``), or None if it has one."""
    return {"namespace": namespace_problem, "docker": docker_problem}[backend]()


def need(backend: str) -> None:
    """Skip a test of a backend this host does not have (fail instead where CI requires docker:
    LLMCODE_REQUIRE_DOCKER=1)."""
    found = problem(backend)
    if found is None:
        return
    if backend == "docker" and os.environ.get("LLMCODE_REQUIRE_DOCKER") == "1":
        pytest.fail(f"LLMCODE_REQUIRE_DOCKER=1 but the docker sandbox is not available: {found}")
    pytest.skip(f"no {backend} sandbox here: {found}")
