"""The solar system challenge judged for real in headless Chromium with software WebGL: the
reference passes everything, each mutant fails exactly the checks its defect breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

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

CHALLENGE = EXAMPLES / "solar_system"


@pytest.fixture(scope="module")
def solar_run(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    return run_matrix(CHALLENGE, tmp_path_factory.mktemp("solar_run"))


def test_reference_passes_every_behaviour(solar_run: Matrix) -> None:
    check_passes_everything(solar_run, "reference")


@pytest.mark.parametrize("app", alternatives(CHALLENGE))
def test_independently_written_app_passes_every_behaviour(solar_run: Matrix, app: str) -> None:
    check_passes_everything(solar_run, app)  # e.g. unnamed meshes, found from their HTML labels


@pytest.mark.parametrize("mutant", sorted(expectations(CHALLENGE)))
def test_mutant_fails_exactly_the_expected_behaviours(solar_run: Matrix, mutant: str) -> None:
    check_mutant(solar_run, mutant)


def test_nested_project_is_reported_with_its_stray_files(solar_run: Matrix) -> None:
    text = message(solar_run.cases["nested_project"]["test_app_is_at_the_workspace_root"])
    assert "[build]" in text
    assert "a stray nested project (solar-system/package.json)" in text


def test_scene_screenshots_are_kept_as_evidence(solar_run: Matrix) -> None:
    shots = solar_run.output / "solar_system" / "reference" / "s0" / "screenshots"
    names = {p.name for p in shots.iterdir()}
    for check in ("test_canvas_renders", "test_drag_rotates_the_view", "test_scroll_zooms",
                  "test_clicking_a_body_shows_its_facts"):
        assert f"test_solar__{check}.png" in names
    assert all(Path(shots / name).stat().st_size > 5000 for name in names)
