"""``llmcode route``: on results with known outcomes and costs (three models, two challenges, ten
samples each), the cheapest good-enough model per challenge and the escalation policies come out
with the figures worked out by hand below; the report draws them, and a browser checks the picture."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, expect

from pytest_llmcode.cli import main
from pytest_llmcode.reporting.html import write_report
from pytest_llmcode.reporting.route import route, wilson
from tests.support.report_browser import chromium, open_report

browser = chromium  # a fixture: one Chromium for this module's reports

# model -> (cost per case, generation seconds, cost source, samples that pass per challenge)
MODELS: dict[str, tuple[float, float, str, dict[str, range]]] = {
    "cheap": (0.002, 2.0, "endpoint", {"todo": range(6), "solar": range(2)}),
    "mid": (0.02, 5.0, "prices", {"todo": range(8), "solar": range(6)}),
    "big": (0.2, 20.0, "prices", {"todo": range(10), "solar": range(9)}),
}


def records_of(model: str) -> list[dict[str, Any]]:
    cost, seconds, source, passing = MODELS[model]
    out = []
    for challenge, passes in passing.items():
        for sample in range(10):
            for test in ("test_a", "test_b"):
                good = sample in passes or test == "test_a"  # a failing case fails one test of two
                out.append({"challenge": challenge, "test": test, "model": model, "sample": sample,
                            "outcome": "passed" if good else "failed", "cost_usd": cost, "cost_source": source,
                            "timings": {"generate": seconds}})
    return out


@pytest.fixture
def runs(tmp_path: Path) -> list[Path]:
    """One results folder per model, as three runs of the same suites would leave them."""
    folders = []
    for model in MODELS:
        folder = tmp_path / model
        folder.mkdir()
        (folder / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records_of(model)))
        folders.append(folder)
    return folders


def test_policies_are_simulated_from_the_recorded_outcomes(runs: list[Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "route.json"
    assert main(["route", *map(str, runs), "--json", str(out), "--outputs", str(tmp_path / "outputs")]) == 0
    figures = json.loads(out.read_text())
    policies = {p["policy"]: p for p in figures["policies"]}
    assert len(policies) == 3 + 6 + 6  # each model, each pair, each chain of three
    assert figures["units"] == 20 and figures["simulated"] is True
    # singles
    assert (policies["big"]["passed"], policies["big"]["cost_usd"]) == (19, 4.0)
    assert (policies["mid"]["passed"], policies["mid"]["cost_usd"]) == (14, 0.4)
    assert (policies["cheap"]["passed"], policies["cheap"]["cost_usd"]) == (8, 0.04)
    # cheap, escalate to big: big answers the 12 units cheap failed; 19 pass
    assert (policies["cheap → big"]["passed"], policies["cheap → big"]["cost_usd"]) == (19, 2.44)
    assert policies["cheap → big"]["escalated"] == 12
    # cheap, then mid, then big: 19 pass for $1.48 (big alone: $4.00), 11.0 s a case on average
    chain = policies["cheap → mid → big"]
    assert (chain["passed"], chain["cost_usd"], chain["latency_s"]) == (19, 1.48, 11.0)
    assert chain["cost_per_case"] == pytest.approx(0.074)
    # over all pairings (each model's cases of a challenge are independent attempts): todo passes
    # 1 - .4*.2*0 = 100%, solar 1 - .8*.4*.1 = 96.8%; cost todo .002 + .4*.02 + .4*.2*.2 = .026,
    # solar .002 + .8*.02 + .8*.4*.2 = .082: 98.4% for $0.054 a case
    assert chain["over_all_pairings"]["rate"] == pytest.approx(0.984)
    assert chain["over_all_pairings"]["cost_per_case"] == pytest.approx(0.054)
    assert chain["over_all_pairings"]["latency"] == pytest.approx(((2 + .4 * 5 + .08 * 20) + (2 + .8 * 5 + .32 * 20)) / 2)
    assert figures["recommended"] == "cheap → mid → big"  # the cheapest within 5 pp of the best single model
    assert chain["on_front"] and not policies["big"]["on_front"]  # the chain passes more for less
    versus = {v["model"]: v for v in chain["versus"]}
    assert versus["big"]["rate_delta"] == 0 and versus["big"]["cost_ratio"] == pytest.approx(1.48 / 4 - 1)
    assert versus["cheap"]["supported"]  # 11 cases only the chain passes: McNemar p = 0.001
    assert not versus["mid"]["supported"]  # 5 such cases cannot tell (p = 0.0625)
    assert (tmp_path / "outputs").read_text() == "route=cheap → mid → big\n"
    text = capsys.readouterr().out
    assert ("| ` cheap → mid → big ` | 98.4%, $0.0540 ★ (recommended) | 19/20 (95%) [76%, 99%] | $1.4800 | "
            "$0.0740 |") in text
    assert ("| ` cheap ` | 40.0%, $0.0020 ★ | 8/20 (40%) [22%, 61%] | $0.0400 | $0.0020 | $0.0050 | 2.0 s | — | "
            "-55 pp, cost -99% |") in text
    assert "+55 pp, cost ×37 |" in text  # the chain against cheap: 37 times its cost
    assert "+25 pp (not supported by the samples), cost +270%" in text  # the chain against mid
    assert "| vs ` big ` | vs ` cheap ` | vs ` mid ` |" in text
    assert "Simulated from the recorded outcomes" in text
    assert "` cheap `: the cost the endpoint reported; ` mid `: the configured prices" in text


def test_cheapest_model_per_challenge_meets_the_bar(runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", *map(str, runs)]) == 0
    text = capsys.readouterr().out
    # by default the bar is the best model's rate less 5 points: only big reaches it
    assert "| ` solar ` | ` big ` | 9/10 (90%) [60%, 98%] | $0.2000 | 20.0 s | 85% | ` big ` |" in text
    # cheaper, below the bar, but the samples cannot tell them from the best: on todo big alone
    # passes 4 samples cheap fails (p = 2/2^4) and 2 that mid fails; on solar 3 that mid fails
    # (p = 2/2^3); cheap's 7 on solar can (p = 2/2^7 = 0.016): it is not listed
    assert ("- ` todo `: ` cheap ` 6/10 (60%) [31%, 83%] against ` big ` 10/10 (100%) [72%, 100%]: "
            "exact McNemar p = 0.125 on the paired samples") in text
    assert "- ` todo `: ` mid ` 8/10 (80%) [49%, 94%] against ` big `" in text and "p = 0.5 on" in text
    assert "- ` solar `: ` mid ` 6/10 (60%) [31%, 83%] against ` big ` 9/10 (90%) [60%, 98%]: " \
           "exact McNemar p = 0.25" in text
    assert "- ` solar `: ` cheap `" not in text
    assert main(["route", *map(str, runs), "--min-pass-rate", "60%"]) == 0
    text = capsys.readouterr().out
    assert "| ` todo ` | ` cheap ` | 6/10 (60%) [31%, 83%] | $0.0020 | 2.0 s | 60% | ` big ` |" in text
    assert "| ` solar ` | ` mid ` | 6/10 (60%) [31%, 83%] | $0.0200 | 5.0 s | 60% | ` big ` |" in text
    assert main(["route", *map(str, runs), "--min-pass-rate", "1.0"]) == 0
    text = capsys.readouterr().out
    assert "| ` solar ` | none reaches the bar |" in text
    assert "- ` solar `: ` big `" not in text  # the best is not below itself


def test_the_same_model_in_two_runs_is_told_apart_and_a_missing_run_is_an_error(
    runs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = tmp_path / "again"
    again.mkdir()
    (again / "results.jsonl").write_text((runs[0] / "results.jsonl").read_text())
    assert main(["route", str(runs[0]), str(again), "--json", str(tmp_path / "r.json")]) == 0
    assert set(json.loads((tmp_path / "r.json").read_text())["models"]) == {"cheap@cheap", "cheap@again"}
    assert main(["route", str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err
    # two runs whose folders have the same name: told apart by a number
    other = tmp_path / "elsewhere" / "cheap"
    other.mkdir(parents=True)
    (other / "results.jsonl").write_text((runs[0] / "results.jsonl").read_text())
    assert main(["route", str(runs[0]), str(other), "--json", str(tmp_path / "r2.json")]) == 0
    assert set(json.loads((tmp_path / "r2.json").read_text())["models"]) == {"cheap@cheap", "cheap@cheap#2"}
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({**records_of("cheap")[0], "sample": "first"}) + "\n")
    assert main(["route", str(broken)]) == 2
    assert "a result that cannot be read: ValueError" in capsys.readouterr().err


def test_over_all_pairings_the_figures_do_not_hang_on_which_samples_share_a_number() -> None:
    """A passes samples 0-4, B 5-9: paired by number, A then B passes all ten; B passing 0-4 instead,
    five. Over all pairings both are 1 - .5 * .5 = 75%, and that is what ranks the policies."""
    def model(name: str, passing: range) -> list[dict[str, Any]]:
        return [{"challenge": "todo", "test": "test_a", "model": name, "sample": n, "cost_usd": 0.01,
                 "outcome": "passed" if n in passing else "failed"} for n in range(10)]

    apart = {p.name: p for p in route(model("a", range(5)) + model("b", range(5, 10))).policies}
    together = {p.name: p for p in route(model("a", range(5)) + model("b", range(5))).policies}
    assert (apart["a → b"].tally.passed, together["a → b"].tally.passed) == (10, 5)
    assert apart["a → b"].expected.rate == together["a → b"].expected.rate == 0.75
    assert apart["a → b"].expected.cost_per_case == pytest.approx(0.01 + 0.5 * 0.01)


def test_names_and_sources_from_results_files_stay_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "<img src=x onerror=alert(1)>|[x](http://e)"
    records = [{**r, "model": hostile if r["model"] == "cheap" else r["model"], "cost_source": "<b>hi</b>"}
               for m in ("cheap", "mid") for r in records_of(m)]
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    assert main(["route", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    header = next(line for line in text.splitlines() if line.startswith("| policy |"))
    assert header.count(" | ") == 9  # ten cells: a | in a name opens no column
    outside = re.sub(r"(`+) .*? \1", "", text)  # what is not in a code span (there it shows literally)
    assert "<img" not in outside and "](http" not in outside and hostile[:4] in text
    assert "<b>" not in text and ": unknown" in text
    page = write_report(tmp_path).read_text()
    assert "<img src=x" not in page and "<b>hi" not in page


def test_unknown_costs_and_times_are_said_not_guessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    free = [{**r, "cost_usd": 0.0, "cost_source": "none", "answer_source": "cache"} for r in records_of("cheap")]
    routing = route(free + records_of("big"))
    chain = {p.name: p for p in routing.policies}["cheap → big"]
    assert chain.tally.latency is None and chain.expected.latency is None  # a cached answer took no model time
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in free + records_of("big")))
    assert main(["route", str(tmp_path)]) == 0
    assert "⚠️ No cost is known for ` cheap `: counted as $0, which makes it look cheapest." in capsys.readouterr().out


def test_a_challenge_not_every_model_ran_is_left_out_of_the_policies_and_said(tmp_path: Path) -> None:
    records = records_of("cheap") + [r for r in records_of("big") if r["challenge"] == "todo"]
    routing = route(records)
    assert routing.left_out == {"solar": "not every model has a case of it"} and len(routing.units) == 10
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    assert "Left out of the policies: solar (not every model has a case of it)." in write_report(tmp_path).read_text()


def test_a_rerun_into_the_same_folder_counts_its_latest_result() -> None:
    first = records_of("cheap")
    later = [{**r, "outcome": "passed"} for r in first if r["challenge"] == "solar"]
    routing = route(first + later)
    assert routing.per_model["solar"]["cheap"].passed == 10 and routing.per_model["todo"]["cheap"].passed == 6


def test_results_with_nothing_judged_still_make_a_report(tmp_path: Path) -> None:
    skipped = [{**r, "outcome": "skipped"} for r in records_of("cheap")]
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in skipped))
    assert route(skipped).to_json()["policies"] == []
    assert "Quality against cost" in write_report(tmp_path).read_text()


def test_wilson_interval() -> None:
    low, high = wilson(19, 20)
    assert (round(low, 3), round(high, 3)) == (0.764, 0.991)
    assert wilson(0, 0) == (0.0, 1.0)


def test_the_reports_picture_shows_the_numbers_in_a_browser(tmp_path: Path, browser: Browser) -> None:
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for m in MODELS for r in records_of(m)))
    page, problems = open_report(browser, write_report(tmp_path))
    overall = page.locator("svg#cost-quality-all")
    expect(overall).to_be_visible()
    models = overall.locator("g.model")
    assert sorted(models.evaluate_all("gs => gs.map(g => [g.dataset.label, g.dataset.passRate, g.dataset.cases])")) \
        == [["big", "0.9500", "20"], ["cheap", "0.4000", "20"], ["mid", "0.7000", "20"]]

    def centre(target: Locator) -> tuple[float, float]:
        box = target.bounding_box()
        assert box is not None
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    _, top = centre(overall.locator("line[data-tick='1']"))
    _, bottom = centre(overall.locator("line[data-tick='0']"))
    left, _ = centre(overall.locator("line[data-cost-tick='0.001']"))
    right, _ = centre(overall.locator("line[data-cost-tick='0.01']"))
    for label, rate, cost in (("cheap", 0.4, 0.002), ("mid", 0.7, 0.02), ("big", 0.95, 0.2)):
        x, y = centre(overall.locator(f"g.model[data-label='{label}'] circle"))
        assert y == pytest.approx(bottom + (top - bottom) * rate, abs=1.0), label  # drawn where its rate is
        assert x == pytest.approx(left + (right - left) * math.log10(cost / 0.001), abs=1.0), label  # log scale
        expect(overall.locator(f"g.model[data-label='{label}'] text")).to_have_text(label)
    hover = overall.locator("g.model[data-label='cheap'] > title").text_content() or ""
    assert "cheap: 8/20 (40%) [22%, 61%] of cases passed every test; $0.0020 per case" in hover
    # the recommended policy is drawn and named in the key; one picture per challenge follows
    expect(overall.locator("g.policy[data-label='cheap → mid → big (recommended)']")).to_have_count(1)
    expect(overall).to_contain_text("1: cheap → mid → big (recommended)")
    solar = page.locator("svg.cost-quality", has=page.locator("title", has_text="solar"))
    assert solar.locator("g.model[data-label='big']").get_attribute("data-pass-rate") == "0.9000"
    expect(page.locator("#policies")).to_contain_text("★ (recommended)")
    expect(page.locator("#cheapest")).to_contain_text("todo")
    expect(page.locator("#totals tr", has=page.locator("th", has_text="cheap"))).to_contain_text(
        "the cost the endpoint reported")  # where each model's costs came from, beside them
    expect(page.locator("#totals tr", has=page.locator("th", has_text="mid"))).to_contain_text("the configured prices")
    expect(page.locator("#untold li").filter(has_text="cheap")).to_have_text(
        "todo: cheap 6/10 (60%) [31%, 83%] against big 10/10 (100%) [72%, 100%]: exact McNemar p = 0.125 on the "
        "paired samples")
    assert page.evaluate("document.scripts.length") == 0
    assert not problems, problems
