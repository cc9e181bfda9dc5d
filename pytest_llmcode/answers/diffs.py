"""The change a model made to an existing codebase, as a unified diff (``git diff`` style)."""

from __future__ import annotations

import difflib
from pathlib import Path

from pytest_llmcode.core.files import NotRegularFile, read_inside


def _text(root: Path, relative: str) -> list[str] | None:
    """The lines of a file; None if it does not exist; a marker for binary files and for links,
    FIFOs and devices, which are never read through (see :func:`read_inside`)."""
    try:
        data = read_inside(root, relative)
    except NotRegularFile:
        return ["(a link or a special file: not read)\n"]
    except OSError:
        return None
    if data is None:
        return None
    try:
        return data.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return ["(binary file)\n"]


def change_diff(base: Path, workspace: Path, paths: list[str]) -> str:
    """The diff of ``paths`` between the untouched codebase ``base`` and ``workspace``."""
    chunks = []
    for relative in sorted(dict.fromkeys(paths)):
        before, after = _text(base, relative), _text(workspace, relative)
        if before == after:
            continue
        header = [f"diff --git a/{relative} b/{relative}\n"]
        if before is None:
            header.append("new file\n")
        elif after is None:
            header.append("deleted file\n")
        lines = difflib.unified_diff(
            before or [],
            after or [],
            fromfile="/dev/null" if before is None else f"a/{relative}",
            tofile="/dev/null" if after is None else f"b/{relative}",
        )
        body = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
        chunks.append("".join(header + body))
    return "".join(chunks)
