"""What each case is doing while a run goes on (``--llm-progress``), and when it is done.

A case spends most of its time inside the setup of its first behaviour test (generate, install,
build), where pytest prints nothing. This plugin writes one line as a case enters each stage::

    llmcode: todo_app/reference/s1 building (installing took 4.1s) · 3 of 12 cases left

and one when its last test has been reported::

    llmcode: todo_app/reference/s1 done: 5 passed, 1 failed in 38.2s · 2 of 12 cases left

The log alone also gets, for each behaviour test, where its own time went (see :mod:`.timing`)::

    todo_app/reference/s1 test_add_task 1.31s: context 0.12 · navigation 0.40 · actions 0.32 · waits 0.20 · …

The stages: generating, installing, building (told by the case builder through the
``pytest_llmcode_case_stage`` hook), launching (the ``llm_app`` fixture, or a launch check between repair rounds),
verifying (once the app answers: the browser, its pages and the checks), done. Each line is also
appended, with a timestamp, to ``<output>/progress.log``, for ``tail -f`` in CI.

Under pytest-xdist a worker's terminal is not shown: workers append their stage lines to the log
only, and the controller prints (and logs) each case's done line from the reports it receives,
which carry the case's name and size (:data:`REPORT_ATTRIBUTE`). The done line also goes to the
``pytest_llmcode_case_done`` hook, with the case's record and its tests' outcomes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_llmcode.core.files import mark_output_dir
from pytest_llmcode.plugin.shard import case_key
from pytest_llmcode.plugin.timing import ITEM_TIME
from pytest_llmcode.reporting.record import Prop

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec
    from pytest_llmcode.pipeline.serve import RunningApp

LOG_FILE = "progress.log"
# set on a worker's reports of behaviour tests: {"case": name, "tests": its tests, "cases": all cases}
REPORT_ATTRIBUTE = "llmcode_progress"


def _outcome(report: pytest.TestReport) -> str | None:
    if report.failed:
        return "failed" if report.when == "call" else "error"
    if report.skipped:
        return "skipped"
    return "passed" if report.when == "call" else None


@dataclasses.dataclass
class _Case:
    tests: int
    stage: str = ""
    entered: float = 0.0  # when it entered its stage (time.monotonic)
    started: float | None = None  # when its first test began, in this process
    seconds: float = 0.0  # its reports' durations: its time as the xdist controller sees it
    stopped_early: bool = False  # failed before its app could be checked: no "verifying"
    outcomes: dict[str, str] = dataclasses.field(default_factory=dict)  # node id -> its worst outcome
    finished: set[str] = dataclasses.field(default_factory=set)
    failed_at: set[str] = dataclasses.field(default_factory=set)  # stages before verify its tests failed at
    case_dir: str = ""  # its folder, from its reports' properties
    done: bool = False


def _record(case_dir: str) -> dict[str, Any]:
    """What the case's ``case.json`` holds, or nothing if it cannot be read."""
    try:
        data = json.loads((Path(case_dir) / "case.json").read_text(encoding="utf-8")) if case_dir else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Progress:
    """A plugin object: one per process (pytest, or each xdist worker and the controller)."""

    def __init__(self, config: pytest.Config, mode: str, output: Path) -> None:
        self.config = config
        worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
        self.worker: str | None = str(worker_input["workerid"]) if worker_input is not None else None
        # "auto": on unless -qq; "lines": on even under -qq; never on a worker (its output is not shown)
        self.show = self.worker is None and (mode == "lines" or (mode == "auto" and config.get_verbosity() > -2))
        self.log = output / LOG_FILE
        self._pending: list[tuple[str, str, float, float]] = []  # stages entered on another thread
        self._pending_lock = threading.Lock()
        self._log_started = False
        self.cases: dict[str, _Case] = {}
        self.by_nodeid: dict[str, str] = {}
        self.total = 0
        self.collected = False  # this process collected the run's tests (not so the xdist controller)

    # -- what the run holds ------------------------------------------------------------------

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """The cases of the run and their tests, once deselection (``-k``, ``--llm-shard``) is done."""
        self.by_nodeid = {}
        for item in session.items:
            key = case_key(item)
            if key is not None:
                self.by_nodeid[item.nodeid] = key
        counts: dict[str, int] = {}
        for key in self.by_nodeid.values():
            counts[key] = counts.get(key, 0) + 1
        self.cases = {key: _Case(tests=count) for key, count in counts.items()}
        self.total = len(self.cases)
        self.collected = True

    # -- stages ----------------------------------------------------------------------------------

    def pytest_llmcode_case_stage(self, spec: CaseSpec, stage: str) -> None:
        """The case enters generating, installing, building or launching. From a thread building a
        later case ahead (see prefetch.py) the event waits for the main thread, which alone writes
        to the terminal (it holds pytest's output capture)."""
        if threading.current_thread() is not threading.main_thread():
            with self._pending_lock:
                self._pending.append((spec.name, stage, time.monotonic(), time.time()))
            return
        self._enter(spec.name, stage)

    def _drain(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, []
        for name, stage, when, at in pending:
            self._enter(name, stage, when, at)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
    ) -> Generator[None, Any, Any]:
        if fixturedef.argname != "llm_app" or "llm_case" not in fixturedef.argnames:
            return (yield)
        case: BuiltCase = request.getfixturevalue("llm_case")  # already set up: llm_app depends on it
        name = case.spec.name
        if case.failure is None and case.error is None:
            self._enter(name, "launching")
        app: RunningApp = yield
        state = self.cases.get(name)
        if state is not None:
            state.stopped_early = getattr(app, "failure", None) is not None
            if not state.stopped_early:  # served: what follows (browser, pages, checks) is verifying
                self._enter(name, "verifying")
        return app

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        state = self.cases.get(self.by_nodeid.get(item.nodeid, ""))
        if state is not None and state.started is None:
            state.started = time.monotonic()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        """Verifying again after a repair round rebuilt the case (see plugin/repair.py)."""
        name = self.by_nodeid.get(item.nodeid)
        state = self.cases.get(name or "")
        if name is not None and state is not None and not state.stopped_early and state.stage != "verifying":
            self._enter(name, "verifying")

    def _enter(self, name: str, stage: str, when: float | None = None, at: float | None = None) -> None:
        """``when`` (monotonic) and ``at`` (wall clock): the time of an event from another thread."""
        if when is None:
            self._drain()
        state = self.cases.setdefault(name, _Case(tests=0))
        if stage == state.stage:
            return  # e.g. the launch check of a repair round, then the launch for the tests
        now = time.monotonic() if when is None else when
        if state.started is None:
            state.started = now
        before = f" ({state.stage} took {now - state.entered:.1f}s)" if state.stage else ""
        state.stage, state.entered = stage, now
        self._event(f"{name} {stage}{before}", at=at)

    # -- done --------------------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        name = self.by_nodeid.get(item.nodeid)
        if self.worker is not None and name is not None:  # for the controller's done lines
            setattr(report, REPORT_ATTRIBUTE, {"case": name, "tests": self.cases[name].tests, "cases": self.total})
        spent = item.stash.get(ITEM_TIME, None)
        if call.when == "teardown" and name is not None and spent is not None:  # to the log only: one per test
            self._append(f"{name} {getattr(item, 'originalname', item.name)} {spent.line()}")
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._drain()
        if self.worker is not None:
            return  # under xdist the controller sees every report of a case, a worker maybe not
        name = self.by_nodeid.get(report.nodeid)
        sent: dict[str, Any] | None = getattr(report, REPORT_ATTRIBUTE, None)
        if name is None and sent is not None:  # the xdist controller: it collected nothing itself
            name = str(sent["case"])
            self.total = max(self.total, int(sent["cases"]))
            self.cases.setdefault(name, _Case(tests=int(sent["tests"])))
        state = self.cases.get(name or "")
        if name is None or state is None or state.done:
            return
        state.seconds += report.duration
        outcome = _outcome(report)
        if outcome is not None and state.outcomes.get(report.nodeid) in (None, "passed"):
            state.outcomes[report.nodeid] = outcome
        props = dict(report.user_properties)
        state.case_dir = str(props.get(Prop.CASE_DIR) or state.case_dir)
        stage = str(props.get(Prop.STAGE) or "")
        if report.failed and stage and stage != "verify":
            state.failed_at.add(stage)
        if report.when == "teardown":
            state.finished.add(report.nodeid)
            if len(state.finished) >= state.tests:
                self._done(name, state)

    def _done(self, name: str, state: _Case) -> None:
        state.done = True
        counts: dict[str, int] = {}
        for outcome in state.outcomes.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        words = {"passed": "passed", "failed": "failed", "error": "error", "skipped": "skipped"}
        if counts.get("error", 0) > 1:
            words["error"] = "errors"
        summary = ", ".join(f"{counts[key]} {word}" for key, word in words.items() if counts.get(key)) or "no test ran"
        if state.failed_at:
            summary += " at " + " and ".join(sorted(state.failed_at))
        elapsed = time.monotonic() - state.started if state.started is not None else state.seconds
        bad = bool(counts.get("failed") or counts.get("error"))
        self._event(f"{name} done: {summary} in {elapsed:.1f}s", red=bad, green=not bad)
        self.config.hook.pytest_llmcode_case_done(config=self.config, name=name, record=_record(state.case_dir),
                                                  outcomes=dict(state.outcomes))

    # -- output ------------------------------------------------------------------------------

    def _left(self) -> str:
        if self.worker is not None or not self.total:
            return ""  # a worker runs a share of the cases it collected: its count would mislead
        left = self.total - sum(1 for state in self.cases.values() if state.done)
        return f" · {left} of {self.total} case{'' if self.total == 1 else 's'} left"

    def _event(self, text: str, at: float | None = None, **markup: bool) -> None:
        text += self._left()
        self._append(text, at)
        if self.show:
            self._write(f"llmcode: {text}", **markup)

    def _write(self, line: str, **markup: bool) -> None:
        """A line of its own between pytest's; pytest goes on with its dots (or lines) after it."""
        reporter: pytest.TerminalReporter | None = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is None:
            return
        capture = self.config.pluginmanager.get_plugin("capturemanager")
        # stages happen inside a test's setup, where pytest captures output
        with capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext():
            reporter.ensure_newline()  # ends the line pytest started with a file's name (default verbosity)
            if self.config.get_terminal_writer().width_of_current_line:  # dots of -q, or of xdist
                reporter.write("\n")
            reporter.write_line(line, **markup)
            reporter.flush()

    def _append(self, text: str, at: float | None = None) -> None:
        """One line of ``progress.log``, in one write: xdist workers append to the same file. Stamped
        with ``at``, the event's time, when it was told later (from another thread)."""
        lines = [text]
        if not self._log_started:  # the first line of this process in this run
            self._log_started = True
            mark_output_dir(self.log.parent)
            if self.collected:
                tests = sum(state.tests for state in self.cases.values())
                lines.insert(0, f"run: {self.total} case{'' if self.total == 1 else 's'}, {tests} tests")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))
        where = f" [{self.worker}]" if self.worker is not None else ""
        with self.log.open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{stamp}{where} {line}\n" for line in lines))
