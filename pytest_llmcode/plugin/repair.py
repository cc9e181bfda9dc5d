"""Repair rounds after failed behaviour tests (``--llm-repair-rounds=K``, verify stage).

The behaviour tests of a case run as usual, but their reports are held back until the last of them
(in this module) has run. If some failed at verify and a round is left, the model is told which
behaviours failed and how (the checks' messages and the page's console errors, never the checks'
source), its changes are applied, the app is rebuilt, and the case's tests run again; only the last
round's reports are logged, so JUnit, the results and the terminal see each test once. The earlier
rounds' screenshots and browser logs are kept under ``rounds/<k>/``.

Under pytest-xdist this works where the tests of a case are kept on one worker (``-n`` alone, and
the other --dist modes of ``plugin.xdist.KEEP_TOGETHER``). With ``--dist loadgroup`` they may run on
several workers, which must not rebuild an app another one is testing: there, failed behaviours are
not sent back."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from _pytest.runner import runtestprotocol  # the one private pytest import: a test run again, its reports held

from pytest_llmcode.plugin.shard import case_key
from pytest_llmcode.reporting.record import Prop

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.builder import CaseBuilder

MESSAGE_LIMIT = 3_000


def _group(item: pytest.Item) -> tuple[str, str] | None:
    key = case_key(item)
    return (str(item.path), key) if key is not None else None


def _section(report: pytest.TestReport, name: str) -> str:
    """A section the plugin added to the test's report (``item.add_report_section``)."""
    return "\n".join(content for title, content in report.sections if title.startswith(f"Captured {name} "))


def _message(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = str(getattr(crash, "message", "") or report.longreprtext or "").strip()[:MESSAGE_LIMIT]
    browser = _section(report, "browser")
    if browser:
        text += "\n\nThe page's console and errors:\n" + browser.strip()[:MESSAGE_LIMIT]
    page = _section(report, "page")
    if page:  # the screenshot, described (see browser.log.describe_page)
        text += "\n\nWhat the page showed when the check failed:\n" + page.strip()
    return text


def verify_failures(runs: list[tuple[pytest.Item, list[pytest.TestReport]]]) -> list[tuple[str, str]]:
    """(behaviour test, what it reported) for each test that failed while checking a running app."""
    found = []
    for item, reports in runs:
        props = dict(item.user_properties)
        hidden = props.get(Prop.HIDDEN_TEST)  # a commit challenge's test: its output goes back, never its source
        for report in reports:
            if report.when == "call" and report.failed and props.get(Prop.STAGE) == "verify":
                name = str(hidden) if hidden else getattr(item, "originalname", item.name)
                found.append((name, _without_source(_message(report)) if hidden else _message(report)))
    return found


def _without_source(text: str) -> str:
    """What a hidden test said, without its code: the first line (the test and its message) and
    pytest's explanation lines (``E ...``); a traceback's source lines stay hidden."""
    lines = text.splitlines()
    return "\n".join(lines[:1] + [line for line in lines[1:] if line.startswith("E ")])


def _passed_first_try(reports: list[pytest.TestReport]) -> bool:
    """The test passed, on an app built from the first answer (no earlier repair round)."""
    call = [r for r in reports if r.when == "call"]
    props = dict(call[0].user_properties) if call else {}
    return bool(call) and all(r.passed for r in reports if r.when == "call") and not any(
        r.failed for r in reports) and str(props.get(Prop.REPAIR_ROUNDS, 0)) == "0"


class VerifyRepair:
    """A plugin object, registered when repair rounds are asked for and each case's tests run in one
    process (see the module)."""

    def __init__(self, builder: Callable[[], CaseBuilder], rounds: int, reset: Callable[[pytest.Item], None]) -> None:
        self.builder = builder  # gives the session's CaseBuilder
        self.rounds = rounds
        self.reset = reset  # clears what a test left on its item, before it runs again
        self.held: dict[tuple[str, str], list[tuple[pytest.Item, list[pytest.TestReport]]]] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
        group = _group(item)
        if group is None:
            return None
        runs = self.held.setdefault(group, [])
        runs.append((item, runtestprotocol(item, nextitem=nextitem, log=False)))
        if nextitem is not None and _group(nextitem) == group:
            return True  # more of this case to come: its fixtures stay up
        del self.held[group]
        items = [it for it, _ in runs]
        first_try = {it.nodeid: _passed_first_try(reports) for it, reports in runs}
        repaired = False
        for _ in range(self.rounds):
            failures = verify_failures(runs)
            spec = item.callspec.params["llm_case"]  # type: ignore[attr-defined]
            if not failures or not self.builder().repair_after_verify(spec, failures):
                break
            repaired = True
            runs = []
            for index, it in enumerate(items):
                self.reset(it)
                following = items[index + 1] if index + 1 < len(items) else nextitem
                runs.append((it, runtestprotocol(it, nextitem=following, log=False)))
        for it, reports in runs:
            with _reported_as(it):
                it.ihook.pytest_runtest_logstart(nodeid=it.nodeid, location=it.location)
                for report in reports:
                    if repaired:  # what this test did before any repair
                        report.user_properties.append((Prop.PASSED_FIRST_TRY, first_try[it.nodeid]))
                    it.ihook.pytest_runtest_logreport(report=report)
                it.ihook.pytest_runtest_logfinish(nodeid=it.nodeid, location=it.location)
        return True


@contextlib.contextmanager
def _reported_as(item: pytest.Item) -> Iterator[None]:
    """A pytest-xdist worker tags each report with the index of the item it runs, and checks that
    they agree: the held reports of a case's earlier tests are sent under their own index."""
    worker = next((plugin for plugin in item.config.pluginmanager.get_plugins()
                   if type(plugin).__name__ == "WorkerInteractor" and hasattr(plugin, "item_index")), None)
    if worker is None:
        yield
        return
    running = worker.item_index
    worker.item_index = item.session.items.index(item)
    try:
        yield
    finally:
        worker.item_index = running

