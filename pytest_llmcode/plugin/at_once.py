"""A case's behaviour tests checked at once (``--llm-checks-at-once=N`` and ``checks_at_once`` in
``challenge.yaml``; the smaller of the two, and 1 unless the challenge allows more).

Each behaviour test has a fresh browser context of its own, so while pytest runs one test of a
case, the case's next tests can already be checked, in other contexts of the worker's browser,
against the one served app. pytest still runs and reports every test in its order:

- when a test opens its page, the tests that follow it in the run, of the same case, that can be
  run ahead (below) are queued, and up to N-1 of them are checked beside it, each in a greenlet of
  the thread that drives Playwright (Playwright's sync API runs every call on that thread's event
  loop, and switches to another greenlet while one waits on the browser);
- when pytest reaches such a test, its fixtures take the finished check's page, browser log and
  time, its screenshot (taken when its check ended), and its call raises what the check raised, or
  returns. A test whose check was not started yet runs in its turn, as it would have.

So each test has one report, the same JUnit properties and evidence, and ``-x``, ``-k``, ``--lf``
and repair rounds work as before: only the run's own items are ever queued, in their order, and a
check started ahead but never reached (after ``-x``, or a stop) is stopped with its case and leaves
no report and no evidence.

A test can be run ahead when it takes ``app_page`` and nothing but the plugin's fixtures
(``app_log``, ``llm_app``, ``llm_case``, ``llm_browser_host``), is no coroutine, and has no skip,
xfail, usefixtures, filterwarnings or timeout mark: the plugin can give it what pytest would.
Others run in their turn. What a check run ahead prints, logs or warns is captured with the test
that pytest runs meanwhile, not its own. A check whose page cannot be opened ahead (the browser
gone) runs in its turn, where its set-up says what failed.

What it changes for a challenge's author: tests of one case overlap in time. They share the served
app (not the browser storage), the browser's memory limit and its downloads folder. A challenge
whose app keeps its state on the server (one list for every page) keeps ``checks_at_once: 1``, the
default; one whose tests share nothing but the app's code says so with a higher number.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import inspect
import time
from typing import TYPE_CHECKING, Any

import greenlet  # type: ignore[import-untyped] # Playwright's own dependency (its sync API)
import pytest

from pytest_llmcode.plugin import timing
from pytest_llmcode.plugin.evidence import ITEM_SHOT, Shot, take_shot
from pytest_llmcode.plugin.pages import AppPage, close_app_page, open_app_page
from pytest_llmcode.plugin.shard import case_key

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from pytest_llmcode.browser.host import BrowserHost
    from pytest_llmcode.browser.log import BrowserLog
    from pytest_llmcode.core.errors import StageFailure
    from pytest_llmcode.pipeline.serve import RunningApp

# what the plugin can give a test's function itself
GIVEN = frozenset({"app_page", "app_log", "llm_app", "llm_case", "llm_browser_host"})
# and what those need, with the plugin's autouse fixture: nothing else may be in the test's closure
PLUGIN_FIXTURES = GIVEN | {"_llmcode_item", "request", "pytestconfig"}
# marks pytest applies around a test's own call: such a test runs in its turn
_NOT_AHEAD_MARKS = frozenset({"skip", "skipif", "xfail", "usefixtures", "filterwarnings", "timeout"})
AHEAD_DIR = ".ahead"  # beside the case's screenshots: those of checks run ahead, until reported
STOP_WAIT_S = 30.0  # at a case's end, how long checks started ahead and never reached get to stop


AT_ONCE: pytest.StashKey[AtOnce] = pytest.StashKey()  # in config.stash, when checks may run at once


def runnable_ahead(item: pytest.Item) -> bool:
    """Whether the plugin can check ``item`` itself, with what pytest would give it."""
    if not isinstance(item, pytest.Function) or not set(item.fixturenames) <= PLUGIN_FIXTURES:
        return False
    if "app_page" not in item._fixtureinfo.argnames or not set(item._fixtureinfo.argnames) <= GIVEN:
        return False  # (only app_page takes a check run ahead)
    if inspect.iscoroutinefunction(item.obj):
        return False
    return not any(mark.name in _NOT_AHEAD_MARKS for mark in item.iter_markers())


def _group(item: pytest.Item) -> tuple[str, str] | None:
    key = case_key(item)
    return (str(item.path), key) if key is not None else None


@dataclasses.dataclass(eq=False)
class Ahead:
    """One test's check, run ahead of its turn."""

    item: pytest.Function
    app: RunningApp
    host: BrowserHost
    browser: Browser
    log: BrowserLog
    time: timing.TestTime = dataclasses.field(default_factory=timing.TestTime)
    opened: AppPage | None = None
    outcome: BaseException | None = None  # what its check raised
    shot: Shot | None = None
    checked: bool = False  # its page opened and its check ran (else it runs in its turn)
    kills: int = 0  # the browser's kills for memory when its check started
    kills_after: int = 0  # and when it ended
    stopped_before: StageFailure | None = None  # the app's failure when its check started
    stopped_after: StageFailure | None = None  # and when it ended
    started: bool = False
    finished: asyncio.Future[None] | None = None
    stopping: bool = False
    # the event loop of the Playwright that drives its browser, and the greenlet running that loop (both
    # private to Playwright's sync API, stable since its first release); a run can outlive a Playwright
    loop: asyncio.AbstractEventLoop | None = None
    dispatcher: Any = None

    @property
    def page(self) -> Page | None:
        return self.opened.page if self.opened is not None else None

    @property
    def failure(self) -> StageFailure | None:
        return self.opened.failure if self.opened is not None else None


