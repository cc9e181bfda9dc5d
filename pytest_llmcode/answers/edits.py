"""Search/replace edits of existing files, as a model writes them::

    Edit: src/App.jsx
    ```jsx
    <<<<<<< SEARCH
    import Home from './Home.jsx';
    =======
    import Home from './Home.jsx';
    import Screen from './Screen.jsx';
    >>>>>>> REPLACE
    ```

The SEARCH text must occur exactly once in the file (trailing spaces and line endings are
not counted); the first occurrence is replaced. An empty SEARCH creates a missing file.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

SEARCH = re.compile(r"^\s*<{5,9}\s*SEARCH\s*$")
DIVIDER = re.compile(r"^\s*={5,9}\s*$")
REPLACE = re.compile(r"^\s*>{5,9}\s*REPLACE\s*$")


class EditError(Exception):
    """An edit block that is malformed or does not apply; the message quotes it."""


@dataclasses.dataclass(frozen=True)
class Replacement:
    search: str
    replace: str
    line: int  # 1-based line of its <<<<<<< SEARCH in the answer


def has_edits(lines: list[str]) -> bool:
    return any(SEARCH.match(line) for line in lines)


def read_replacements(lines: list[str], start: int, first_line: int) -> tuple[list[Replacement], int]:
    """Read SEARCH/REPLACE sections from ``lines[start:]`` (``first_line`` is the answer line of
    ``lines[0]``); stops at the first line that is neither blank nor part of a section."""
    found: list[Replacement] = []
    index = start
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        if not SEARCH.match(lines[index]):
            break
        opened = index
        parts: list[list[str]] = [[], []]
        side = 0
        index += 1
        while index < len(lines) and not (side == 1 and REPLACE.match(lines[index])):
            if side == 0 and DIVIDER.match(lines[index]):
                side = 1
            elif side == 0 and REPLACE.match(lines[index]):
                raise EditError(f"the edit at line {first_line + opened} has >>>>>>> REPLACE but no ======= line")
            else:
                parts[side].append(lines[index])
            index += 1
        if index >= len(lines):
            what = "======= and >>>>>>> REPLACE" if side == 0 else ">>>>>>> REPLACE"
            raise EditError(f"the edit at line {first_line + opened} is not finished: no {what} line follows it")
        index += 1
        found.append(Replacement(_join(parts[0]), _join(parts[1]), first_line + opened))
    return found, index


def _join(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def _quote(text: str, limit: int = 12) -> str:
    lines = text.splitlines() or [""]
    shown = lines[:limit] + ([f"... ({len(lines) - limit} more lines)"] if len(lines) > limit else [])
    return "\n".join("    | " + line for line in shown)


def _closest(search: str, content: str) -> str:
    wanted = next((line.strip() for line in search.splitlines() if line.strip()), "")
    lines = content.splitlines()
    stripped = [line.strip() for line in lines]
    match = difflib.get_close_matches(wanted, stripped, n=1, cutoff=0.6)
    if not match:
        return ""
    return f"\nthe closest line in the file is line {stripped.index(match[0]) + 1}: {lines[stripped.index(match[0])]!r}"


def _normalized_span(content: str, search: str) -> list[tuple[int, int]]:
    """Where ``search`` occurs in ``content`` if trailing spaces of each line are ignored, as
    (start, end) character offsets in ``content``."""
    wanted = [line.rstrip() for line in search.splitlines()]
    while wanted and not wanted[-1]:
        wanted.pop()
    if not wanted:
        return []
    # whole lines, each as wanted plus any trailing spaces, and its line end: one regex pass (in C)
    # (a line starts after \n or \r; trailing spaces are any but line breaks, as str.rstrip has them)
    pattern = re.compile("".join(f"(?:(?<=\n)|(?<=\r)|\\A){re.escape(line)}[^\\S\r\n]*(?:\r\n|\n|\r|\\Z)"
                                 for line in wanted))
    spans = []
    if not wanted[0]:  # a blank first line: the regex looks everywhere
        position = 0
        while (match := pattern.search(content, position)) is not None:
            spans.append((match.start(), match.end()))
            position = match.start() + 1
        return spans
    start = content.find(wanted[0])  # else only where the first line's text is (str.find is fast)
    while start != -1:
        if start == 0 or content[start - 1] in "\r\n":
            match = pattern.match(content, start)
            if match is not None:
                spans.append((match.start(), match.end()))
        start = content.find(wanted[0], start + 1)
    return spans


def apply_replacement(path: str, content: str | None, edit: Replacement) -> str:
    """``content`` with ``edit`` applied; ``content`` is None for a file that does not exist."""
    if not edit.search.strip():
        if content is None or not content.strip():
            return edit.replace
        raise EditError(
            f"edit of {path} (answer line {edit.line}) has an empty SEARCH, but {path} already exists: "
            "quote the lines to replace, or give the whole file with 'File:'"
        )
    if content is None:
        raise EditError(f"edit of {path} (answer line {edit.line}): {path} does not exist in the workspace")
    count = content.count(edit.search)
    if count == 1:
        return content.replace(edit.search, edit.replace, 1)
    if count > 1:
        raise EditError(
            f"edit of {path} (answer line {edit.line}) is ambiguous: its SEARCH text occurs {count} times "
            f"in {path}:\n{_quote(edit.search)}"
        )
    spans = _normalized_span(content, edit.search)
    if len(spans) == 1:
        start, end = spans[0]
        replace = edit.replace
        if content[start:end].endswith("\n") and replace and not replace.endswith("\n"):
            replace += "\n"
        return content[:start] + replace + content[end:]
    if len(spans) > 1:
        raise EditError(
            f"edit of {path} (answer line {edit.line}) is ambiguous: its SEARCH text occurs {len(spans)} times "
            f"in {path}:\n{_quote(edit.search)}"
        )
    raise EditError(
        f"edit of {path} (answer line {edit.line}) does not apply: its SEARCH text was not found in {path}:\n"
        f"{_quote(edit.search)}{_closest(edit.search, content)}"
    )
