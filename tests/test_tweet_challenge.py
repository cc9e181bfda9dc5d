"""The tweet screenshot challenge judged for real: a change to an existing codebase, with the
tweet service running beside it. The reference (an answer of edits) and an independently
written app (a canvas-drawn card, a <select> of colours, a padding slider) pass everything;
each mutant fails exactly the checks its defect breaks."""

from __future__ import annotations

import pytest

from pytest_llmcode.verify.pixels import png_size
from tests.support.apps import EXAMPLES
from tests.support.matrix import ChallengeMatrix, Matrix, matrix_fixture, message

pytestmark = pytest.mark.slow  # npm installs and builds of the real app, checked in Chromium

CHALLENGE = EXAMPLES / "tweet_screenshot"
matrix = matrix_fixture(CHALLENGE, workers=2)  # the cases wait on their apps more than they compute


class TestTweetScreenshotMatrix(ChallengeMatrix):
    CHALLENGE = CHALLENGE

    def test_reference_evidence_has_the_diff_the_pngs_and_the_project_tests_log(self, matrix: Matrix) -> None:
        case = matrix.output / "tweet_screenshot" / "reference" / "s0"
        diff = (case / "change.diff").read_text()
        assert "+++ b/src/pages/ScreenPage.jsx" in diff and '+    "html-to-image": "^1.11.13",' in diff
        assert "+  { path: '/screen', label: 'Screenshot', element: ScreenPage, nav: true }," in diff
        pngs = sorted((case / "downloads").iterdir())
        assert len(pngs) == 5  # one capture, two background colours, two paddings
        assert all(png_size(p.read_bytes()) for p in pngs)
        assert "# pass 10" in (case / "logs" / "project-tests.log").read_text()
        assert "GET /tweets/1790412345678901234" in (case / "logs" / "service-tweets.log").read_text()

    def test_seed_failure_is_reported_as_a_capture_without_download(self, matrix: Matrix) -> None:
        for mutant in ("capture_waits_for_load", "capture_longer_timeout"):
            text = message(matrix.cases[mutant]["test_capture_downloads_png"])
            assert "no download within 10s of clicking Capture" in text

    def test_unlinked_page_failure_lists_the_links_found(self, matrix: Matrix) -> None:
        text = message(matrix.cases["page_not_linked"]["test_screen_page_linked_from_navigation"])
        assert "no link to /screen in the navigation (its links: Download, History, About)" in text
