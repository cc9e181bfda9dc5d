"""The cases of a results folder as the report and the run summary show them: each case's
behaviour results (from ``results.jsonl``) with its ``case.json`` (failure, usage, timings)."""

from __future__ import annotations

import dataclasses
import json
import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pytest_llmcode.core.files import read_inside
from pytest_llmcode.reporting.record import RESULTS_FILE
from pytest_llmcode.reporting.results import load_results


class CaseView:
    """One case (challenge, model, sample): its folder, its behaviour results, its case.json."""

    def __init__(self, root: Path, challenge: str, model: str, sample: int) -> None:
        self.challenge, self.model, self.sample = challenge, model, sample
        self.dir = root / challenge / model / f"s{sample}"
        self.anchor = f"case-{challenge}-{model}-s{sample}"
        self.tests: dict[str, dict[str, Any]] = {}
        try:
            self.record: dict[str, Any] = json.loads(read_inside(self.dir, "case.json") or b"{}")
        except (OSError, ValueError):
            self.record = {}

    @property
    def counted(self) -> list[dict[str, Any]]:
        return [t for t in self.tests.values() if t["outcome"] != "skipped"]

    @property
    def passed(self) -> int:
        return sum(1 for t in self.counted if t["outcome"] == "passed")

    @property
    def all_passed(self) -> bool:
        return bool(self.counted) and self.passed == len(self.counted)

    @property
    def cost(self) -> float:
        return float((self.record.get("usage") or {}).get("cost_usd") or 0.0)

    @property
    def generation_s(self) -> float | None:
        value = (self.record.get("timings") or {}).get("generate")
        return float(value) if value is not None else None


def collect_cases(root: Path, records: list[dict[str, Any]]) -> dict[tuple[str, str, int], CaseView]:
    cases: dict[tuple[str, str, int], CaseView] = {}
    for record in records:
        key = (str(record["challenge"]), str(record["model"]), int(record["sample"]))
        if key not in cases:
            cases[key] = CaseView(root, *key)
        cases[key].tests[str(record["test"])] = record
    return cases


def load_cases(root: Path) -> tuple[list[dict[str, Any]], dict[tuple[str, str, int], CaseView]]:
    """The results of a run's output folder (its own ``results.jsonl``, else those below it)."""
    own = root / RESULTS_FILE
    records = load_results(own if own.is_file() else root)
    return records, collect_cases(root, records)


@dataclasses.dataclass(frozen=True)
class Totals:
    """Sums over some cases (a model's, a matrix cell's)."""

    cases: int
    all_passed: int
    passed: int  # behaviour tests
    counted: int  # behaviour tests not skipped
    cost: float
    median_generation_s: float | None
    tokens_in: int
    tokens_out: int
    passed_first_try: int  # behaviour tests passed with no repair round (pass@1)

    @property
    def cost_per_pass(self) -> float | None:
        return self.cost / self.all_passed if self.all_passed else None


def totals(cases: Iterable[CaseView]) -> Totals:
    chosen = list(cases)
    latencies = [c.generation_s for c in chosen if c.generation_s is not None]
    usage = [c.record.get("usage") or {} for c in chosen]
    return Totals(len(chosen), sum(c.all_passed for c in chosen), sum(c.passed for c in chosen),
                  sum(len(c.counted) for c in chosen), sum(c.cost for c in chosen),
                  statistics.median(latencies) if latencies else None,
                  sum(int(u.get("input_tokens", 0)) for u in usage), sum(int(u.get("output_tokens", 0)) for u in usage),
                  sum(1 for c in chosen for t in c.counted if t.get("passed_first_try", t["outcome"] == "passed")))
