from __future__ import annotations

from pathlib import Path

import pytest

from pytest_llmcode.answers.parse import parse_answer
from pytest_llmcode.core.files import mark_output_dir
from pytest_llmcode.models.base import GenerationError
from pytest_llmcode.models.directory import answer_from_directory


def test_binary_assets_travel_and_results_and_dependencies_stay_behind(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "public").mkdir(parents=True)
    (app / "index.html").write_text("<h1>Hi</h1>")
    (app / "public" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    (app / "node_modules" / "react").mkdir(parents=True)
    (app / "node_modules" / "react" / "index.js").write_text("x")
    mark_output_dir(app / "llmcode-results")
    (app / "llmcode-results" / "prompt.md").write_text("earlier run")
    parsed = parse_answer(answer_from_directory(app))
    assert sorted(parsed.paths) == ["index.html", "public/logo.png"]
    assert {f.path: f.data for f in parsed.files}["public/logo.png"] == b"\x89PNG\r\n\x1a\n\x00\xff"


def test_symlinks_and_special_files_are_refused(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "index.html").write_text("<h1>Hi</h1>")
    (app / "secrets").symlink_to("/etc")
    with pytest.raises(GenerationError, match="symlink"):
        answer_from_directory(app)
