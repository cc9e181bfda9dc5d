"""How a behaviour test's verdict is reached besides its own assertions: a case that failed at a
stage fails each of its tests with that stage and the log tail, an uncaught page error fails the
test that saw it, and an error of the harness is said plainly as one (an error, never a failure)."""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from pytest_llmcode.core.errors import InfrastructureError
from pytest_llmcode.plugin.evidence import record_call
from pytest_llmcode.plugin.stash import ITEM_APP, ITEM_FAILURE, ITEM_LOG


def runtest_call(item: pytest.Item) -> Iterator[None]:
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:  # the case failed before this behaviour could be checked
        pytest.fail(failure.describe(), pytrace=False)
    log = item.stash.get(ITEM_LOG, None)
    try:
        result = yield
    except Exception as exc:
        if log is not None and log.page_errors:
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            pytest.fail(
                f"the app threw an uncaught error in the page:\n{log.describe()}\nthen the check failed: {first_line}",
                pytrace=False,
            )
        raise
    if log is not None and log.page_errors:
        pytest.fail("the app threw an uncaught error in the page:\n" + log.describe(), pytrace=False)
    return result


def runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    if call.when == "call" and ITEM_APP in item.stash:
        record_call(item, call)
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(InfrastructureError):
        report.longrepr = f"[infrastructure] {call.excinfo.value}"  # an error of the harness, said plainly
    return report
