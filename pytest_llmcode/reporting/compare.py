"""``llmcode compare BASELINE CANDIDATE``: may we switch models? Pass rates per challenge and per
behaviour test with their sample counts, the tests that flipped from pass to fail first, a paired
significance test where the samples allow it, token, cost and latency deltas, and a verdict against
thresholds (the exit status, a Markdown summary and a JUnit file of the gate itself).

A *case* is one sample of one model on one challenge; it passes when every behaviour test of it
passed. Results of a challenge whose fingerprint (prompt and checks) differs between the two sides
are set apart, never compared."""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

ALPHA = 0.05


@dataclasses.dataclass
class Rate:
    passed: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.passed / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.passed}/{self.total} ({self.value:.0%})" if self.total else "—"


def mcnemar_p(baseline_only: int, candidate_only: int) -> float:
    """Exact two-sided McNemar test on discordant pairs (baseline passed alone, candidate alone)."""
    n = baseline_only + candidate_only
    if n == 0:
        return 1.0
    k = min(baseline_only, candidate_only)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return float(min(1.0, 2 * tail))


def _min_pairs_for_significance() -> int:
    """The fewest discordant pairs that can reach ``ALPHA`` at all (all of them one way)."""
    n = 1
    while mcnemar_p(n, 0) >= ALPHA:
        n += 1
    return n


@dataclasses.dataclass
class Side:
    """One model's results, by challenge, behaviour test and sample."""

    model: str
    records: list[dict[str, Any]]

    def __post_init__(self) -> None:
        self.tests: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
        self.cases: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
        self.fingerprints: dict[str, set[str]] = defaultdict(set)
        self.cost_sources: set[str] = set()
        for record in self.records:
            challenge, sample = str(record["challenge"]), int(record["sample"])
            self.cost_sources.add(str(record.get("cost_source") or ""))
            self.tests[(challenge, str(record["test"]))][sample] = str(record["outcome"])
            self.cases[challenge].setdefault(sample, record)  # cost, tokens and timings are per case
            if record.get("challenge_fingerprint"):
                self.fingerprints[challenge].add(str(record["challenge_fingerprint"]))

    def case_passed(self, challenge: str, sample: int) -> bool | None:
        """All of the case's tests passed (None: all were skipped)."""
        outcomes = [by_sample[sample] for (c, _), by_sample in self.tests.items()
                    if c == challenge and sample in by_sample and by_sample[sample] != "skipped"]
        return all(o == "passed" for o in outcomes) if outcomes else None

    def rate(self, challenge: str | None = None, test: str | None = None) -> Rate:
        rate = Rate()
        for (c, t), by_sample in self.tests.items():
            if (challenge is None or c == challenge) and (test is None or t == test):
                counted = [o for o in by_sample.values() if o != "skipped"]
                rate.passed += counted.count("passed")
                rate.total += len(counted)
        return rate

    def first_try_rate(self, challenges: list[str]) -> Rate:
        """Behaviour tests passed without any repair round (pass@1), over the same tests as :meth:`rate`."""
        rate = Rate()
        for record in self.records:
            if record["challenge"] in challenges and record["outcome"] != "skipped":
                rate.total += 1
                rate.passed += bool(record.get("passed_first_try", record["outcome"] == "passed"))
        return rate

    def failed_at(self, challenges: list[str], stage: str) -> int:
        """Behaviour tests that failed at ``stage`` (``set-up``: a step before the behaviour was
        impossible, so the behaviour itself was not judged)."""
        return sum(1 for record in self.records if record["challenge"] in challenges
                   and record["outcome"] in ("failed", "error") and record.get("stage") == stage)

    def case_rate(self, challenges: list[str]) -> Rate:
        rate = Rate()
        for challenge in challenges:
            for sample in self.cases[challenge]:
                passed = self.case_passed(challenge, sample)
                if passed is not None:
                    rate.total += 1
                    rate.passed += passed
        return rate

    def totals(self, challenges: list[str]) -> dict[str, float | None]:
        cases = [case for c in challenges for case in self.cases[c].values()]
        cost = sum(float(case.get("cost_usd") or 0.0) for case in cases)
        passing = self.case_rate(challenges).passed
        latencies = [float(case["timings"]["generate"]) for case in cases
                     if isinstance(case.get("timings"), dict) and "generate" in case["timings"]]
        tokens = sum(int((case.get("tokens") or {}).get("output", 0)) for case in cases)
        return {"cost": cost, "cost_per_pass": cost / passing if passing else None,
                "latency": statistics.median(latencies) if latencies else None, "output_tokens": float(tokens)}


@dataclasses.dataclass
class Thresholds:
    max_drop: float = 0.0  # overall pass-rate drop allowed (0.05 = 5 points)
    max_drop_challenge: float = 0.0  # the same per challenge
    max_cost_increase: float | None = None  # relative (0.2 = +20%); None: not gated


