"""``report.html``: written at the end of a run and by ``llmcode report``, opened here in Chromium
the way a reviewer would open the CI artifact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.support.apps import write_app
from tests.support.cli import llmcode
from tests.support.report_browser import chromium, open_report
from tests.support.runs import run

browser = chromium  # a fixture: one Chromium for this module's reports


def test_the_run_writes_a_report_a_reviewer_can_read(pytester: pytest.Pytester, static_challenge: Path,
                                                      browser: Browser) -> None:
    broken = write_app(pytester.path / "broken", {"index.html": "<!doctype html><h1>Hello, visitor</h1>\n"})
    result = run(pytester, "--llm-model=reference", f"--llm-model=buttonless=dir:{broken}", "--llm-output=out")
    result.assert_outcomes(passed=3, failed=1)
    report = pytester.path / "out" / "report.html"
    result.stdout.fnmatch_lines([f"report: {report}"])
    page, problems = open_report(browser, report)
    matrix = page.get_by_role("table").first
    assert matrix.get_by_role("row").nth(0).inner_text().split() == ["challenge", "buttonless", "reference"]
    row = matrix.get_by_role("row", name="static_page")
    assert "1/2 (50%)" in row.get_by_role("cell").nth(0).inner_text()
    assert "2/2 (100%)" in row.get_by_role("cell").nth(1).inner_text()
    assert page.locator("img").count() == 4  # a screenshot per behaviour test per case
    failed = page.locator("details[open]")
    assert failed.count() == 1  # the failing case is open, the passing one folded
    assert "test_has_button" in failed.inner_text() and "failed" in failed.inner_text()
    assert failed.get_by_role("img").count() == 2
    page.get_by_text("static_page · reference · s0").click()  # unfold the passing case
    images = page.locator(".thumbs").get_by_role("img")  # the screenshots (the pictures of cost are images too)
    expect(images).to_have_count(4)
    expect(page.locator("svg.cost-quality")).to_have_count(2)  # all challenges, and the one challenge
    for image in images.all():
        expect(image).to_have_js_property("complete", True)
    widths = images.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 100 for w in widths), widths
    page.get_by_role("link", name="screenshot: test_page__test_has_button").first.click()
    assert page.url.endswith(".png")
    assert problems == []

    (pytester.path / "out" / "report.html").unlink()
    summary = pytester.path / "step-summary.md"
    summary.write_text("earlier\n")
    again = llmcode("report", str(pytester.path / "out"), "--markdown", str(summary))
    assert again.returncode == 0 and report.is_file(), again.stderr
    text = summary.read_text()
    assert text.startswith("earlier\n## llmcode: 3/4 behaviour tests passed\n")
    assert "| ` static_page ` | ` buttonless ` | s0 | ` test_has_button ` | failed | ` AssertionError: Locator expected" in text
    assert text.index("### Failures") < text.index("### Behaviour tests passed") < text.index("### Per model")
    assert "| ` static_page ` | 1/2 ❌ (1 sample(s)) | 2/2 ✅ (1 sample(s)) |" in text
    assert "| ` reference ` | 2/2 | 1/1 | $0.0000 | $0.0000 | 0.0 s |" in text


def test_untrusted_text_in_the_evidence_stays_text(tmp_path: Path, browser: Browser) -> None:
    case = tmp_path / "todo" / "m" / "s0"
    case.mkdir(parents=True)
    hostile = "<script>document.title = 'pwned'</script><img src=x onerror=\"document.title='pwned'\">"
    (case / "case.json").write_text(json.dumps({"failure": hostile, "failed_stage": "build",
                                                "failure_log_tail": hostile, "usage": {}, "timings": {}}))
    (case / "files.json").write_text(json.dumps([hostile]))
    (tmp_path / "results.jsonl").write_text(json.dumps(
        {"challenge": "todo", "test": "test_x", "model": "m", "sample": 0, "outcome": "error", "reason": hostile}) + "\n")
    assert llmcode("report", str(tmp_path)).returncode == 0
    page, _ = open_report(browser, tmp_path / "report.html")
    assert page.title() == "llmcode report"
    assert page.locator("script").count() == 0
    assert hostile in page.locator("body").inner_text()
    summary = tmp_path / "summary.md"
    assert llmcode("report", str(tmp_path), "--markdown", str(summary)).returncode == 0
    row = next(line for line in summary.read_text().splitlines() if "test_x" in line)
    # no HTML from a case reaches the step summary: the reason is a code span, shown as it is
    reason = row.rsplit(" | ", 1)[1]
    assert reason.startswith("` <script>") and reason.endswith(" ` |") and reason.count("`") == 2


def test_report_without_results_is_a_clear_error(tmp_path: Path) -> None:
    done = llmcode("report", str(tmp_path))
    assert done.returncode == 2
    assert f"{tmp_path}: no results.jsonl in this folder or below it" in done.stderr
