"""Writing an answer's files, edits and deletions into a workspace safely (never through a symlink),
copying starter files, and telling what changed."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from pytest_llmcode.answers.edits import EditError, apply_replacement
from pytest_llmcode.answers.parse import (
    TIME_LIMIT_S,
    AnswerDeletion,
    AnswerEdit,
    AnswerError,
    AnswerFile,
    Change,
    safe_path,
)
from pytest_llmcode.core.files import NotRegularFile, project_files, read_inside


def _safe_parent(workspace: Path, relative: str) -> Path:
    """Create the folders of ``relative`` inside ``workspace``, refusing to pass through a symlink."""
    current = workspace
    for part in Path(relative).parts[:-1]:
        current = current / part
        if current.is_symlink():
            where = current.relative_to(workspace)
            raise AnswerError(f"{relative}: {where} is a symlink; refusing to write through it")
        if not current.exists():
            current.mkdir()
        elif not current.is_dir():
            raise AnswerError(f"{relative}: {current.relative_to(workspace)} exists and is not a folder")
    return current


def write_file(workspace: Path, relative: str, data: bytes) -> None:
    relative = safe_path(relative)
    parent = _safe_parent(workspace, relative)
    target = parent / Path(relative).name
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise AnswerError(f"{relative} exists in the workspace and is not a regular file")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    fd = os.open(target, flags, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def write_files(workspace: Path, files: Iterable[AnswerFile]) -> None:
    for item in files:
        write_file(workspace, item.path, item.data)


def _existing_text(workspace: Path, relative: str) -> str | None:
    target = _safe_parent(workspace, relative) / Path(relative).name
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise AnswerError(f"{relative} exists in the workspace and is not a regular file")
    try:
        data = read_inside(workspace, relative)
    except NotRegularFile as exc:
        raise AnswerError(str(exc)) from None
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswerError(f"{relative} is not a text file; give it whole with 'File:' instead of editing it") from None


def apply_changes(workspace: Path, changes: Iterable[Change], time_limit_s: float = TIME_LIMIT_S) -> list[str]:
    """Apply an answer's whole files, edits and deletions in order; returns notes on the way.
    Raises :class:`AnswerError` naming the file and quoting the edit that does not apply, or when
    applying takes over ``time_limit_s``."""
    notes = []
    deadline = time.monotonic() + time_limit_s
    for change in changes:
        if isinstance(change, AnswerFile):
            write_file(workspace, change.path, change.data)
        elif isinstance(change, AnswerEdit):
            content = _existing_text(workspace, change.path)
            for replacement in change.replacements:
                if time.monotonic() > deadline:
                    raise AnswerError(f"applying the answer's edits took over {time_limit_s:g}s (stopped at the edit "
                                      f"of {change.path} at line {replacement.line})")
                try:
                    content = apply_replacement(change.path, content, replacement)
                except EditError as exc:
                    raise AnswerError(str(exc)) from None
            write_file(workspace, change.path, (content or "").encode("utf-8"))
        elif isinstance(change, AnswerDeletion):
            target = _safe_parent(workspace, change.path) / Path(change.path).name
            if target.is_symlink() or target.is_file():
                target.unlink()
            elif target.exists():
                raise AnswerError(f"Delete: {change.path} (line {change.line}) names a folder; delete files one by one")
            else:
                notes.append(f"Delete: {change.path} (line {change.line}): no such file; nothing deleted")
    return notes


def tree_files(source: Path) -> list[str]:
    """The paths :func:`copy_tree` copies from ``source``, in its order (regular files only)."""
    found = []
    for current, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if d not in {"node_modules", ".git", "dist"})
        for name in sorted(filenames):
            path = Path(current) / name
            if not stat.S_ISREG(path.lstat().st_mode):
                raise AnswerError(f"starter file {path} is not a regular file")
            found.append(path.relative_to(source).as_posix())
    return found


def copy_tree(source: Path, workspace: Path) -> list[str]:
    """Copy starter files into the workspace (regular files only), returning their paths."""
    copied = tree_files(source)
    for relative in copied:
        write_file(workspace, relative, (source / relative).read_bytes())
    return copied


def fingerprints(root: Path) -> dict[str, str]:
    """A hash of each project file under ``root`` (to tell what an agent created, changed or deleted)."""
    found = {}
    for path in project_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            data = read_inside(root, relative)
        except OSError:  # a link or a special file: not read, not a file the agent wrote
            continue
        if data is not None:
            found[relative] = hashlib.sha256(data).hexdigest()
    return found


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(path for path in {*before, *after} if before.get(path) != after.get(path))