@dataclasses.dataclass
class ChallengeRow:
    challenge: str
    baseline: Rate
    candidate: Rate
    significance: str
    regressed: str | None  # why the gate fails for this challenge, or None

    @property
    def drop(self) -> float:
        if self.baseline.value is None or self.candidate.value is None:
            return 0.0
        return self.baseline.value - self.candidate.value


@dataclasses.dataclass
class Comparison:
    baseline: Side
    candidate: Side
    thresholds: Thresholds
    compared: list[str]
    set_apart: dict[str, str]  # challenge -> why it was not compared
    rows: list[ChallengeRow]
    flipped: list[tuple[str, str, Rate, Rate]]  # challenge, test, baseline, candidate
    failures: list[str]  # why the gate fails overall (empty: it passes)
    significance: str = ""  # the paired test over every compared case


    @property
    def regressed(self) -> bool:
        return bool(self.failures) or any(row.regressed for row in self.rows)


def _significance(baseline: Side, candidate: Side, challenges: list[str]) -> str:
    """Exact McNemar on the cases both sides have (a challenge and a sample): whether the samples
    can tell the two pass rates apart."""
    pairs = [(baseline.case_passed(c, s), candidate.case_passed(c, s)) for c in challenges
             for s in sorted(set(baseline.cases[c]) & set(candidate.cases[c]))]
    pairs = [(b, c) for b, c in pairs if b is not None and c is not None]
    baseline_only = sum(1 for b, c in pairs if b and not c)
    candidate_only = sum(1 for b, c in pairs if c and not b)
    needed = _min_pairs_for_significance()
    if baseline_only + candidate_only < needed:
        return (f"too few samples to tell ({len(pairs)} paired, {baseline_only + candidate_only} differ; "
                f"at least {needed} must differ)")
    p = mcnemar_p(baseline_only, candidate_only)
    verdict = "significant" if p < ALPHA else "not significant"
    return f"p = {p:.3g} ({verdict}; McNemar, {len(pairs)} paired samples)"


def compare(baseline: Side, candidate: Side, thresholds: Thresholds) -> Comparison:
    challenges = sorted(set(baseline.cases) | set(candidate.cases))
    set_apart: dict[str, str] = {}
    for challenge in challenges:
        if challenge not in candidate.cases:
            set_apart[challenge] = "only in the baseline"
        elif challenge not in baseline.cases:
            set_apart[challenge] = "only in the candidate"
        elif baseline.fingerprints[challenge] != candidate.fingerprints[challenge]:
            set_apart[challenge] = ("the challenge changed between the runs (fingerprints "
                                    f"{', '.join(sorted(baseline.fingerprints[challenge])) or 'none'} vs "
                                    f"{', '.join(sorted(candidate.fingerprints[challenge])) or 'none'})")
    compared = [c for c in challenges if c not in set_apart]
    rows = []
    for challenge in compared:
        row = ChallengeRow(challenge, baseline.rate(challenge), candidate.rate(challenge),
                           _significance(baseline, candidate, [challenge]), None)
        if row.drop > thresholds.max_drop_challenge + 1e-9:
            allowed = thresholds.max_drop_challenge * 100
            row.regressed = f"pass rate dropped {row.drop * 100:.1f} pp (allowed {allowed:.1f} pp)"
        rows.append(row)
    rows.sort(key=lambda r: (r.regressed is None, -r.drop, r.challenge))
    flipped = []
    for (challenge, test) in sorted(set(baseline.tests) & set(candidate.tests)):
        if challenge not in compared:
            continue
        before, after = baseline.rate(challenge, test), candidate.rate(challenge, test)
        if before.total and after.total and after.passed < after.total and (after.value or 0) < (before.value or 0):
            flipped.append((challenge, test, before, after))
    flipped.sort(key=lambda f: (-((f[2].value or 0) - (f[3].value or 0)), f[0], f[1]))
    failures = []
    before = _overall(baseline, compared)
    after = _overall(candidate, compared)
    if before.value is not None and after.value is not None and before.value - after.value > thresholds.max_drop + 1e-9:
        failures.append(f"overall pass rate dropped {(before.value - after.value) * 100:.1f} pp "
                        f"(allowed {thresholds.max_drop * 100:.1f} pp)")
    if thresholds.max_cost_increase is not None:
        cost_before = baseline.totals(compared)["cost"] or 0.0
        cost_after = candidate.totals(compared)["cost"] or 0.0
        if cost_before > 0 and (cost_after - cost_before) / cost_before > thresholds.max_cost_increase + 1e-9:
            failures.append(f"cost rose {(cost_after - cost_before) / cost_before:.0%} "
                            f"(allowed {thresholds.max_cost_increase:.0%})")
    return Comparison(baseline, candidate, thresholds, compared, set_apart, rows, flipped, failures,
                      _significance(baseline, candidate, compared))


def sum_rates(rates: Iterable[Rate]) -> Rate:
    total = Rate()
    for rate in rates:
        total.passed += rate.passed
        total.total += rate.total
    return total


def _overall(side: Side, challenges: list[str]) -> Rate:
    return sum_rates(side.rate(challenge) for challenge in challenges)
