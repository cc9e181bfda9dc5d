"""How a behaviour test's verdict is reached besides its own assertions: a case that failed at a
stage fails each of its tests with that stage and the log tail; an uncaught error of the page does
not fail a test by itself (a check of the challenge's own judges errors), but a failing test's
message notes it; and an error of the harness is said plainly as one (an error, never a failure)."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator

import pytest

from pytest_llmcode.browser.log import BrowserLog
from pytest_llmcode.core.errors import InfrastructureError, StageFailure
from pytest_llmcode.plugin import timing
from pytest_llmcode.plugin.at_once import ITEM_AHEAD
from pytest_llmcode.plugin.evidence import record_call
from pytest_llmcode.plugin.stash import ITEM_APP, ITEM_FAILURE, ITEM_LOG
from pytest_llmcode.plugin.timing import ITEM_TIME
from pytest_llmcode.verify.setup import SetupError


def runtest_call(item: pytest.Item) -> Iterator[None]:
    app = item.stash.get(ITEM_APP, None)
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:  # the case failed before this behaviour could be checked
        # (the app stopped for a limit while its page opened: that is the reason, not the page)
        pytest.fail((getattr(app, "failure", None) or failure).describe(), pytrace=False)
    log = item.stash.get(ITEM_LOG, None)
    host = getattr(app, "browser_host", None)
    kills = host.memory.kills() if host is not None else 0
    stopped_before = getattr(app, "failure", None)
    ahead = item.stash.get(ITEM_AHEAD, None)
    if ahead is not None:  # checked already, beside an earlier test: judged by what happened while it ran
        kills, stopped_before = ahead.kills, ahead.stopped_before

    def killed() -> bool:
        return host is not None and (ahead.kills_after if ahead is not None else host.memory.kills()) > kills

    def stopped_meanwhile() -> StageFailure | None:
        stopped = ahead.stopped_after if ahead is not None else getattr(app, "failure", None)
        return stopped if stopped is not None and stopped is not stopped_before else None

    try:
        with timing.checking(item) if app is not None else contextlib.nullcontext():
            result = yield
    except SetupError as exc:  # said as it is, without the exception's module path
        pytest.fail(_noted(str(exc), log), pytrace=False)
    except Exception as exc:
        if killed():  # the page died of it, whatever the test saw then
            assert host is not None
            pytest.fail(f"{host.memory.describe()}\n{str(exc).strip()[:1000]}", pytrace=False)
        stopped = stopped_meanwhile()
        if stopped is not None:  # the app was stopped meanwhile (a limit)
            pytest.fail(f"{stopped.describe()}\n{str(exc).strip()[:1000]}", pytrace=False)
        if log is not None and log.page_errors and not isinstance(exc, InfrastructureError):
            pytest.fail(_noted(str(exc).strip() or type(exc).__name__, log), pytrace=False)
        raise
    stopped = stopped_meanwhile()
    if stopped is not None:  # it passed, but the app broke a limit meanwhile
        pytest.fail(stopped.describe(), pytrace=False)
    return result


def pyfunc_call(item: pytest.Function) -> bool | None:
    """A test checked already, beside an earlier one (see plugin/at_once.py): its call gives back what
    its check raised, or returns."""
    ahead = item.stash.get(ITEM_AHEAD, None)
    if ahead is None:
        return None
    if ahead.outcome is not None:
        raise ahead.outcome
    return True


def _noted(message: str, log: BrowserLog | None) -> str:
    """``message``, and the page's uncaught errors below it (they did not fail the test themselves)."""
    if log is None or not log.page_errors:
        return message
    note = "\n".join(f"  {error[:300]}" for error in log.page_errors[:5])
    return f"{message}\nnote: the app threw an uncaught error in the page:\n{note}"

def runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    if call.when == "call" and ITEM_APP in item.stash:
        spent = item.stash.get(ITEM_TIME, None)  # none when its case failed before a page could open
        with spent.part("evidence") if spent is not None else contextlib.nullcontext():
            record_call(item, call)
    if call.when == "teardown" and ITEM_TIME in item.stash:  # its page closed: its time is all counted
        item.user_properties += timing.properties(item.stash[ITEM_TIME])
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(InfrastructureError):
        report.longrepr = f"[infrastructure] {call.excinfo.value}"  # an error of the harness, said plainly
    return report
