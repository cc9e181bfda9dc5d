"""What counts as a project's own files (not its dependencies or build output), the marker of a
results folder (never collected by pytest, never taken as a project), and how the host reads a file
that generated code could have touched: never through a link, never a FIFO or a device."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path, PurePosixPath

OUTPUT_MARKER = ".llmcode-output"
GENERATED_DIRS = frozenset({"node_modules", ".git", "dist", "build", ".vite", "__pycache__", ".venv"})


class NotRegularFile(OSError):
    """The path is a link, a FIFO, a device or a folder, or passes through a link: it is not read."""


def project_files(root: Path) -> list[Path]:
    """The files of a project under ``root``, in path order, without dependencies and build output."""
    found = []
    for current, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in GENERATED_DIRS)
        found += [Path(current) / name for name in sorted(filenames)]
    return found


def read_inside(root: Path, relative: str, limit: int | None = None) -> bytes | None:
    """The bytes (at most ``limit``) of the regular file ``root/relative``; None if there is none.
    Each folder on the way and the file itself are opened without following links (``O_NOFOLLOW``
    from ``root`` down), the file without blocking: a link anywhere on the way, a FIFO, a device or
    a folder raises :class:`NotRegularFile`, so a workspace cannot make the host read ``/etc`` or
    hang on a pipe."""
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", "/") for part in parts):
        raise NotRegularFile(f"{relative}: not a path inside {root}")
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            except NotADirectoryError:
                raise NotRegularFile(f"{relative}: {part} is a link or not a folder; not read") from None
            except OSError as exc:
                if exc.errno == errno.ELOOP:  # a link
                    raise NotRegularFile(f"{relative}: {part} is a link; not read") from None
                raise
            os.close(folder)
            folder = inner
        fd = open_regular(parts[-1], dir_fd=folder, shown=relative)
    except FileNotFoundError:
        return None
    finally:
        os.close(folder)
    with os.fdopen(fd, "rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def open_regular(path: str | Path, *, dir_fd: int | None = None, shown: str | None = None) -> int:
    """A read-only descriptor of the regular file ``path``, opened without following a link (the
    last part) and without blocking: a link, a FIFO, a device or a folder raises
    :class:`NotRegularFile` (named ``shown``), at once."""
    shown = shown or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile(f"{shown} is a link; not read") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(f"{shown} is not a regular file (a FIFO, a device or a folder); not read")
    return fd


def copy_regular(source: Path, target: Path, mode: int = 0o644) -> None:
    """Copy the regular file ``source`` to ``target`` (made with ``mode``), opening it with
    :func:`open_regular`: a link or a special file there (swapped in meanwhile) raises
    :class:`NotRegularFile`."""
    with os.fdopen(open_regular(source), "rb") as handle:
        with open(target, "wb") as out:
            shutil.copyfileobj(handle, out)
    os.chmod(target, mode)


def mark_output_dir(output: Path) -> None:
    """Mark the results folder so pytest never collects generated code inside it."""
    output.mkdir(parents=True, exist_ok=True)
    marker = output / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text("pytest-llmcode results; not collected by pytest\n", encoding="utf-8")
