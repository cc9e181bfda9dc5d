"""``llmcode compare``: the gate of a model upgrade, on results of real runs and on hand-made ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.reporting.compare import mcnemar_p
from tests.support.apps import write_app
from tests.support.cli import llmcode
from tests.support.runs import junit_cases, run


@pytest.fixture
def two_runs(pytester: pytest.Pytester, static_challenge: Path) -> tuple[Path, Path]:
    """The reference's results, and a candidate's whose page lost its button."""
    broken = write_app(pytester.path / "broken", {"index.html": "<!doctype html><h1>Hello, visitor</h1>\n"})
    run(pytester, "--llm-model=reference", "--llm-samples=2", "--llm-output=baseline").assert_outcomes(passed=4)
    run(pytester, f"--llm-model=buttonless=dir:{broken}", "--llm-samples=2",
        "--llm-output=candidate").assert_outcomes(passed=2, failed=2)
    return pytester.path / "baseline", pytester.path / "candidate"


def test_a_regressing_candidate_fails_the_gate_and_says_where(two_runs: tuple[Path, Path], tmp_path: Path) -> None:
    baseline, candidate = two_runs
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    done = llmcode("compare", str(baseline), str(candidate), "--markdown", str(summary),
                   "--junitxml", str(tmp_path / "gate.xml"))
    assert done.returncode == 1, done.stderr
    text = done.stdout
    assert "` buttonless ` (candidate) vs ` reference ` (baseline)" in text
    assert "❌ **Regressed**" in text
    flipped = text.split("### Flipped from pass to fail")[1].split("###")[0]
    assert "| ` static_page ` | ` test_has_button ` | 2/2 (100%) | 0/2 (0%) |" in flipped
    assert "test_greets" not in flipped  # it still passes
    assert "| ` static_page ` | 4/4 (100%) | 2/4 (50%) | -50.0 pp | too few samples to tell (2 paired, 2 differ" in text
    assert text.index("Flipped") < text.index("Per challenge") < text.index("Totals")
    every = text.split("Every behaviour test")[1]
    assert "| ` static_page ` | ` test_greets ` | 2/2 (100%) | 2/2 (100%) | +0.0 pp |" in every
    assert "| ` static_page ` | ` test_has_button ` | 2/2 (100%) | 0/2 (0%) | -100.0 pp |" in every
    assert summary.read_text() == "earlier step\n" + text  # appended, as GitHub's step summary wants
    cases = junit_cases(tmp_path / "gate.xml")
    failure = cases["static_page"].find("failure")
    assert failure is not None and failure.get("message") == "pass rate dropped 50.0 pp (allowed 0.0 pp)"
    assert cases["overall"].find("failure") is not None


def test_the_same_results_pass_the_gate(two_runs: tuple[Path, Path], tmp_path: Path) -> None:
    baseline, _ = two_runs
    done = llmcode("compare", str(baseline / "results.jsonl"), str(baseline), "--junitxml", str(tmp_path / "g.xml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✅ **No regression** on 1 challenge(s) compared." in done.stdout
    assert "Flipped" not in done.stdout
    assert all(c.find("failure") is None for c in junit_cases(tmp_path / "g.xml").values())


def test_a_drop_within_the_threshold_passes(two_runs: tuple[Path, Path]) -> None:
    baseline, candidate = two_runs
    assert llmcode("compare", str(baseline), str(candidate), "--max-drop", "50%").returncode == 0
    held = llmcode("compare", str(baseline), str(candidate), "--max-drop", "50%", "--max-drop-challenge", "0.4")
    assert held.returncode == 1
    assert "` static_page `: pass rate dropped 50.0 pp (allowed 40.0 pp)" in held.stdout


def record(challenge: str, test: str, model: str, sample: int, outcome: str, **extra: Any) -> dict[str, Any]:
    return {"challenge": challenge, "test": test, "model": model, "sample": sample, "outcome": outcome,
            "challenge_fingerprint": extra.pop("fingerprint", "f1"), "cost_usd": extra.pop("cost", 0.0),
            "timings": {"generate": extra.pop("seconds", 1.0)}, "tokens": {"output": extra.pop("tokens", 100)},
            **extra}


def write_results(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_enough_paired_samples_give_a_significance_verdict(tmp_path: Path) -> None:
    base = write_results(tmp_path / "a.jsonl", [record("todo", "test_add", "big", s, "passed") for s in range(10)])
    cand = write_results(tmp_path / "b.jsonl", [record("todo", "test_add", "small", s, "passed" if s < 2 else "failed")
                                                for s in range(10)])
    done = llmcode("compare", str(base), str(cand))
    assert done.returncode == 1
    assert f"p = {mcnemar_p(8, 0):.3g} (significant; McNemar, 10 paired samples)" in done.stdout
    assert mcnemar_p(8, 0) == pytest.approx(2 / 2**8)
    assert mcnemar_p(3, 3) == 1.0


def test_the_totals_test_every_paired_case_and_say_where_costs_came_from(tmp_path: Path) -> None:
    """Three challenges whose 3 differing samples each cannot tell (p = 0.25), but 9 together can."""
    challenges = ("todo", "solar", "tweet")
    base = write_results(tmp_path / "a.jsonl", [record(c, "t", "big", s, "passed", cost=0.2, cost_source="prices")
                                                for c in challenges for s in range(4)])
    cand = write_results(tmp_path / "b.jsonl", [record(c, "t", "small", s, "passed" if s == 0 else "failed", cost=0.01,
                                                       cost_source="endpoint") for c in challenges for s in range(4)])
    text = llmcode("compare", str(base), str(cand)).stdout
    assert "| ` todo ` | 4/4 (100%) | 1/4 (25%) | -75.0 pp | too few samples to tell (4 paired, 3 differ" in text
    assert (f"| cases with every test passing | 12/12 (100%) | 3/12 (25%) | -75.0 pp; paired test: "
            f"p = {mcnemar_p(9, 0):.3g} (significant; McNemar, 12 paired samples) |") in text
    assert "| cost from | the configured prices | the cost the endpoint reported | |" in text
    older = write_results(tmp_path / "c.jsonl", [record("todo", "t", "old", 0, "passed")])  # no cost_source
    assert "| cost from | not recorded (results of an earlier version): counted as $0 |" \
        in llmcode("compare", str(older), str(older)).stdout


def test_a_changed_challenge_is_set_apart_never_compared(tmp_path: Path) -> None:
    base = write_results(tmp_path / "a.jsonl", [record("todo", "t", "m1", 0, "passed"),
                                                record("solar", "t", "m1", 0, "passed", fingerprint="old")])
    cand = write_results(tmp_path / "b.jsonl", [record("todo", "t", "m2", 0, "passed"),
                                                record("solar", "t", "m2", 0, "failed", fingerprint="new")])
    done = llmcode("compare", str(base), str(cand))
    assert done.returncode == 0, done.stdout  # solar failed, but its challenge changed: no comparison
    assert "- ` solar `: the challenge changed between the runs (fingerprints old vs new)" in done.stdout
    solar_only = write_results(tmp_path / "c.jsonl", [record("solar", "t", "m1", 0, "passed", fingerprint="old")])
    only_changed = llmcode("compare", str(solar_only), str(cand))
    assert only_changed.returncode == 2
    assert "no challenge can be compared: solar: the challenge changed" in only_changed.stderr


def test_cost_is_gated_only_when_asked(tmp_path: Path) -> None:
    base = write_results(tmp_path / "a.jsonl", [record("todo", "t", "m1", 0, "passed", cost=0.10)])
    cand = write_results(tmp_path / "b.jsonl", [record("todo", "t", "m2", 0, "passed", cost=0.15)])
    assert llmcode("compare", str(base), str(cand)).returncode == 0
    done = llmcode("compare", str(base), str(cand), "--max-cost-increase", "20%")
    assert done.returncode == 1
    assert "cost rose 50% (allowed 20%)" in done.stdout
    assert "| cost | $0.1000 | $0.1500 | +0.05 $ (+50%) |" in done.stdout


@pytest.mark.parametrize(
    "content, error",
    [
        ("{not json\n", "a.jsonl:1: not a JSON line"),
        ('{"challenge": "x"}\n', "a.jsonl:1: a result without test, model, sample, outcome"),
        ("", "no results in"),
    ],
)
def test_bad_results_are_a_clear_error(tmp_path: Path, content: str, error: str) -> None:
    (tmp_path / "a.jsonl").write_text(content)
    done = llmcode("compare", str(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl"))
    assert done.returncode == 2
    assert error in done.stderr


def test_results_with_several_models_need_a_choice(tmp_path: Path) -> None:
    both = write_results(tmp_path / "both.jsonl", [record("todo", "t", "big", 0, "passed"),
                                                   record("todo", "t", "small", 0, "failed")])
    done = llmcode("compare", str(both), str(both))
    assert done.returncode == 2
    assert "the baseline results hold several models (big, small): choose one with --baseline-model" in done.stderr
    chosen = llmcode("compare", str(both), str(both), "--baseline-model", "big", "--candidate-model", "small")
    assert chosen.returncode == 1
    assert "` small ` (candidate) vs ` big ` (baseline)" in chosen.stdout
    assert llmcode("compare", str(tmp_path / "nowhere"), str(both)).stderr.startswith("error: ")


def test_failures_at_set_up_are_counted_apart(tmp_path: Path) -> None:
    base = write_results(tmp_path / "a.jsonl", [record("todo", t, "m1", 0, "passed") for t in ("t1", "t2", "t3")])
    cand = write_results(tmp_path / "b.jsonl", [
        record("todo", "t1", "m2", 0, "failed", stage="set-up", reason="[set-up] could not add a task: ..."),
        record("todo", "t2", "m2", 0, "failed", stage="verify"), record("todo", "t3", "m2", 0, "passed")])
    done = llmcode("compare", str(base), str(cand))
    assert done.returncode == 1
    assert "| of the failures: at set-up (the app offered no way to reach the behaviour) | 0 | 1 | |" in done.stdout
