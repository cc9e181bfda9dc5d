from __future__ import annotations

from pathlib import Path

from tests.support.apps import EXAMPLES, STATIC_CHALLENGE
from tests.support.cli import llmcode


def test_validate_reports_good_and_broken_challenges(tmp_path: Path) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "challenge.yaml").write_text(STATIC_CHALLENGE)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "challenge.yaml").write_text(STATIC_CHALLENGE.replace("title: A static page\n", ""))
    done = llmcode("validate", str(tmp_path))
    assert done.returncode == 1
    assert f"error: {tmp_path / 'bad' / 'challenge.yaml'}: key 'title': missing" in done.stdout
    assert "ok     static_page: A static page" in done.stdout


def test_validate_example_suites() -> None:
    done = llmcode("validate", str(EXAMPLES))
    assert done.returncode == 0, done.stdout
    assert "ok     todo_app" in done.stdout


def test_prompt_shows_the_task_the_run_commands_and_the_answer_format() -> None:
    done = llmcode("prompt", str(EXAMPLES / "todo_app"))
    assert done.returncode == 0
    assert "keep it in localStorage" in done.stdout
    assert "- build: `npm run build`" in done.stdout
    assert "File: src/App.jsx" in done.stdout


def test_cache_info_and_clear(tmp_path: Path) -> None:
    from pytest_llmcode.models.store import ResponseCache

    ResponseCache(tmp_path, "readwrite").put("ab" * 32, {"text": "x"})
    assert "1 cached answer(s)" in llmcode("cache", "info", "--dir", str(tmp_path)).stdout
    assert "removed 1 cached answer(s)" in llmcode("cache", "clear", "--dir", str(tmp_path)).stdout
    assert "0 cached answer(s)" in llmcode("cache", "info", "--dir", str(tmp_path)).stdout
