"""The tweet screenshot challenge judged for real: a change to an existing codebase, with the
tweet service running beside it. The reference (an answer of edits) and an independently
written app pass everything; each mutant fails exactly the checks its defect breaks."""

from __future__ import annotations

import pytest

from pytest_llmcode.verify.pixels import png_size
from tests.conftest import EXAMPLES
from tests.matrix import (
    Matrix,
    alternatives,
    check_mutant,
    check_passes_everything,
    expectations,
    message,
    run_matrix,
)

CHALLENGE = EXAMPLES / "tweet_screenshot"


@pytest.fixture(scope="module")
def tweet_run(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    return run_matrix(CHALLENGE, tmp_path_factory.mktemp("tweet_run"))


def test_reference_passes_every_behaviour(tweet_run: Matrix) -> None:
    check_passes_everything(tweet_run, "reference")


@pytest.mark.parametrize("app", alternatives(CHALLENGE))
def test_independently_written_app_passes_every_behaviour(tweet_run: Matrix, app: str) -> None:
    check_passes_everything(tweet_run, app)  # a canvas-drawn card, a <select> of colours, a padding slider


@pytest.mark.parametrize("mutant", sorted(expectations(CHALLENGE)))
def test_mutant_fails_exactly_the_expected_behaviours(tweet_run: Matrix, mutant: str) -> None:
    check_mutant(tweet_run, mutant)


def test_reference_evidence_has_the_diff_the_pngs_and_the_project_tests_log(tweet_run: Matrix) -> None:
    case = tweet_run.output / "tweet_screenshot" / "reference" / "s0"
    diff = (case / "change.diff").read_text()
    assert "+++ b/src/pages/ScreenPage.jsx" in diff and '+    "html-to-image": "^1.11.13",' in diff
    assert "+  { path: '/screen', label: 'Screenshot', element: ScreenPage, nav: true }," in diff
    pngs = sorted((case / "downloads").iterdir())
    assert len(pngs) == 5  # one capture, two background colours, two paddings
    assert all(png_size(p.read_bytes()) for p in pngs)
    assert "# pass 10" in (case / "logs" / "project-tests.log").read_text()
    assert "GET /tweets/1790412345678901234" in (case / "logs" / "service-tweets.log").read_text()


def test_seed_failure_is_reported_as_a_capture_without_download(tweet_run: Matrix) -> None:
    for mutant in ("capture_waits_for_load", "capture_longer_timeout"):
        text = message(tweet_run.cases[mutant]["test_capture_downloads_png"])
        assert "no download within 10s of clicking Capture" in text


def test_unlinked_page_failure_lists_the_links_found(tweet_run: Matrix) -> None:
    text = message(tweet_run.cases["page_not_linked"]["test_screen_page_linked_from_navigation"])
    assert "no link to /screen in the navigation (its links: Download, History, About)" in text
