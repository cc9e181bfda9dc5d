"""The pass table per challenge and model shown at the end of a run."""

from __future__ import annotations

import collections
from typing import Iterable

OUTCOMES = ("passed", "failed", "error", "skipped")


class PassTable:
    """Collects the outcome of every behaviour test, from reports (so it works under xdist)."""

    def __init__(self) -> None:
        self._outcome: dict[tuple[str, str], dict[str, str]] = collections.defaultdict(dict)

    def add(self, nodeid: str, when: str, outcome: str, properties: Iterable[tuple[str, object]]) -> None:
        props = dict(properties)
        challenge, model = props.get("llm.challenge"), props.get("llm.model")
        if challenge is None or model is None:
            return
        cell = self._outcome[(str(challenge), str(model))]
        if outcome == "failed":
            cell[nodeid] = "failed" if when == "call" else "error"
        elif outcome == "skipped":
            cell.setdefault(nodeid, "skipped")
        elif when == "call":
            cell.setdefault(nodeid, "passed")

    def __bool__(self) -> bool:
        return bool(self._outcome)

    def lines(self) -> list[str]:
        challenges = sorted({c for c, _ in self._outcome})
        models = sorted({m for _, m in self._outcome})
        header = ["challenge", *models]
        rows = [header]
        for challenge in challenges:
            row = [challenge]
            for model in models:
                counts = collections.Counter(self._outcome.get((challenge, model), {}).values())
                total = sum(counts[o] for o in ("passed", "failed", "error"))
                text = f"{counts['passed']}/{total} passed" if total else "-"
                if counts["error"]:
                    text += f", {counts['error']} error"
                row.append(text)
            rows.append(row)
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


class SummaryReporter:
    """A plugin object: gathers reports and prints the pass table in the terminal summary."""

    def __init__(self, output: object) -> None:
        self.table = PassTable()
        self.output = output

    def pytest_runtest_logreport(self, report: object) -> None:
        self.table.add(
            report.nodeid,  # type: ignore[attr-defined]
            report.when,  # type: ignore[attr-defined]
            report.outcome,  # type: ignore[attr-defined]
            report.user_properties,  # type: ignore[attr-defined]
        )

    def pytest_terminal_summary(self, terminalreporter: object) -> None:
        if not self.table:
            return
        write_sep = terminalreporter.write_sep  # type: ignore[attr-defined]
        write_line = terminalreporter.write_line  # type: ignore[attr-defined]
        write_sep("=", "llmcode: behaviour tests passed per challenge and model")
        for line in self.table.lines():
            write_line(line)
        write_line(f"evidence: {self.output}")
