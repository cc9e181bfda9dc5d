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
import statistics
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
        """Mean generation seconds per case (policies: of every model a unit reached); none unless
        every case has its time (cached or replayed answers have none)."""
        return self.seconds / self.timed if self.timed and self.timed == self.total else None

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


@dataclasses.dataclass(frozen=True)
class Expected:
    """A policy's figures averaged over every pairing of its models' recorded cases (the cases of a
    challenge are independent attempts at the same task, so which of B's answers follows which of
    A's is arbitrary): per challenge pass = 1 - (1-p1)(1-p2)..., cost = c1 + (1-p1)c2 + ...;
    challenges weighted by their units."""

    rate: float
    cost_per_case: float
    latency: float | None


@dataclasses.dataclass
class Policy:
    chain: tuple[str, ...]
    tally: Tally  # paired: sample i of each model on each unit
    versus: list[Versus]
    expected: Expected
    on_front: bool = False  # no other policy passes as many (over all pairings) for as little or less

    @property
    def name(self) -> str:
        return " → ".join(self.chain)

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.name, "chain": list(self.chain), **self.tally.to_json(), "on_front": self.on_front,
                "over_all_pairings": dataclasses.asdict(self.expected), "versus": [v.to_json() for v in self.versus]}


@dataclasses.dataclass
class Cheapest:
    """Per challenge: the cheapest model whose pass rate meets the bar."""

    challenge: str
    bar: float
    best: str  # the model with the highest pass rate
    best_tally: Tally
    chosen: str | None
    tally: Tally | None
    # cheaper models below the bar that the samples cannot tell from the best: (model, its cases,
    # exact McNemar p against the best on the samples both have), cheapest first
    untold: list[tuple[str, Tally, float]] = dataclasses.field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"challenge": self.challenge, "min_pass_rate": round(self.bar, 4), "best": self.best,
                "best_pass_rate": self.best_tally.rate, "model": self.chosen,
                **({"figures": self.tally.to_json()} if self.tally is not None else {}),
                "below_the_bar_not_supported": [{"model": m, "passed": t.passed, "cases": t.total, "p_value": p}
                                                for m, t, p in self.untold]}


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


Cases = dict[tuple[str, str, int], Case]  # (challenge, model, sample) -> its case


def cases_of(records: Iterable[dict[str, Any]]) -> Cases:
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
        if first.get("answer_source") in ("cache", "replay"):
            seconds = None  # an answer read back took no model time: it says nothing of the model's
        cases[key] = Case(all(r["outcome"] == "passed" for r in counted), float(first.get("cost_usd") or 0.0),
                          float(seconds) if seconds is not None else None, str(first.get("cost_source") or ""))
    return cases


class RouteError(ValueError):
    """Results whose values cannot be read (a sample that is no number, a cost that is no number)."""


def _versus(model: str, policy: list[bool], single: list[bool], policy_cost: float, model_cost: float) -> Versus:
    only_policy = sum(1 for p, s in zip(policy, single, strict=True) if p and not s)
    only_model = sum(1 for p, s in zip(policy, single, strict=True) if s and not p)
    p_value = mcnemar_p(only_model, only_policy)
    delta = (sum(policy) - sum(single)) / len(policy) if policy else 0.0
    ratio = policy_cost / model_cost - 1 if model_cost > 0 else None
    return Versus(model, delta, ratio, p_value, only_policy == only_model or p_value < ALPHA)


def route(records: Sequence[dict[str, Any]], *, min_pass_rate: float | None = None, tolerance: float = 0.05,
          max_chain: int = 3) -> Routing:
    try:
        cases = cases_of(records)
    except (KeyError, TypeError, ValueError) as exc:
        raise RouteError(f"a result that cannot be read: {type(exc).__name__}: {exc}") from None
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
    cheapest = [_cheapest(c, per_model[c], cases, min_pass_rate, tolerance) for c in challenges]
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
            policies.append(Policy(chain, tally, versus, _expected(chain, units, cases)))
    for policy in policies:
        policy.on_front = bool(policy.tally.total) and not any(_beats(other, policy) for other in policies)
    policies.sort(key=lambda p: (-_figures(p)[0], _figures(p)[1], len(p.chain), p.name))
    tallies = {"": {}, **{k: dict(v) for k, v in per_model.items()}}  # "": all challenges, even with no case
    return Routing(models, {m: sorted(sources[m]) for m in models}, tallies,
                   units, left_out, cheapest, policies, _recommend(policies, tolerance), tolerance)


