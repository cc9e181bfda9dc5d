"""Which model for which work, from a run's own evidence: per challenge the cheapest model whose
pass rate is good enough, and routing policies ("A, escalate to B when A's case fails", and chains
of three) simulated from the recorded per-case outcomes, so no model is called again.

A *case* is one sample of one model on one challenge; it passes when every behaviour test of it
passed (skipped tests aside). A policy is judged on *units*, a challenge and a sample number that
every model of the run has a case for: the policy's first model answers the unit, and each later
one only if the ones before it failed there; the unit costs what every model it reached cost, and
takes the sum of their generation times.

This is a simulation, and says so: escalating a failed case assumes its failure is seen, which holds
where these checks run (in CI, or before an answer is used). Pass rates come with how many cases
they rest on and a Wilson 95% interval; a difference from a single model that the paired samples
cannot support (exact McNemar, p >= 0.05) is flagged as such."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pytest_llmcode.reporting.compare import ALPHA, mcnemar_p

Z95 = 1.959964


def wilson(passed: int, total: int) -> tuple[float, float]:
    """The Wilson score interval (95%) of a pass rate of ``passed``/``total``."""
    if total == 0:
        return (0.0, 1.0)
    p = passed / total
    centre = (p + Z95**2 / (2 * total)) / (1 + Z95**2 / total)
    half = Z95 * math.sqrt(p * (1 - p) / total + Z95**2 / (4 * total**2)) / (1 + Z95**2 / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclasses.dataclass(frozen=True)
class Case:
    passed: bool
    cost: float
    seconds: float | None  # generation time, when recorded
    cost_source: str  # prices, endpoint, none, or "" (not recorded)


@dataclasses.dataclass
class Tally:
    """A model's (or a policy's) outcomes over some cases."""

    passed: int = 0
    total: int = 0
    cost: float = 0.0
    seconds: float = 0.0
    timed: int = 0  # cases with a generation time
    escalated: int = 0  # units that went past the first model (policies)

    def add(self, passed: bool, cost: float, seconds: float | None) -> None:
        self.total += 1
        self.passed += passed
        self.cost += cost
        if seconds is not None:
            self.seconds += seconds
            self.timed += 1

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.passed, self.total)

    @property
    def cost_per_case(self) -> float | None:
        return self.cost / self.total if self.total else None

    @property
    def cost_per_pass(self) -> float | None:
        return self.cost / self.passed if self.passed else None

    @property
    def latency(self) -> float | None:
        """Mean generation seconds per case (policies: of every model a unit reached)."""
        return self.seconds / self.timed if self.timed else None

    def to_json(self) -> dict[str, Any]:
        low, high = self.interval
        return {"passed": self.passed, "cases": self.total, "pass_rate": self.rate,
                "interval95": [round(low, 4), round(high, 4)], "cost_usd": round(self.cost, 6),
                "cost_per_case": self.cost_per_case, "cost_per_pass": self.cost_per_pass,
                "latency_s": self.latency, "escalated": self.escalated}


@dataclasses.dataclass
class Versus:
    """A policy against one single model, on the same units."""

    model: str
    rate_delta: float  # policy minus model, in rate (0.1 = 10 points)
    cost_ratio: float | None  # policy's cost / model's cost - 1 (None: the model cost nothing)
    p_value: float  # exact McNemar on the paired units
    supported: bool  # the samples can tell the pass rates apart (or they do not differ)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Policy:
    chain: tuple[str, ...]
    tally: Tally
    versus: list[Versus]
    on_front: bool = False  # no other policy passes as many units for less

    @property
    def name(self) -> str:
        return " → ".join(self.chain)

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.name, "chain": list(self.chain), **self.tally.to_json(), "on_front": self.on_front,
                "versus": [v.to_json() for v in self.versus]}


@dataclasses.dataclass
class Cheapest:
    """Per challenge: the cheapest model whose pass rate meets the bar."""

    challenge: str
    bar: float
    best: str  # the model with the highest pass rate
    best_tally: Tally
    chosen: str | None
    tally: Tally | None

    def to_json(self) -> dict[str, Any]:
        return {"challenge": self.challenge, "min_pass_rate": round(self.bar, 4), "best": self.best,
                "best_pass_rate": self.best_tally.rate, "model": self.chosen,
                **({"figures": self.tally.to_json()} if self.tally is not None else {})}


@dataclasses.dataclass
class Routing:
    models: list[str]
    cost_sources: dict[str, list[str]]  # model -> where its costs came from
    per_model: dict[str, dict[str, Tally]]  # challenge ("" = all) -> model -> its own cases
    units: list[tuple[str, int]]  # (challenge, sample) every model has a case for
    left_out: dict[str, str]  # challenge -> why none of its cases are units
    cheapest: list[Cheapest]
    policies: list[Policy]
    recommended: Policy | None
    tolerance: float

    def to_json(self) -> dict[str, Any]:
        return {
            "simulated": True, "units": len(self.units), "tolerance": self.tolerance,
            "models": {m: {"cost_source": self.cost_sources[m], **self.per_model[""][m].to_json()}
                       for m in self.models},
            "per_challenge": {c: {m: t.to_json() for m, t in by_model.items()}
                              for c, by_model in sorted(self.per_model.items()) if c},
            "left_out": self.left_out, "cheapest": [c.to_json() for c in self.cheapest],
            "policies": [p.to_json() for p in self.policies],
            "recommended": self.recommended.name if self.recommended is not None else None,
        }


def cases_of(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str, int], Case]:
    """The cases of ``results.jsonl`` records: (challenge, model, sample) -> outcome, cost, time."""
    tests: dict[tuple[str, str, int], dict[str, dict[str, Any]]] = defaultdict(dict)
    for record in records:  # a test run again (a later run into the same folder): its latest result
        tests[(str(record["challenge"]), str(record["model"]), int(record["sample"]))][str(record["test"])] = record
    cases = {}
    for key, by_test in tests.items():
        found = list(by_test.values())
        counted = [r for r in found if r.get("outcome") != "skipped"]
        if not counted:
            continue  # nothing was judged
        first = found[0]  # cost, tokens and timings are the case's, on each of its records
        seconds = (first.get("timings") or {}).get("generate")
        cases[key] = Case(all(r["outcome"] == "passed" for r in counted), float(first.get("cost_usd") or 0.0),
                          float(seconds) if seconds is not None else None, str(first.get("cost_source") or ""))
    return cases


def _versus(model: str, policy: list[bool], single: list[bool], policy_cost: float, model_cost: float) -> Versus:
    only_policy = sum(1 for p, s in zip(policy, single, strict=True) if p and not s)
    only_model = sum(1 for p, s in zip(policy, single, strict=True) if s and not p)
    p_value = mcnemar_p(only_model, only_policy)
    delta = (sum(policy) - sum(single)) / len(policy) if policy else 0.0
    ratio = policy_cost / model_cost - 1 if model_cost > 0 else None
    return Versus(model, delta, ratio, p_value, only_policy == only_model or p_value < ALPHA)


def route(records: Sequence[dict[str, Any]], *, min_pass_rate: float | None = None, tolerance: float = 0.05,
          max_chain: int = 3) -> Routing:
    cases = cases_of(records)
    models = sorted({m for _, m, _ in cases})
    challenges = sorted({c for c, _, _ in cases})
    sources: dict[str, set[str]] = defaultdict(set)
    per_model: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for (challenge, model, _), case in sorted(cases.items()):
        sources[model].add(case.cost_source or "not recorded")
        for scope in ("", challenge):
            per_model[scope][model].add(case.passed, case.cost, case.seconds)
    units = [(c, s) for c in challenges for s in sorted({s for ch, _, s in cases if ch == c})
             if all((c, m, s) in cases for m in models)]
    left_out = {c: "not every model has a case of it" for c in challenges if not any(u[0] == c for u in units)}
    cheapest = [_cheapest(c, per_model[c], min_pass_rate, tolerance) for c in challenges]
    outcome = {m: [cases[(c, m, s)].passed for c, s in units] for m in models}
    spent = {m: sum(cases[(c, m, s)].cost for c, s in units) for m in models}
    policies = []
    for length in range(1, min(max_chain, len(models)) + 1):
        for chain in itertools.permutations(models, length):
            tally, passed = Tally(), []
            for challenge, sample in units:
                reached = []
                for model in chain:
                    reached.append(cases[(challenge, model, sample)])
                    if reached[-1].passed:
                        break
                times = [r.seconds for r in reached]
                tally.add(reached[-1].passed, sum(r.cost for r in reached),
                          None if None in times else sum(t for t in times if t is not None))
                tally.escalated += len(reached) > 1
                passed.append(reached[-1].passed)
            versus = [_versus(m, passed, outcome[m], tally.cost, spent[m]) for m in models]
            policies.append(Policy(chain, tally, versus))
    for policy in policies:
        policy.on_front = bool(policy.tally.total) and not any(
            other.tally.passed >= policy.tally.passed and other.tally.cost <= policy.tally.cost
            and (other.tally.passed, -other.tally.cost) != (policy.tally.passed, -policy.tally.cost)
            for other in policies)
    policies.sort(key=lambda p: (-(p.tally.rate or 0), p.tally.cost, len(p.chain), p.name))
    tallies = {"": {}, **{k: dict(v) for k, v in per_model.items()}}  # "": all challenges, even with no case
    return Routing(models, {m: sorted(sources[m]) for m in models}, tallies,
                   units, left_out, cheapest, policies, _recommend(policies, tolerance), tolerance)


def _cheapest(challenge: str, tallies: dict[str, Tally], min_pass_rate: float | None, tolerance: float) -> Cheapest:
    best = max(sorted(tallies), key=lambda m: (tallies[m].rate or 0.0, -(tallies[m].cost_per_case or 0.0)))
    bar = min_pass_rate if min_pass_rate is not None else max(0.0, (tallies[best].rate or 0.0) - tolerance)
    good = [m for m, t in tallies.items() if t.total and (t.rate or 0.0) >= bar - 1e-9 and t.passed]
    if not good:
        return Cheapest(challenge, bar, best, tallies[best], None, None)
    chosen = min(good, key=lambda m: (tallies[m].cost_per_case or 0.0, _tenths(tallies[m].latency),
                                      -(tallies[m].rate or 0.0), m))
    return Cheapest(challenge, bar, best, tallies[best], chosen, tallies[chosen])


def _recommend(policies: list[Policy], tolerance: float) -> Policy | None:
    """The cheapest policy whose pass rate is within ``tolerance`` of the best single model's, on
    the same units."""
    singles = [p for p in policies if len(p.chain) == 1 and p.tally.total]
    if not singles:
        return None
    bar = max(p.tally.rate or 0.0 for p in singles) - tolerance
    good = [p for p in policies if p.tally.total and (p.tally.rate or 0.0) >= bar - 1e-9]
    # at the same cost the fewer models, then the quicker (to a tenth of a second: less is noise)
    return min(good, key=lambda p: (p.tally.cost, len(p.chain), _tenths(p.tally.latency), p.name))


def _tenths(seconds: float | None) -> float:
    return math.inf if seconds is None else round(seconds, 1)
