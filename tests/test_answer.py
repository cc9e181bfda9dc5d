from __future__ import annotations

import pytest

from pytest_llmcode.answers.formats import format_files
from pytest_llmcode.answers.parse import MAX_FILES, AnswerError, parse_answer


def test_round_trip_keeps_paths_and_contents_including_backtick_fences() -> None:
    files: dict[str, str | bytes] = {"src/App.jsx": "export default 1;\n", "README.md": "Run:\n```sh\nnpm i\n```\n"}
    parsed = parse_answer(format_files(files))
    assert {f.path: f.content for f in parsed.files} == files


@pytest.mark.parametrize(
    "header",
    [
        "File: src/App.jsx",
        "**File:** `src/App.jsx`",
        "### src/App.jsx",
        "**src/App.jsx**",
        "`src/App.jsx`:",
    ],
)
def test_path_headers_models_commonly_write(header: str) -> None:
    text = f"Here is the app.\n\n{header}\n```jsx\nconst a = 1;\n```\n"
    assert parse_answer(text).paths == ["src/App.jsx"]


@pytest.mark.parametrize("info", ['jsx title="src/App.jsx"', "src/App.jsx", "jsx:src/App.jsx"])
def test_path_in_fence_info(info: str) -> None:
    assert parse_answer(f"```{info}\nconst a = 1;\n```\n").paths == ["src/App.jsx"]


def test_code_blocks_without_path_are_ignored_with_a_note() -> None:
    parsed = parse_answer("Run this:\n```sh\nnpm install\n```\nFile: a.js\n```js\n1\n```\n")
    assert parsed.paths == ["a.js"]
    assert "no file path" in parsed.notes[0]


def test_prose_between_header_and_block_detaches_the_header() -> None:
    with pytest.raises(AnswerError, match="no files"):
        parse_answer("File: a.js\nSome words about it.\nAnd more words.\n```sh\nnpm i\n```\n")


def test_no_files_is_a_clear_error() -> None:
    with pytest.raises(AnswerError, match=r"contains no files.*File: <path>"):
        parse_answer("I cannot help with that.")


def test_cut_off_answer_names_the_file_and_line() -> None:
    with pytest.raises(AnswerError, match=r"for src/App.jsx opened at line 2 is never closed"):
        parse_answer("File: src/App.jsx\n```jsx\nexport default function App() {\n")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/passwd", "absolute"),
        ("~/.ssh/id_rsa", "absolute"),
        ("C:/x.js", "absolute"),
        ("../outside.js", r"'\.\.' leaves"),
        ("src/../../x.js", r"'\.\.' leaves"),
        ("node_modules/react/index.js", "node_modules"),
        (".git/config", r"\.git"),
        ("src\\App.jsx", "backslash"),
    ],
)
def test_unsafe_paths_are_rejected(path: str, reason: str) -> None:
    with pytest.raises(AnswerError, match=reason):
        parse_answer(f"File: {path}\n```\nx\n```\n")


def test_file_count_cap() -> None:
    text = format_files({f"f{i}.txt": "x" for i in range(MAX_FILES + 1)})
    with pytest.raises(AnswerError, match=f"more than {MAX_FILES} files"):
        parse_answer(text)


def test_file_size_cap() -> None:
    with pytest.raises(AnswerError, match=r"big\.txt .* bytes, over the limit"):
        parse_answer(format_files({"big.txt": "x" * 600_000}))


def test_a_file_given_twice_keeps_the_last_with_a_note() -> None:
    parsed = parse_answer("File: a.js\n```\n1\n```\nFile: a.js\n```\n2\n```\n")
    assert [f.content for f in parsed.files] == ["2\n"]
    assert "given twice" in parsed.notes[0]


def test_file_and_folder_of_the_same_name_clash() -> None:
    with pytest.raises(AnswerError, match="as a file and also as the folder"):
        parse_answer(format_files({"src": "x", "src/a.js": "y"}))


@pytest.mark.parametrize(
    "header",
    ["File: `src/App.jsx` (entry point)", "File: src/App.jsx (updated)", "File: src/App.jsx - the root component"],
)
def test_descriptions_after_the_path_are_not_part_of_it(header: str) -> None:
    assert parse_answer(f"{header}\n```jsx\nx\n```\n").paths == ["src/App.jsx"]


def test_blocks_indented_inside_a_list_item() -> None:
    text = "1. First the entry point:\n\n   File: src/main.jsx\n   ```jsx\n   import a from 'a';\n     nested();\n   ```\n"
    parsed = parse_answer(text)
    assert parsed.paths == ["src/main.jsx"]
    assert parsed.files[0].content == "import a from 'a';\n  nested();\n"


@pytest.mark.parametrize("path", [".", "./"])
def test_the_workspace_itself_is_not_a_file(path: str) -> None:
    with pytest.raises(AnswerError, match=r"names the workspace itself|empty file path"):
        parse_answer(f"File: {path}\n```\nx\n```\n")


def test_binary_files_round_trip_as_base64() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3
    parsed = parse_answer(format_files({"public/logo.png": png, "index.html": "<img src=logo.png>"}))
    by_path = {f.path: f for f in parsed.files}
    assert by_path["public/logo.png"].data == png
    assert by_path["index.html"].data == b"<img src=logo.png>\n"


def test_bad_base64_is_a_clear_error() -> None:
    with pytest.raises(AnswerError, match=r"logo\.png .* marked base64 but is not valid base64"):
        parse_answer("File: logo.png\n```base64\nnot base64 at all!\n```\n")


def test_a_header_line_padded_with_spaces_parses_at_once() -> None:
    """A hostile ``File:`` line with 200,000 spaces inside took minutes (a quadratic regex); one pass
    over it now. The bound only catches a hang."""
    import time

    began = time.monotonic()
    with pytest.raises(AnswerError, match="file path too long"):
        parse_answer("File: index.html" + " " * 200_000 + "x\n```\nhi\n```\n")
    assert time.monotonic() - began < 10


def test_a_note_after_the_path_is_dropped() -> None:
    for header in ("File: src/App.jsx (updated)", "File: src/App.jsx - the root component",
                   "File: src/App.jsx \u2014 the root component", "File: `src/App.jsx` (entry point)"):
        parsed = parse_answer(f"{header}\n```\nx\n```\n")
        assert [f.path for f in parsed.files] == ["src/App.jsx"], header
