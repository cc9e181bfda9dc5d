"""The files sandboxes share with the host: the shared npm cache, workspaces handed to the
sandbox's user, and the disk a workspace takes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pytest_llmcode.sandbox.config import SANDBOX_UID


def npm_cache_dir() -> Path:
    """npm's cache for sandboxed installs: shared by cases, apart from the user's own ~/.npm."""
    configured = os.environ.get("LLMCODE_NPM_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pytest-llmcode" / "npm"


def trim_cache(path: Path, cap_bytes: int, keep: float = 0.8) -> tuple[int, int] | None:
    """Keep the shared npm cache under ``cap_bytes``: when over it, its oldest content files go
    until it holds ``keep`` of the cap (npm fetches what it misses again). Nothing is followed
    (links are removed as links). Returns (bytes before, bytes after) when it trimmed, else None."""
    if not path.is_dir() or path.is_symlink():
        return None
    files = []
    for current, _, filenames in os.walk(path):
        for name in filenames:
            full = os.path.join(current, name)
            try:
                info = os.lstat(full)
            except OSError:
                continue
            files.append((info.st_mtime, info.st_blocks * 512, full))
    before = sum(size for _, size, _ in files)
    if before <= cap_bytes:
        return None
    after = before
    for _, size, full in sorted(files):
        if after <= cap_bytes * keep:
            break
        try:
            os.unlink(full)
        except OSError:
            continue
        after -= size
    return before, after


def give_to_sandbox_user(root: Path) -> None:
    """The sandbox's unprivileged user owns the workspace (it must write there, and only there).
    Symlinks are never followed, and entries that vanish meanwhile are skipped. Root's files with
    more than one link stay their owner's: they are the dependency store's (see pipeline/dep_store.py)."""
    for _current, dirnames, filenames, dir_fd in os.fwalk(root):
        os.chown(dir_fd, SANDBOX_UID, SANDBOX_UID)
        for name in filenames + dirnames:
            try:
                info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                if info.st_nlink > 1 and info.st_uid != SANDBOX_UID and stat.S_ISREG(info.st_mode):
                    continue  # a stored file linked in (whoever owns it now): never the sandbox's to change
                os.chown(name, SANDBOX_UID, SANDBOX_UID, dir_fd=dir_fd, follow_symlinks=False)
            except FileNotFoundError:
                pass


def shared_cache(path: Path) -> Path:
    """The npm cache shared by cases: made once and given to the sandbox user, never walked again
    (a running case could swap its entries for symlinks)."""
    path.mkdir(parents=True, exist_ok=True)
    if path.stat().st_uid != SANDBOX_UID:
        give_to_sandbox_user(path)
    return path


def disk_use(root: Path) -> int:
    """Bytes of disk the files under ``root`` take."""
    return workspace_use(root)[0]


def workspace_use(root: Path) -> tuple[int, int]:
    """Bytes of disk the files under ``root`` take, and how many files and folders (inodes) there are."""
    total = entries = 0
    for current, dirnames, filenames in os.walk(root):
        entries += len(dirnames) + len(filenames)
        for name in filenames:
            try:
                total += os.lstat(os.path.join(current, name)).st_blocks * 512
            except OSError:
                pass
    return total, entries


def over_limits(root: Path, limit_bytes: int, limit_files: int) -> str | None:
    """What of the workspace is over its limits, in words; None if nothing is."""
    used, files = workspace_use(root)
    if used > limit_bytes:
        return f"{used / 2**20:.0f} MiB of disk, over the limit of {limit_bytes / 2**20:.0f} MiB"
    if files > limit_files:
        return (f"{files} files and folders, over the limit of {limit_files} "
                "(--llm-max-workspace-files)")
    return None
