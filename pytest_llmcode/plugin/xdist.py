"""Keep all behaviour tests of a case on one pytest-xdist worker: it is built and served once, and
its failed behaviours can go back to the model (``--llm-repair-rounds``) on that worker.

``-n`` alone turns on ``--dist=load``, which (like ``worksteal``) spreads tests singly. For those
two the controller schedules with :class:`CaseScheduling` instead: xdist's ``loadscope`` with a
case (its challenge folder, model and sample, read from the test's id) as the unit of work, so the
cases still spread over the workers. ``loadscope`` and ``loadfile`` keep a module together, so a
case's tests in it too. ``loadgroup`` is xdist's own (the cases carry ``xdist_group`` marks); it
does not keep them together on pytest 9.2, whose node ids xdist 3.8's loadgroup does not yet follow,
and there the per-case build lock alone keeps a case from being built twice. ``each`` is refused.

Each worker is told whether the cases are kept together (``cases_together``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest

_TOGETHER = "llmcode_cases_together"
KEEP_TOGETHER = ("load", "worksteal", "loadscope", "loadfile")  # with CaseScheduling for the first two


def distributed(config: pytest.Config) -> bool:
    """Whether this run's tests run on pytest-xdist workers (this process is one, or their controller)."""
    option = config.option
    return (hasattr(config, "workerinput") or bool(getattr(option, "numprocesses", None))
            or getattr(option, "dist", "no") != "no" or bool(getattr(option, "tx", None)))


def cases_together(config: pytest.Config) -> bool:
    """On a worker: whether every test of a case that runs here runs here (not on another worker)."""
    return bool(getattr(config, "workerinput", {}).get(_TOGETHER))


def case_scope(labels: Iterable[str]) -> Callable[[str], str | None]:
    """Reads the case of a test from its node id: ``<folder>::<label>-s<N>``, or None for a test that
    is not one of a case (the id of ``llm_case`` is ``<label>-s<N>``, one part of the test's id)."""
    alternatives = "|".join(re.escape(label) for label in sorted(set(labels), key=len, reverse=True))
    if not alternatives:
        return lambda nodeid: None
    case_id = re.compile(rf"(?:^|-)((?:{alternatives})-s\d+)(?=-|$)")

    def scope(nodeid: str) -> str | None:
        path, _, name = nodeid.partition("::")
        start = name.find("[")
        if start < 0 or not name.endswith("]"):
            return None
        found = case_id.search(name[start + 1:-1])
        return f"{posixpath.dirname(path)}::{found.group(1)}" if found else None

    return scope


def _scheduler(config: pytest.Config, log: Any, labels: Iterable[str]) -> Any:
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class CaseScheduling(LoadScopeScheduling):  # type: ignore[misc]
        """xdist's loadscope, with a case as the unit of work (a test of no case goes alone)."""

        def __init__(self, config: pytest.Config, log: Any = None) -> None:
            super().__init__(config, log)
            self._case_of = case_scope(labels)

        def _split_scope(self, nodeid: str) -> str:
            return self._case_of(nodeid) or nodeid

    return CaseScheduling(config, log)


class XdistGrouping:
    """On the controller: the scheduler, and what the workers are told."""

    def __init__(self, labels: Callable[[], list[str]]) -> None:
        self.labels = labels  # the run's model labels, known once the settings are resolved

    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.option.dist in ("load", "worksteal"):
            return _scheduler(config, log, self.labels())
        return None  # xdist's own

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[_TOGETHER] = node.config.option.dist in KEEP_TOGETHER


def configure(config: pytest.Config, labels: Callable[[], list[str]]) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        config.addinivalue_line("markers", "xdist_group(name): tests of one case (used by pytest-xdist)")
        return
    if hasattr(config, "workerinput"):
        return
    if getattr(config.option, "dist", None) == "each":
        raise pytest.UsageError(
            "pytest-llmcode: --dist=each would build every case on every worker; use -n N alone (cases are kept "
            "together)"
        )
    config.pluginmanager.register(XdistGrouping(labels), "llmcode-xdist")
