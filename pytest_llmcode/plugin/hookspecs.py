"""The hooks pytest-llmcode adds (registered in ``pytest_addhooks``, as pytest-xdist does). Implement
them in a ``conftest.py`` or a plugin; see docs/extending.md.

The model and sandbox registries are hooks whose results are joined: each implementation returns
the families or backends it adds, and the built-in ones come last. The case events are told in
the process that builds a case (a pytest-xdist worker) and, for ``case_done``, in the one that
sees all of its tests' reports (the controller)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_llmcode.models.registry import ModelFamily
    from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec
    from pytest_llmcode.sandbox.base import Backend


@pytest.hookspec
def pytest_llmcode_models(config: pytest.Config) -> Sequence[ModelFamily]:
    """Return model families to resolve ``--llm-model`` specs with: each has ``forms(context)`` (how
    its specs are written) and ``resolve(body, context)`` (its models, or None when the spec is not
    its own); see :class:`pytest_llmcode.models.registry.ModelFamily`. A plugin's families are asked
    before the built-in ones (``reference``, ``dir:``, ``file:``, ``replay:``, ``agent:``, aliases
    and ``provider/model``)."""
    raise NotImplementedError


@pytest.hookspec
def pytest_llmcode_sandbox_backends(config: pytest.Config) -> Sequence[Backend]:
    """Return sandbox backends (:class:`pytest_llmcode.sandbox.base.Backend`) that ``--llm-sandbox``
    may name besides ``namespace``, ``docker`` and ``none``."""
    raise NotImplementedError


@pytest.hookspec
def pytest_llmcode_case_stage(config: pytest.Config, spec: CaseSpec, stage: str) -> None:
    """A case enters a stage: ``generating``, ``installing``, ``building`` or ``launching``. May be
    called from a thread that builds a later case ahead of the run."""


@pytest.hookspec
def pytest_llmcode_case_built(config: pytest.Config, case: BuiltCase, record: dict[str, Any]) -> None:
    """A case was built, or failed at a stage, or could not be done (``record`` is what its
    ``case.json`` holds: failure, usage, timings, rounds, notes). Told again after a repair round.
    May be called from a thread that builds a later case ahead of the run."""


@pytest.hookspec
def pytest_llmcode_case_done(config: pytest.Config, name: str, record: dict[str, Any],
                             outcomes: dict[str, str]) -> None:
    """The last behaviour test of a case was reported. ``name`` is ``challenge/model/sN``;
    ``record`` what its ``case.json`` holds (empty if it cannot be read); ``outcomes`` each test's
    node id and outcome (passed, failed, error or skipped)."""