ITEM_AHEAD: pytest.StashKey[Ahead] = pytest.StashKey()  # its check's run, when it ran ahead


def forget(item: pytest.Item) -> None:
    """What a check run ahead left on its item, before the test runs again (a repair round)."""
    if ITEM_AHEAD in item.stash:
        del item.stash[ITEM_AHEAD]
    if ITEM_SHOT in item.stash:
        del item.stash[ITEM_SHOT]


class AtOnce:
    """A plugin object (see the module): the queue of a worker's checks run ahead."""

    def __init__(self, limit: int) -> None:
        self.limit = limit  # the run's --llm-checks-at-once
        self.queued: list[Ahead] = []
        self.runs: dict[str, Ahead] = {}  # by nodeid: queued, running or finished, until taken
        self.running = 0

    def limit_of(self, item: pytest.Item) -> int:
        spec = getattr(item, "callspec", None)
        challenge = getattr(spec.params.get("llm_case"), "challenge", None) if spec is not None else None
        return min(self.limit, getattr(challenge, "checks_at_once", 1))

    def queue_after(self, item: pytest.Item, page: Page, app: RunningApp, host: BrowserHost, browser: Browser) -> None:
        """``item`` has opened its page: queue the case's next tests that can run ahead, and start some."""
        group = _group(item)
        if group is None or self.limit_of(item) <= 1 or app.failure is not None:
            return
        from pytest_llmcode.browser.log import BrowserLog

        items = item.session.items
        for following in items[items.index(item) + 1:]:
            if _group(following) != group:
                break
            if following.nodeid in self.runs or not runnable_ahead(following):
                continue
            assert isinstance(following, pytest.Function)
            run = Ahead(following, app, host, browser, BrowserLog(),
                        loop=page._loop, dispatcher=page._dispatcher_fiber)
            self.runs[following.nodeid] = run
            self.queued.append(run)
        self._fill(self.limit_of(item) - 1)

    def _fill(self, room: int) -> None:
        while self.queued and self.running < room:
            run = self.queued.pop(0)
            assert run.loop is not None
            run.started, run.finished = True, run.loop.create_future()
            self.running += 1
            check = greenlet.greenlet(lambda run=run, room=room: self._check(run, room), parent=run.dispatcher)
            run.loop.call_soon(check.switch)

    def _check(self, run: Ahead, room: int) -> None:
        """Runs in its own greenlet: what pytest would do for the test, without reporting it."""
        interrupted: BaseException | None = None
        try:
            run.kills, run.stopped_before = run.host.memory.kills(), run.app.failure
            try:
                run.opened = open_app_page(run.app, run.host, run.browser, run.log, run.time)
            except Exception:  # not checked: in its turn, its set-up meets this again and says so
                return
            if run.opened.failure is None and not run.stopping:
                given = {"app_page": run.opened.page, "app_log": run.log, "llm_app": run.app,
                         "llm_case": run.app.case, "llm_browser_host": run.host}
                with timing.checking_into(run.time):
                    run.item.obj(**{name: given[name] for name in run.item._fixtureinfo.argnames})
            run.checked = True
        except (KeyboardInterrupt, SystemExit, greenlet.GreenletExit) as exc:
            interrupted = exc  # the run is stopping: said in the main greenlet, through Playwright's loop
        except BaseException as exc:  # given back to pytest when the test's turn comes
            run.outcome, run.checked = exc, True
        finally:
            run.kills_after, run.stopped_after = run.host.memory.kills(), run.app.failure
            if run.opened is not None and not run.stopping and run.checked:
                with contextlib.suppress(Exception), run.time.part("evidence"):
                    aside = run.app.dir.screenshots / AHEAD_DIR  # until it is reported
                    aside.mkdir(exist_ok=True)
                    failed = run.outcome is not None or run.opened.failure is not None
                    run.shot = take_shot(run.opened.page, run.app, run.item, failed, aside)
            if run.opened is not None:
                with contextlib.suppress(Exception):
                    close_app_page(run.opened, run.time)
            self.running -= 1
            assert run.finished is not None
            run.finished.set_result(None)
            if not run.stopping and interrupted is None:
                self._fill(room)
        if interrupted is not None:
            raise interrupted

    def take(self, item: pytest.Item) -> Ahead | None:
        """The finished check of ``item`` if it was started ahead (waited for), else None: then it
        runs now, in its turn."""
        run = self.runs.pop(item.nodeid, None)
        if run is None:
            return None
        if not run.started:
            self.queued.remove(run)
            return None
        self._wait(run)
        if run.finished is None or not run.finished.done():  # its browser's Playwright stopped under it
            self.running = max(0, self.running - 1)
            return None  # checked now, in its turn
        if not run.checked:
            return None  # its page could not be opened ahead: its set-up says why, in its turn
        if run.shot is not None:
            run.shot.move_to(run.app.dir.screenshots)
        return run

    def busy(self) -> bool:
        """Whether a check runs ahead now (then a test's end must not clear the shared downloads)."""
        return self.running > 0

    def stop(self, app: RunningApp) -> None:
        """The case's app is stopping: checks queued for it are dropped, and those running are stopped
        (their pages closed) and waited for, up to STOP_WAIT_S. They leave no report."""
        for run in [run for run in self.queued if run.app is app]:
            self.queued.remove(run)
        left = [run for run in self.runs.values() if run.app is app]
        for run in left:
            del self.runs[run.item.nodeid]
        deadline = time.monotonic() + STOP_WAIT_S
        for run in left:
            if not run.started:
                continue
            run.stopping = True
            if run.opened is not None:
                with contextlib.suppress(Exception):
                    run.opened.context.close()
            self._wait(run, max(0.0, deadline - time.monotonic()))
            for path in run.shot.files() if run.shot is not None else []:
                path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            (app.dir.screenshots / AHEAD_DIR).rmdir()

    def _wait(self, run: Ahead, timeout: float | None = None) -> None:
        """Lets Playwright's loop run (and the other checks with it) until ``run`` has finished."""
        assert run.loop is not None and run.finished is not None
        if run.finished.done() or run.dispatcher.dead:  # done, or its Playwright is gone
            return
        me = greenlet.getcurrent()
        woken = run.loop.create_future()

        def wake(_: object = None) -> None:
            if not woken.done():
                woken.set_result(None)
                me.switch()

        run.finished.add_done_callback(wake)
        timer = run.loop.call_later(timeout, wake) if timeout is not None else None
        try:
            while not woken.done() and not run.dispatcher.dead:
                run.dispatcher.switch()
        finally:
            run.finished.remove_done_callback(wake)
            if timer is not None:
                timer.cancel()
