"""Where a behaviour test's time goes, split five ways:

- ``context``: its fresh browser context and page made (init scripts, log listeners), and closed;
- ``navigation``: opening the app, and every ``goto``/``reload``/back/forward of its check;
- ``waits``: the check waiting on the page: ``wait_for_timeout``, ``wait_for_function``,
  ``wait_for_load_state``, ``wait_for_selector``, ``wait_for_event``, ``wait_for_url`` and
  ``Locator.wait_for`` (the helpers of :mod:`pytest_llmcode.verify` wait through these);
- ``actions``: the rest of its check's body (clicks, typing, reading the page, pixels);
- ``evidence``: its screenshot, and on failure the page described in words.

Each behaviour test's split goes into its JUnit properties (``llm.test_time.<part>``, seconds) and,
through :mod:`.progress`, a line of ``progress.log``. The check's waits and navigation are counted
by wrapping those Playwright methods once, on the main thread only, while a check runs; checks run at
once (see :mod:`.at_once`) are greenlets of that thread, each with its own record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import greenlet  # type: ignore[import-untyped] # Playwright's own dependency (its sync API)
import pytest

from pytest_llmcode.reporting.record import Prop

PARTS = ("context", "navigation", "actions", "waits", "evidence")
_WAITS = ("wait_for_timeout", "wait_for_function", "wait_for_load_state", "wait_for_selector", "wait_for_event",
          "wait_for_url")
_NAVIGATION = ("goto", "reload", "go_back", "go_forward")


@dataclasses.dataclass
class TestTime:
    context: float = 0.0
    navigation: float = 0.0
    check: float = 0.0  # the check's body, its waits and navigation included
    check_navigation: float = 0.0  # the part of ``navigation`` spent inside the check
    waits: float = 0.0
    evidence: float = 0.0
    _inside: bool = dataclasses.field(default=False, repr=False)  # in a timed call (a wait in a wait counts once)

    @property
    def actions(self) -> float:
        return max(0.0, self.check - self.waits - self.check_navigation)

    @property
    def total(self) -> float:
        return self.context + self.navigation + self.actions + self.waits + self.evidence

    def parts(self) -> dict[str, float]:
        return {part: round(getattr(self, part), 3) for part in PARTS}

    def line(self) -> str:
        """``2.31s: context 0.12 · navigation 0.40 · actions 0.62 · waits 0.90 · evidence 0.27``"""
        return f"{self.total:.2f}s: " + " · ".join(f"{part} {seconds:.2f}" for part, seconds in self.parts().items())

    @contextlib.contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Adds the time of the block to ``name`` (context, navigation or evidence)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            setattr(self, name, getattr(self, name) + time.perf_counter() - started)


ITEM_TIME: pytest.StashKey[TestTime] = pytest.StashKey()
_current: dict[object, TestTime] = {}  # the record of the check each greenlet of the main thread runs, if any


def of(item: pytest.Item) -> TestTime:
    """The item's record, made on first use (its page's fixture, or its check)."""
    if ITEM_TIME not in item.stash:
        item.stash[ITEM_TIME] = TestTime()
    return item.stash[ITEM_TIME]


def checking(item: pytest.Item) -> contextlib.AbstractContextManager[None]:
    """Times the check's body, counting its waits and navigation apart."""
    return checking_into(of(item))


@contextlib.contextmanager
def checking_into(record: TestTime) -> Iterator[None]:
    """Times the check running in this greenlet into ``record``."""
    _install()
    me = greenlet.getcurrent()
    _current[me] = record
    started = time.perf_counter()
    try:
        yield
    finally:
        record.check += time.perf_counter() - started
        _current.pop(me, None)


def properties(record: TestTime) -> list[tuple[str, str]]:
    return [(Prop.TEST_TIME + part, f"{seconds:.3f}") for part, seconds in record.parts().items()]


def _add(record: TestTime, bucket: str, seconds: float) -> None:
    if bucket == "navigation":
        record.check_navigation += seconds
    setattr(record, bucket, getattr(record, bucket) + seconds)


def _timed(method: Callable[..., Any], bucket: str) -> Callable[..., Any]:
    @functools.wraps(method)
    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            return method(self, *args, **kwargs)
        record = _current.get(greenlet.getcurrent())
        if record is None or record._inside:
            return method(self, *args, **kwargs)
        record._inside = True
        started = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            record._inside = False
            _add(record, bucket, time.perf_counter() - started)

    timed.__llmcode_timed__ = True  # type: ignore[attr-defined]
    return timed


_installed = threading.Lock()


def _install() -> None:
    """Wraps Playwright's waiting and navigating methods, once per process."""
    from playwright.sync_api import Locator, Page

    with _installed:
        if getattr(Page.wait_for_timeout, "__llmcode_timed__", False):
            return
        targets = [(Page, name, "waits") for name in _WAITS] + [(Locator, "wait_for", "waits")]
        targets += [(Page, name, "navigation") for name in _NAVIGATION]
        for cls, name, bucket in targets:
            setattr(cls, name, _timed(getattr(cls, name), bucket))
