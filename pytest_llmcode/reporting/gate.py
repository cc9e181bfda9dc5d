"""What ``llmcode compare`` writes: a Markdown summary (for ``$GITHUB_STEP_SUMMARY`` and pull-request
comments; regressions first) and a JUnit file of the gate itself, one testcase per challenge."""

from __future__ import annotations

from pathlib import Path

from junit_xml import TestCase, TestSuite, to_xml_report_string

from pytest_llmcode.reporting.compare import Comparison, Rate, Side, sum_rates
from pytest_llmcode.reporting.md import code
from pytest_llmcode.reporting.record import SETUP_STAGE, cost_from
from pytest_llmcode.reporting.tasks import TaskFigures, task_figures


def _money(value: float | None) -> str:
    return "—" if value is None else f"${value:.4f}"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _delta(before: float | None, after: float | None, unit: str = "") -> str:
    if before is None or after is None:
        return "—"
    change = after - before
    relative = f" ({change / before:+.0%})" if before else ""
    return f"{change:+.4g}{unit}{relative}"


def _points(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "—"
    return f"{(after - before) * 100:+.1f} pp"


def markdown(comparison: Comparison) -> str:
    base, cand = comparison.baseline, comparison.candidate
    verdict = "❌ **Regressed**" if comparison.regressed else "✅ **No regression**"
    title = f"{code(cand.model, table=False)} (candidate) vs {code(base.model, table=False)} (baseline)"
    lines = [f"## llmcode compare: {title}", "",
             f"{verdict} on {len(comparison.compared)} challenge(s) compared."]
    reasons = comparison.failures + [f"{code(r.challenge, table=False)}: {r.regressed}"
                                     for r in comparison.rows if r.regressed]
    lines += [f"- {reason}" for reason in reasons]
    if comparison.flipped:
        lines += ["", "### Flipped from pass to fail", "", "| challenge | behaviour test | baseline | candidate |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {code(c)} | {code(t)} | {b} | {a} |" for c, t, b, a in comparison.flipped]
    lines += ["", "### Per challenge", "", "| challenge | baseline | candidate | change | paired test | gate |",
              "| --- | --- | --- | --- | --- | --- |"]
    for row in comparison.rows:
        gate = "❌ " + row.regressed if row.regressed else "✅"
        lines.append(f"| {code(row.challenge)} | {row.baseline} | {row.candidate} | "
                     f"{_points(row.baseline.value, row.candidate.value)} | {row.significance} | {gate} |")
    lines += ["", "<details><summary>Every behaviour test</summary>", "",
              "| challenge | behaviour test | baseline | candidate | change |", "| --- | --- | --- | --- | --- |"]
    for challenge, test in sorted(set(base.tests) | set(cand.tests)):
        if challenge in comparison.compared:
            b, a = base.rate(challenge, test), cand.rate(challenge, test)
            lines.append(f"| {code(challenge)} | {code(test)} | {b} | {a} | {_points(b.value, a.value)} |")
    lines += ["", "</details>"]
    before, after = base.totals(comparison.compared), cand.totals(comparison.compared)
    cases_before, cases_after = base.case_rate(comparison.compared), cand.case_rate(comparison.compared)
    first_before, first_after = base.first_try_rate(comparison.compared), cand.first_try_rate(comparison.compared)
    tests_before = sum_rates(base.rate(c) for c in comparison.compared)
    tests_after = sum_rates(cand.rate(c) for c in comparison.compared)
    lines += ["", "### Totals", "", "| | baseline | candidate | change |", "| --- | --- | --- | --- |",
              f"| cases with every test passing | {cases_before} | {cases_after} | "
              f"{_points(cases_before.value, cases_after.value)}; paired test: {comparison.significance} |",
              f"| behaviour tests passed at first try (pass@1) | {first_before} | {first_after} | "
              f"{_points(first_before.value, first_after.value)} |",
              f"| behaviour tests passed after repair rounds | {tests_before} | {tests_after} | "
              f"{_points(tests_before.value, tests_after.value)} |",
              f"| of the failures: at set-up (the app offered no way to reach the behaviour) | "
              f"{base.failed_at(comparison.compared, SETUP_STAGE)} | "
              f"{cand.failed_at(comparison.compared, SETUP_STAGE)} | |",
              f"| cost | {_money(before['cost'])} | {_money(after['cost'])} | "
              f"{_delta(before['cost'], after['cost'], ' $')} |",
              f"| cost from | {cost_from(base.cost_sources)} | {cost_from(cand.cost_sources)} | |",
              f"| cost per passing case | {_money(before['cost_per_pass'])} | {_money(after['cost_per_pass'])} | "
              f"{_delta(before['cost_per_pass'], after['cost_per_pass'], ' $')} |",
              f"| median generation time | {_seconds(before['latency'])} | {_seconds(after['latency'])} | "
              f"{_delta(before['latency'], after['latency'], ' s')} |",
              f"| output tokens | {before['output_tokens']:.0f} | {after['output_tokens']:.0f} | "
              f"{_delta(before['output_tokens'], after['output_tokens'])} |"]
    lines += _task_rows(base, cand, comparison.compared)
    if comparison.set_apart:
        lines += ["", "### Not compared", ""]
        lines += [f"- {code(challenge, table=False)}: {why}"
                  for challenge, why in sorted(comparison.set_apart.items())]
    return "\n".join(lines) + "\n"


def _task_rows(base: Side, cand: Side, compared: list[str]) -> list[str]:
    """The commit challenges' figures, when either side has commit tasks among the challenges compared."""
    before = task_figures(r for r in base.records if r["challenge"] in compared).get(base.model)
    after = task_figures(r for r in cand.records if r["challenge"] in compared).get(cand.model)
    if before is None and after is None:
        return []
    b, a = before or TaskFigures(), after or TaskFigures()
    resolved_b, resolved_a = Rate(b.resolved, b.tasks), Rate(a.resolved, a.tasks)
    green_b, green_a = Rate(b.first_time_green, b.tasks), Rate(a.first_time_green, a.tasks)
    return ["", "### Commit tasks", "", "| | baseline | candidate | change |", "| --- | --- | --- | --- |",
            f"| resolved (every hidden test passed) | {resolved_b} | {resolved_a} | "
            f"{_points(resolved_b.value, resolved_a.value)} |",
            f"| first-time green (resolved before any repair round) | {green_b} | {green_a} | "
            f"{_points(green_b.value, green_a.value)} |",
            f"| tokens per task | {_count(b.tokens_per_task)} | {_count(a.tokens_per_task)} | "
            f"{_delta(b.tokens_per_task, a.tokens_per_task)} |",
            f"| cost per task | {_money(b.cost_per_task)} | {_money(a.cost_per_task)} | "
            f"{_delta(b.cost_per_task, a.cost_per_task, ' $')} |",
            f"| cost per resolved task | {_money(b.cost_per_resolved)} | {_money(a.cost_per_resolved)} | "
            f"{_delta(b.cost_per_resolved, a.cost_per_resolved, ' $')} |"]


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def junit(comparison: Comparison, path: Path) -> None:
    """One testcase per challenge compared (failed when it regressed beyond the thresholds), one for
    the overall thresholds, and a skipped one per challenge set apart."""
    cases = []
    for row in sorted(comparison.rows, key=lambda r: r.challenge):
        case = TestCase(row.challenge, classname="llmcode.gate",
                        stdout=f"baseline {row.baseline}, candidate {row.candidate}; {row.significance}")
        if row.regressed:
            case.add_failure_info(message=row.regressed)
        cases.append(case)
    overall = TestCase("overall", classname="llmcode.gate")
    if comparison.failures:
        overall.add_failure_info(message="; ".join(comparison.failures))
    cases.append(overall)
    for challenge, why in sorted(comparison.set_apart.items()):
        skipped = TestCase(challenge, classname="llmcode.gate")
        skipped.add_skipped_info(message=f"not compared: {why}")
        cases.append(skipped)
    suite = TestSuite(f"llmcode compare {comparison.candidate.model} vs {comparison.baseline.model}", cases)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_xml_report_string([suite]), encoding="utf-8")
