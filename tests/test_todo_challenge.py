"""The todo challenge judged for real: the reference passes everything, and each mutant
fails exactly the behaviour tests its defect breaks, for the right reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apps import EXAMPLES
from tests.support.matrix import ChallengeMatrix, Matrix, behaviours, expectations, matrix_fixture, message
from tests.support.runs import properties

pytestmark = pytest.mark.slow  # npm installs and builds of the real app, checked in Chromium

CHALLENGE = EXAMPLES / "todo_app"
BEHAVIOURS = behaviours(CHALLENGE)
EXPECTATIONS = expectations(CHALLENGE)
matrix = matrix_fixture(CHALLENGE, workers=2)  # the cases wait on their apps more than they compute


class TestTodoMatrix(ChallengeMatrix):
    CHALLENGE = CHALLENGE

    def test_junit_properties_name_model_challenge_sample_stage_and_timings(self, matrix: Matrix) -> None:
        passing = properties(matrix.cases["reference"]["test_delete_task"])
        assert passing["llm.model"] == "reference" and passing["llm.challenge"] == "todo_app"
        assert passing["llm.sample"] == "0" and passing["llm.cost_usd"] == "0.000000"
        assert float(passing["llm.time.install"]) > 0 and float(passing["llm.time.build"]) > 0
        built_wrong = properties(matrix.cases["nested_project"]["test_delete_task"])
        assert built_wrong["llm.stage"] == "build"
        verify_failed = properties(matrix.cases["no_persistence"]["test_items_survive_reload"])
        assert verify_failed["llm.stage"] == "verify"
        assert Path(verify_failed["llm.screenshot"]).stat().st_size > 1000

    def test_nested_project_failure_quotes_the_build_log(self, matrix: Matrix) -> None:
        text = message(matrix.cases["nested_project"]["test_add_task_with_enter"])
        assert "[build] `npm run build` exited with status 1" in text
        assert 'Missing script: "build"' in text

    def test_every_case_leaves_its_evidence(self, matrix: Matrix) -> None:
        for label in ["reference", *EXPECTATIONS]:
            case_dir = matrix.output / "todo_app" / label / "s0"
            assert (case_dir / "prompt.md").read_text().count("localStorage") >= 1
            assert (case_dir / "answer.md").read_text().startswith("File: ")
            assert (case_dir / "logs" / "install.log").is_file()
            assert (case_dir / "case.json").is_file()
        shots = matrix.output / "todo_app" / "swapped_filters" / "s0" / "screenshots"
        assert {"test_todo__test_filter_active.png", "test_todo__test_filter_completed.png"} <= {p.name for p in shots.iterdir()}

    def test_terminal_summary_shows_the_pass_table(self, matrix: Matrix) -> None:
        table = matrix.stdout.split("llmcode: behaviour tests passed per challenge and model", 1)[1]
        header, row = table.splitlines()[1:3]
        assert header.split()[0] == "challenge" and "reference" in header.split()
        assert row.startswith("todo_app") and f"{len(BEHAVIOURS)}/{len(BEHAVIOURS)} passed" in row
