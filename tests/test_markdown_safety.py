"""Text from a model, an app or a page reaches GitHub's Markdown (the step summary, the compare
report, a pull-request comment) only as literal text: rendered by a CommonMark renderer, it makes
no image, link, mention or HTML, and breaks no table."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pytest_llmcode.reporting.cases import CaseView
from pytest_llmcode.reporting.compare import Side, Thresholds, compare
from pytest_llmcode.reporting.gate import markdown as compare_markdown
from pytest_llmcode.reporting.markdown import markdown as run_markdown
from pytest_llmcode.reporting.md import code

# a file name a red team gave an answer, and worse
HOSTILE = ("![t](https://attacker.example/pixel.png) [Approve](https://attacker.example/phish) @octocat "
           "<img src=x onerror=alert(1)> **bold** | broken | cell ``` `tick` <https://attacker.example/auto>")


class _Seen(HTMLParser):
    """Tags rendered, and text outside <code>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.depth = 0
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.depth += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "code"

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.outside.append(data)


def rendered(text: str) -> _Seen:
    seen = _Seen()
    seen.feed(MarkdownIt("commonmark").enable("table").render(text))
    return seen


def assert_inert(text: str) -> None:
    seen = rendered(text)
    assert not {"img", "a", "script"} & set(seen.tags), seen.tags
    outside = " ".join(seen.outside)
    for word in ("octocat", "attacker", "bold", "onerror", "broken"):  # the input's words only in code spans
        assert word not in outside, outside


@pytest.mark.parametrize("text", [HOSTILE, "`", "``a``", "| x |", "line\nbreak", " padded ", "x" * 500])
def test_a_code_span_renders_any_text_literally_in_a_table_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {code(text)} | after |\n"
    seen = rendered(table)
    assert seen.tags.count("td") == 2, f"the cell broke the row: {seen.tags}"
    assert not {"img", "a", "strong", "em"} & set(seen.tags)


def test_the_run_summary_shows_hostile_names_and_reasons_as_text(tmp_path: Path) -> None:
    case = CaseView(tmp_path, f"todo {HOSTILE}", f"model {HOSTILE}", 0)
    case.tests = {f"test_{HOSTILE}": {"outcome": "failed", "reason": f"AssertionError: {HOSTILE}"},
                  "test_ok": {"outcome": "passed"}}
    text = run_markdown({(case.challenge, case.model, 0): case}, report=f"out/{HOSTILE}/report.html")
    assert_inert(text)
    assert "broken" in text and rendered(text).tags.count("tr") >= 3


def test_the_compare_report_shows_hostile_names_as_text() -> None:
    def side(model: str, outcome: str) -> Side:
        return Side(model, [{"challenge": f"c {HOSTILE}", "sample": 0, "test": f"test_{HOSTILE}", "outcome": outcome}])

    text = compare_markdown(compare(side(f"base {HOSTILE}", "passed"), side(f"cand {HOSTILE}", "failed"), Thresholds()))
    assert "Regressed" in text
    assert_inert(text)
