"""The tables shown at the end of a run: behaviour tests passed per challenge and model, per-model
totals of tokens and cost, and the figures of commit tasks (also written as JUnit properties of the
run). Built from reports, so they work under pytest-xdist."""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Iterable
from typing import Any

import pytest

from pytest_llmcode.reporting.record import Prop, is_case_test
from pytest_llmcode.reporting.tasks import TaskFigures, table_rows, task_figures


def _render(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _outcome(when: str, outcome: str) -> str | None:
    if outcome == "failed":
        return "failed" if when == "call" else "error"
    if outcome == "skipped":
        return "skipped"
    return "passed" if when == "call" else None


@dataclasses.dataclass
class _Case:
    model: str
    challenge: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    tests: dict[str, str] = dataclasses.field(default_factory=dict)


class RunTables:
    def __init__(self) -> None:
        self.cases: dict[str, _Case] = {}
        self.hidden: dict[str, dict[str, Any]] = {}  # nodeid -> what a commit task's figures need of its test

    def add(self, nodeid: str, when: str, outcome: str, properties: Iterable[tuple[str, Any]]) -> None:
        props = dict(properties)
        if not is_case_test(props):
            return
        case = self.cases.setdefault(
            str(props[Prop.CASE_DIR]), _Case(str(props[Prop.MODEL]), str(props[Prop.CHALLENGE]))
        )
        case.input_tokens = int(props.get(Prop.TOKENS_INPUT, 0))
        case.output_tokens = int(props.get(Prop.TOKENS_OUTPUT, 0))
        case.cost = float(props.get(Prop.COST, 0.0))
        result = _outcome(when, outcome)
        if result is not None and case.tests.get(nodeid) in (None, "passed"):
            case.tests[nodeid] = result
            if Prop.HIDDEN_TEST in props:
                self.hidden[nodeid] = {
                    "test": props[Prop.HIDDEN_TEST], "challenge": case.challenge, "model": case.model,
                    "sample": int(props[Prop.SAMPLE]), "outcome": result, "cost_usd": case.cost,
                    "repair_rounds": int(props.get(Prop.REPAIR_ROUNDS, 0)),
                    "tokens": {"input": case.input_tokens, "output": case.output_tokens}}

    def task_figures(self) -> dict[str, TaskFigures]:
        return task_figures(self.hidden.values())

    def __bool__(self) -> bool:
        return bool(self.cases)

    def pass_table(self) -> list[str]:
        challenges = sorted({c.challenge for c in self.cases.values()})
        models = sorted({c.model for c in self.cases.values()})
        rows = [["challenge", *models]]
        for challenge in challenges:
            row = [challenge]
            for model in models:
                counts: collections.Counter[str] = collections.Counter()
                for case in self.cases.values():
                    if (case.challenge, case.model) == (challenge, model):
                        counts.update(case.tests.values())
                total = counts["passed"] + counts["failed"] + counts["error"]
                text = f"{counts['passed']}/{total} passed" if total else "-"
                if counts["error"]:
                    text += f", {counts['error']} error"
                row.append(text)
            rows.append(row)
        return _render(rows)

    def cost_table(self) -> list[str]:
        rows = [["model", "cases", "all passed", "input tokens", "output tokens", "cost USD", "USD per passing case"]]
        for model in sorted({c.model for c in self.cases.values()}):
            cases = [c for c in self.cases.values() if c.model == model]
            passing = sum(1 for c in cases if c.tests and set(c.tests.values()) == {"passed"})
            cost = sum(c.cost for c in cases)
            rows.append(
                [
                    model,
                    str(len(cases)),
                    str(passing),
                    str(sum(c.input_tokens for c in cases)),
                    str(sum(c.output_tokens for c in cases)),
                    f"{cost:.4f}",
                    f"{cost / passing:.4f}" if passing else "-",
                ]
            )
        return _render(rows)


class SummaryReporter:
    """A plugin object: gathers reports and prints the tables in the terminal summary."""

    def __init__(self, output: object, sandbox: Any = None) -> None:
        self.tables = RunTables()
        self.output = output
        self.sandbox = sandbox  # the run's SandboxConfig

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.tables.add(report.nodeid, report.when, report.outcome, report.user_properties)

    @pytest.hookimpl(tryfirst=True)  # before the JUnit file is written
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """The commit tasks' figures, as properties of the run's JUnit report."""
        # --junitxml's writer is a registered plugin object: the one with add_global_property
        writers = [p for p in session.config.pluginmanager.get_plugins() if hasattr(p, "add_global_property")]
        for model, figures in self.tables.task_figures().items():
            for name, value in figures.properties(model):
                for writer in writers:
                    writer.add_global_property(name, value)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.tables:
            return
        terminalreporter.write_sep("=", "llmcode: behaviour tests passed per challenge and model")
        for line in self.tables.pass_table():
            terminalreporter.write_line(line)
        terminalreporter.write_sep("-", "llmcode: per model")
        for line in self.tables.cost_table():
            terminalreporter.write_line(line)
        tasks = self.tables.task_figures()
        if tasks:
            terminalreporter.write_sep("-", "llmcode: commit tasks (resolved: every hidden test passed)")
            for line in _render(table_rows(tasks)):
                terminalreporter.write_line(line)
        terminalreporter.write_line(f"evidence: {self.output}")
        if self.sandbox is not None:
            line = f"sandbox: {self.sandbox.describe()}"
            terminalreporter.write_line(line, yellow=self.sandbox.warning is not None, bold=True)
            if self.sandbox.warning:
                terminalreporter.write_line(f"warning: {self.sandbox.warning}", yellow=True, bold=True)
            from pytest_llmcode.browser.memory import unlimited

            for warning in unlimited():
                terminalreporter.write_line(f"warning: {warning}", yellow=True, bold=True)
