"""The figures of commit challenges (``kind: commit``), where a case is a task: resolved (every
hidden test passed, ``fail_to_pass`` and ``pass_to_pass``), first-time green (resolved by the first
answer, before any repair round), tokens and cost per task, and cost per resolved task. Read from
results records (``results.jsonl`` lines), whose ``test`` names a hidden test as ``<group>: <id>``."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

HIDDEN_GROUPS = ("fail_to_pass", "pass_to_pass")


def hidden_test_name(group: str, test_id: str) -> str:
    """How a hidden test is named in results: ``fail_to_pass: parse > accepts upper-case units``."""
    return f"{group}: {test_id}"


def is_hidden_test(test: str) -> bool:
    return any(test.startswith(f"{group}: ") for group in HIDDEN_GROUPS)


@dataclasses.dataclass
class TaskFigures:
    """One model's commit tasks."""

    tasks: int = 0
    resolved: int = 0
    first_time_green: int = 0
    tokens: int = 0  # input and output
    cost: float = 0.0

    @property
    def tokens_per_task(self) -> float | None:
        return self.tokens / self.tasks if self.tasks else None

    @property
    def cost_per_task(self) -> float | None:
        return self.cost / self.tasks if self.tasks else None

    @property
    def cost_per_resolved(self) -> float | None:
        return self.cost / self.resolved if self.resolved else None

    def properties(self, model: str) -> list[tuple[str, str]]:
        """The figures as JUnit properties of the run (``llm.tasks.<model>.<figure>``)."""
        figures = {"tasks": self.tasks, "resolved": self.resolved, "first_time_green": self.first_time_green,
                   "tokens_per_task": _round(self.tokens_per_task, 1), "cost_per_task_usd": _round(self.cost_per_task),
                   "cost_per_resolved_usd": _round(self.cost_per_resolved)}
        return [(f"llm.tasks.{model}.{name}", "" if value is None else str(value)) for name, value in figures.items()]


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def task_figures(records: Iterable[Mapping[str, Any]]) -> dict[str, TaskFigures]:
    """Model -> its commit tasks' figures (models with no commit task are left out)."""
    cases: dict[tuple[str, str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        if is_hidden_test(str(record.get("test", ""))):
            cases[(str(record["challenge"]), str(record["model"]), int(record["sample"]))].append(record)
    figures: dict[str, TaskFigures] = {}
    for (_, model, _), tests in sorted(cases.items()):
        mine = figures.setdefault(model, TaskFigures())
        counted = [t for t in tests if t.get("outcome") != "skipped"]
        resolved = bool(counted) and all(t.get("outcome") == "passed" for t in counted)
        first = tests[0]  # tokens, cost and rounds are the case's, on each of its tests
        tokens = first.get("tokens") or {}
        mine.tasks += 1
        mine.resolved += resolved
        mine.first_time_green += resolved and int(first.get("repair_rounds") or 0) == 0
        mine.tokens += int(tokens.get("input", 0)) + int(tokens.get("output", 0))
        mine.cost += float(first.get("cost_usd") or 0.0)
    return figures


def money(value: float | None) -> str:
    return "—" if value is None else f"${value:.4f}"


def table_rows(figures: Mapping[str, TaskFigures]) -> list[list[str]]:
    """The figures as rows of text, a header first (the terminal summary and the report)."""
    rows = [["model", "tasks", "resolved", "first-time green", "tokens per task", "cost per task",
             "cost per resolved task"]]
    for model, f in sorted(figures.items()):
        per_task = "—" if f.tokens_per_task is None else f"{f.tokens_per_task:.0f}"
        rows.append([model, str(f.tasks), f"{f.resolved}/{f.tasks}", f"{f.first_time_green}/{f.tasks}", per_task,
                     money(f.cost_per_task), money(f.cost_per_resolved)])
    return rows
