"""The Markdown summary of a run, for ``$GITHUB_STEP_SUMMARY`` and pull-request comments: what
failed first (each failing behaviour test with its case and reason), then the matrix of challenges
and models, then the per-model totals."""

from __future__ import annotations

from pytest_llmcode.reporting.cases import CaseView, totals
from pytest_llmcode.reporting.md import code

MAX_FAILURES = 50


def markdown(cases: dict[tuple[str, str, int], CaseView], report: str | None = None) -> str:
    challenges = sorted({c for c, _, _ in cases})
    models = sorted({m for _, m, _ in cases})
    failures = [(case, name, test) for case in sorted(cases.values(), key=lambda c: (c.challenge, c.model, c.sample))
                for name, test in sorted(case.tests.items()) if test["outcome"] in ("failed", "error")]
    total = sum(len(c.counted) for c in cases.values())
    passed = sum(c.passed for c in cases.values())
    verdict = "✅ every behaviour test passed" if not failures else f"❌ {len(failures)} behaviour test(s) failed"
    lines = [f"## llmcode: {passed}/{total} behaviour tests passed", "", verdict + "."]
    if report:
        lines.append(f"Report: {code(report, limit=1000, table=False)}")
    if failures:
        lines += ["", "### Failures", "", "| challenge | model | sample | behaviour test | outcome | reason |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for case, name, test in failures[:MAX_FAILURES]:
            lines.append(f"| {code(case.challenge)} | {code(case.model)} | s{case.sample} | {code(name)} | "
                         f"{test['outcome']} | {code(test.get('reason') or '')} |")
        if len(failures) > MAX_FAILURES:
            lines.append(f"\n… and {len(failures) - MAX_FAILURES} more (see the report)")
    lines += ["", "### Behaviour tests passed, per challenge and model", "",
              "| challenge | " + " | ".join(map(code, models)) + " |", "| --- |" + " --- |" * len(models)]
    for challenge in challenges:
        cells = []
        for model in models:
            t = totals(c for (ch, m, _), c in cases.items() if (ch, m) == (challenge, model))
            mark = "" if not t.counted else " ✅" if t.passed == t.counted else " ❌"
            cells.append(f"{t.passed}/{t.counted}{mark} ({t.cases} sample(s))" if t.cases else "—")
        lines.append(f"| {code(challenge)} | " + " | ".join(cells) + " |")
    lines += ["", "### Per model", "", "| model | tests passed | cases all passed | cost | cost per passing case | "
              "median generation time |", "| --- | --- | --- | --- | --- | --- |"]
    for model in models:
        t = totals(c for (_, m, _), c in cases.items() if m == model)
        per_pass = "—" if t.cost_per_pass is None else f"${t.cost_per_pass:.4f}"
        latency = "—" if t.median_generation_s is None else f"{t.median_generation_s:.1f} s"
        lines.append(f"| {code(model)} | {t.passed}/{t.counted} | {t.all_passed}/{t.cases} | ${t.cost:.4f} | "
                     f"{per_pass} | {latency} |")
    return "\n".join(lines) + "\n"
