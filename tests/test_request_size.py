"""What the app leaves (a 2 MiB title, a flooded log, an assertion quoting a huge page) cannot make
a model request large: every text from the app is cut before it goes into a repair message."""

from __future__ import annotations

from pathlib import Path

from pytest_llmcode.browser.log import describe_page
from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.pipeline.repair import repair_message, verify_message

HUGE = "x" * (2 * 2**20)


class _Page:
    url = "http://127.0.0.1:5173/?" + HUGE

    def title(self) -> str:
        return HUGE

    def aria_snapshot(self, timeout: float) -> str:
        return "- heading \"Todos\" [level=1]\n" + "- text: " + HUGE


def test_a_page_description_is_small_whatever_the_page_holds() -> None:
    text = describe_page(_Page())
    assert len(text) < 4_000
    assert "heading \"Todos\"" in text and "characters cut" in text


def test_a_repair_message_is_small_whatever_the_failure_and_log_hold(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>hi</h1>")
    failure = StageFailure(Stage.BUILD, "the build failed: " + HUGE, log_tail="start\n" + HUGE + "\nthe last line")
    message = repair_message(failure, tmp_path, modify=False)
    assert len(message.content) < 12_000
    assert "the build failed" in message.content and "the last line" in message.content
    assert "index.html" in message.content


def test_a_verify_message_is_small_whatever_the_failures_hold(tmp_path: Path) -> None:
    failures = [(f"test_{n}", f"AssertionError: the title is {HUGE}") for n in range(50)]
    message = verify_message(failures, tmp_path, modify=False)
    assert len(message.content) < 100_000
    assert "test_0:" in message.content and "… and 30 more" in message.content
