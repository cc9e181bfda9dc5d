"""The solar system challenge judged for real in headless Chromium with software WebGL: the
reference passes everything, each mutant fails exactly the checks its defect breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apps import EXAMPLES
from tests.support.matrix import ChallengeMatrix, Matrix, matrix_fixture, message

pytestmark = pytest.mark.slow  # npm installs and builds of the real app, checked in Chromium

CHALLENGE = EXAMPLES / "solar_system"
matrix = matrix_fixture(CHALLENGE)


class TestSolarSystemMatrix(ChallengeMatrix):
    CHALLENGE = CHALLENGE

    def test_nested_project_is_reported_with_its_stray_files(self, matrix: Matrix) -> None:
        text = message(matrix.cases["nested_project"]["test_app_is_at_the_workspace_root"])
        assert "[build]" in text
        assert "a stray nested project (solar-system/package.json)" in text

    def test_scene_screenshots_are_kept_as_evidence(self, matrix: Matrix) -> None:
        shots = matrix.output / "solar_system" / "reference" / "s0" / "screenshots"
        names = {p.name for p in shots.iterdir()}
        for check in ("test_canvas_renders", "test_drag_rotates_the_view", "test_scroll_zooms",
                      "test_clicking_a_body_shows_its_facts"):
            assert f"test_solar__{check}.png" in names
        assert all(Path(shots / name).stat().st_size > 5000 for name in names)