def _expected(chain: tuple[str, ...], units: list[tuple[str, int]], cases: Cases) -> Expected:
    weights: dict[str, int] = defaultdict(int)
    for challenge, _ in units:
        weights[challenge] += 1
    rate = cost = seconds = 0.0
    timed = True
    for challenge, weight in weights.items():
        fail = 1.0  # the chance that every model so far failed
        for model in chain:
            mine = [case for (c, m, _), case in cases.items() if c == challenge and m == model]
            cost += weight * fail * statistics.fmean(case.cost for case in mine)
            times = [case.seconds for case in mine]
            if None in times:
                timed = False
            else:
                seconds += weight * fail * statistics.fmean(t for t in times if t is not None)
            fail *= 1 - sum(case.passed for case in mine) / len(mine)
        rate += weight * (1 - fail)
    total = sum(weights.values())
    if not total:
        return Expected(0.0, 0.0, None)
    return Expected(rate / total, cost / total, seconds / total if timed else None)


def _figures(policy: Policy) -> tuple[float, float]:
    """(pass rate, cost per case) over all pairings; the cost to a billionth of a dollar, so that
    sums in another order are equal."""
    return (round(policy.expected.rate, 9), round(policy.expected.cost_per_case, 9))


def _beats(other: Policy, policy: Policy) -> bool:
    """``other`` passes as many for no more, and is better on one of the two, or the same with
    fewer models."""
    (rate, cost), (their_rate, their_cost) = _figures(policy), _figures(other)
    if other is policy or their_rate < rate or their_cost > cost:
        return False
    return (their_rate, their_cost) != (rate, cost) or len(other.chain) < len(policy.chain)


def _cheapest(challenge: str, tallies: dict[str, Tally], cases: Cases, min_pass_rate: float | None,
              tolerance: float) -> Cheapest:
    best = max(sorted(tallies), key=lambda m: (tallies[m].rate or 0.0, -(tallies[m].cost_per_case or 0.0)))
    bar = min_pass_rate if min_pass_rate is not None else max(0.0, (tallies[best].rate or 0.0) - tolerance)
    good = [m for m, t in tallies.items() if t.total and (t.rate or 0.0) >= bar - 1e-9 and t.passed]
    chosen = min(good, key=lambda m: (round(tallies[m].cost_per_case or 0.0, 9), -(tallies[m].rate or 0.0),
                                      _tenths(tallies[m].latency), m)) if good else None
    ceiling = round(tallies[chosen].cost_per_case or 0.0, 9) if chosen is not None else math.inf
    untold = []
    for model in sorted(tallies, key=lambda m: (round(tallies[m].cost_per_case or 0.0, 9), m)):
        if model in good or model == best or not tallies[model].total \
                or round(tallies[model].cost_per_case or 0.0, 9) >= ceiling:
            continue
        p_value = _paired_p(challenge, best, model, cases)
        if p_value >= ALPHA:
            untold.append((model, tallies[model], p_value))
    return Cheapest(challenge, bar, best, tallies[best], chosen, tallies[chosen] if chosen is not None else None,
                    untold)


def _paired_p(challenge: str, best: str, model: str, cases: Cases) -> float:
    """Exact McNemar of ``model`` against ``best`` on the challenge's samples both have."""
    samples = sorted({s for c, m, s in cases if c == challenge and m == best}
                     & {s for c, m, s in cases if c == challenge and m == model})
    pairs = [(cases[(challenge, best, s)].passed, cases[(challenge, model, s)].passed) for s in samples]
    return mcnemar_p(sum(1 for b, m in pairs if b and not m), sum(1 for b, m in pairs if m and not b))


def _recommend(policies: list[Policy], tolerance: float) -> Policy | None:
    """The cheapest policy whose pass rate is within ``tolerance`` of the best single model's, on
    the same units."""
    singles = [p for p in policies if len(p.chain) == 1 and p.tally.total]
    if not singles:
        return None
    bar = max(_figures(p)[0] for p in singles) - tolerance
    good = [p for p in policies if p.tally.total and _figures(p)[0] >= bar - 1e-9]
    # at the same cost the fewer models, then the quicker (to a tenth of a second: less is noise)
    return min(good, key=lambda p: (_figures(p)[1], len(p.chain), _tenths(p.expected.latency), p.name))


def _tenths(seconds: float | None) -> float:
    return math.inf if seconds is None else round(seconds, 1)
