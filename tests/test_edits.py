"""Search/replace edits in answers: parsed in the answer's order, applied exactly once, and an
edit that does not apply is refused naming the file and quoting the block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pytest_llmcode.answers.parse import AnswerDeletion, AnswerEdit, AnswerError, AnswerFile, parse_answer
from pytest_llmcode.answers.workspace import apply_changes

APP = "import Home from './Home.jsx';\n\nexport default function App() {\n  return <Home />;\n}\n"


def edit(path: str, search: str, replace: str, fence: bool = True) -> str:
    sections = f"<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n"
    return f"Edit: {path}\n```jsx\n{sections}```\n" if fence else f"Edit: {path}\n{sections}"


def workspace(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return tmp_path


def apply(tmp_path: Path, answer: str) -> list[str]:
    return apply_changes(tmp_path, parse_answer(answer).changes)


def test_fenced_edit_replaces_the_quoted_lines(tmp_path: Path) -> None:
    workspace(tmp_path, {"src/App.jsx": APP})
    answer = edit("src/App.jsx", "  return <Home />;\n", "  return <main><Home /></main>;\n")
    apply(tmp_path, answer)
    assert (tmp_path / "src/App.jsx").read_text() == APP.replace("<Home />;", "<main><Home /></main>;")


def test_several_sections_apply_in_order_and_unfenced_sections_count(tmp_path: Path) -> None:
    workspace(tmp_path, {"src/App.jsx": APP})
    answer = (
        "Edit: src/App.jsx\n```jsx\n"
        "<<<<<<< SEARCH\nimport Home from './Home.jsx';\n=======\nimport Home from './Home.jsx';\n"
        "import Screen from './Screen.jsx';\n>>>>>>> REPLACE\n\n"
        "<<<<<<< SEARCH\nimport Screen from './Screen.jsx';\n=======\nimport Screen from './pages/Screen.jsx';\n"
        ">>>>>>> REPLACE\n```\n\nAnd one more, without a fence:\n\n"
        + edit("src/App.jsx", "  return <Home />;\n", "  return <Screen />;\n", fence=False)
    )
    parsed = parse_answer(answer)
    assert [type(c) for c in parsed.changes] == [AnswerEdit, AnswerEdit]
    apply(tmp_path, answer)
    text = (tmp_path / "src/App.jsx").read_text()
    assert "import Screen from './pages/Screen.jsx';\n" in text and "return <Screen />;" in text


def test_aider_style_path_alone_before_the_block(tmp_path: Path) -> None:
    workspace(tmp_path, {"src/App.jsx": APP})
    answer = "src/App.jsx\n```jsx\n<<<<<<< SEARCH\n  return <Home />;\n=======\n  return null;\n>>>>>>> REPLACE\n```\n"
    apply(tmp_path, answer)
    assert "return null;" in (tmp_path / "src/App.jsx").read_text()


def test_new_file_then_edit_of_it_in_one_answer(tmp_path: Path) -> None:
    answer = "File: a.js\n```js\nconst a = 1;\n```\n\n" + edit("a.js", "const a = 1;\n", "const a = 2;\n")
    apply(tmp_path, answer)
    assert (tmp_path / "a.js").read_text() == "const a = 2;\n"


def test_trailing_spaces_and_missing_final_newline_do_not_matter(tmp_path: Path) -> None:
    workspace(tmp_path, {"a.js": "let x = 1;   \nlet y = 2;\n"})
    apply(tmp_path, edit("a.js", "let x = 1;\nlet y = 2;\n", "let x = 3;\nlet y = 4;\n"))
    assert (tmp_path / "a.js").read_text() == "let x = 3;\nlet y = 4;\n"


def test_search_text_not_found_names_the_file_and_quotes_the_block(tmp_path: Path) -> None:
    workspace(tmp_path, {"src/App.jsx": APP})
    answer = "Intro.\n\n" + edit("src/App.jsx", "  return <Homepage />;\n", "  return null;\n")
    with pytest.raises(AnswerError) as info:
        apply(tmp_path, answer)
    text = str(info.value)
    assert "edit of src/App.jsx (answer line 5) does not apply" in text
    assert "    |   return <Homepage />;" in text
    assert "closest line in the file is line 4: '  return <Home />;'" in text
    assert (tmp_path / "src/App.jsx").read_text() == APP  # nothing half-applied


def test_ambiguous_search_text_is_refused(tmp_path: Path) -> None:
    workspace(tmp_path, {"a.css": "a {\n  color: red;\n}\nb {\n  color: red;\n}\n"})
    with pytest.raises(AnswerError, match=r"edit of a.css .* is ambiguous: its SEARCH text occurs 2 times"):
        apply(tmp_path, edit("a.css", "  color: red;\n", "  color: blue;\n"))


def test_edit_of_a_missing_file_and_empty_search_rules(tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match=re.escape("src/Nope.jsx does not exist in the workspace")):
        apply(tmp_path, edit("src/Nope.jsx", "x\n", "y\n"))
    apply(tmp_path, edit("src/New.jsx", "", "export const a = 1;\n"))  # empty SEARCH creates a missing file
    assert (tmp_path / "src/New.jsx").read_text() == "export const a = 1;\n"
    with pytest.raises(AnswerError, match=re.escape("has an empty SEARCH, but src/New.jsx already exists")):
        apply(tmp_path, edit("src/New.jsx", "", "overwrite\n"))


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("Edit: a.js\n```js\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n```\n", "has >>>>>>> REPLACE but no ======= line"),
        ("Edit: a.js\n<<<<<<< SEARCH\nx\n=======\ny\n", "is not finished: no >>>>>>> REPLACE line"),
        ("```js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n", "does not say which file it changes"),
        ("Edit: a.js\n```js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\nstray\n```\n", "text outside its"),
        ("Edit: ../a.js\n```js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n", "'..' leaves the workspace"),
    ],
    ids=["no-divider", "unfinished", "no-path", "stray-text", "traversal"],
)
def test_malformed_edits_are_refused_with_the_reason(answer: str, reason: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(reason)):
        parse_answer(answer)


def test_delete_removes_a_file_and_a_missing_one_is_a_note(tmp_path: Path) -> None:
    workspace(tmp_path, {"old.js": "x\n", "keep.js": "y\n"})
    parsed = parse_answer("Delete: old.js\n- Delete: `gone.js`\n")
    assert [type(c) for c in parsed.changes] == [AnswerDeletion, AnswerDeletion]
    notes = apply_changes(tmp_path, parsed.changes)
    assert not (tmp_path / "old.js").exists() and (tmp_path / "keep.js").exists()
    assert notes == ["Delete: gone.js (line 2): no such file; nothing deleted"]


def test_binary_file_cannot_be_edited(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\xff\xfe")
    with pytest.raises(AnswerError, match=re.escape("logo.png is not a text file")):
        apply(tmp_path, edit("logo.png", "x\n", "y\n"))


def test_whole_files_keep_working_alongside_edits() -> None:
    parsed = parse_answer("File: a.js\n```js\n1\n```\nFile: a.js\n```js\n2\n```\n")
    assert [c.content for c in parsed.files] == ["2\n"]
    assert all(isinstance(c, AnswerFile) for c in parsed.changes)
    assert parsed.paths == ["a.js"]


def test_trailing_spaces_are_ignored_line_by_line_and_only_on_whole_lines(tmp_path: Path) -> None:
    workspace(tmp_path, {"a.js": "const a = 1;  \nconst ab = 2;\t\nconst a = 10;\n"})
    parsed = parse_answer(edit("a.js", "const a = 1;\nconst ab = 2;\n", "const a = 3;\n"))
    apply_changes(tmp_path, parsed.changes)
    assert (tmp_path / "a.js").read_text() == "const a = 3;\nconst a = 10;\n"
    workspace(tmp_path, {"b.js": "one \rtwo\xa0\rthree\r"})  # old Mac line ends, a no-break space
    apply_changes(tmp_path, parse_answer(edit("b.js", "two\n", "2\n")).changes)
    assert (tmp_path / "b.js").read_bytes() == b"one \r2\nthree\r"
    parsed = parse_answer(edit("a.js", "const a = 1\n", "x\n"))  # a line's start is no line
    with pytest.raises(AnswerError, match="SEARCH text was not found"):
        apply_changes(tmp_path, parsed.changes)


def test_reading_and_applying_an_answer_have_a_time_limit(tmp_path: Path) -> None:
    """Like every stage: an answer whose reading or edits take too long fails, naming the limit
    (here a limit of 0 s, so that the test does not depend on the machine's speed)."""
    workspace(tmp_path, {"a.js": "".join(f"const v{i} = {i};  \n" for i in range(3000))})
    answer = "".join(edit("a.js", f"const v{i} = {i};\n", f"const w{i} = {i};\n") for i in range(300))
    with pytest.raises(AnswerError, match=re.escape("reading the answer took over 0s (stopped at line 1 of 2400)")):
        parse_answer(answer, time_limit_s=0)
    parsed = parse_answer(answer)
    with pytest.raises(AnswerError, match=re.escape("applying the answer's edits took over 0s (stopped at the edit "
                                                    "of a.js at line 3)")):
        apply_changes(tmp_path, parsed.changes, time_limit_s=0)
    apply_changes(tmp_path, parsed.changes)  # within the default limit: every edit applies
    assert (tmp_path / "a.js").read_text().startswith("const w0 = 0;\nconst w1 = 1;\n")
