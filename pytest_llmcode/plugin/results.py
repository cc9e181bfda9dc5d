"""``results.jsonl`` under ``--llm-output``: one record per behaviour test per case, appended as
each test finishes (a crash loses nothing already finished), and ``report.html`` at the end.
Written by the controller only under pytest-xdist, from the reports every worker sends it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.reporting.record import RESULTS_FILE, ResultRecord, is_case_test, reason_of


class ResultsWriter:
    """A plugin object: gathers each test's phases, writes one line when its teardown is done."""

    def __init__(self, output: Path) -> None:
        self.path = output / RESULTS_FILE
        self._pending: dict[str, dict[str, Any]] = {}
        self.report: str | None = None  # what became of report.html, for the terminal summary

    def pytest_sessionfinish(self) -> None:
        """The HTML report of everything in the results folder (this run's and earlier ones')."""
        if not self.path.is_file():
            return
        from pytest_llmcode.reporting.html import write_report

        try:
            self.report = f"report: {write_report(self.path.parent)}"
        except Exception as exc:  # the run's verdict stands without its report
            self.report = f"report: not written: {type(exc).__name__}: {exc}"

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.report:
            terminalreporter.write_line(self.report)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        if not is_case_test(props):
            return
        pending = self._pending.setdefault(report.nodeid, {"outcome": "passed", "reason": ""})
        pending["props"] = props
        if report.failed and pending["outcome"] == "passed":
            pending["outcome"] = "failed" if report.when == "call" else "error"
            pending["reason"] = reason_of(report)
        elif report.skipped and pending["outcome"] == "passed":
            pending["outcome"] = "skipped"
        if report.when == "teardown":
            done = self._pending.pop(report.nodeid)
            self._write(ResultRecord.from_properties(report.nodeid, done["props"], done["outcome"], done["reason"]))

    def _write(self, record: ResultRecord) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            handle.flush()
