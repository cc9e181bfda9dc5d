"""Build each distinct source tree once: what a successful build added to a workspace, kept under
the hash of everything it was built from (every file but ``node_modules`` and ``.git``, the
dependency set, the build command, Node and npm), and copied into a later workspace with the same
sources instead of building again. Re-running cached or replayed answers, or a model that gives the
same answer twice, then costs a copy, not a build.

An entry is kept only when the build added or changed files and deleted none, and never when the
workspace has no dependency-store key (an agent's own install: its node_modules are not known)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from pathlib import Path

from pytest_llmcode.answers.workspace import write_file
from pytest_llmcode.core.files import copy_regular, read_inside
from pytest_llmcode.pipeline.dep_store import DependencyStore, hold, store_entry

FORMAT = 1
_SKIPPED = {"node_modules", ".git"}


def snapshot(workspace: Path) -> dict[str, str]:
    """A hash of each file under ``workspace`` but dependencies (symlinks by their target)."""
    found = {}
    for current, dirnames, filenames in os.walk(workspace):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED)
        for name in sorted(filenames):
            path = Path(current) / name
            relative = path.relative_to(workspace).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[relative] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                try:
                    data = read_inside(workspace, relative)
                except OSError:
                    data = None
                found[relative] = "other" if data is None else hashlib.sha256(data).hexdigest()
            else:
                found[relative] = "other"
    return found


def build_key(sources: dict[str, str], dependency_key: str, command: str, tools: str) -> str:
    digest = hashlib.sha256(repr((FORMAT, dependency_key, command, tools, sorted(sources.items()))).encode())
    return digest.hexdigest()[:32]


class BuildStore:
    """``<root>/<key>/files/`` holds what one build added; ``build.log`` its log."""

    def __init__(self, root: Path, deps: DependencyStore) -> None:
        self.root = root
        self.deps = deps  # its lock and its tool versions

    def key(self, sources: dict[str, str], dependency_key: str, command: str) -> str:
        return build_key(sources, dependency_key, command, self.deps.tools())

    def locked(self, key: str) -> contextlib.AbstractContextManager[Path | None]:
        """Hold the key; yields the stored build, or None when the caller is to build and :meth:`save`."""
        return hold(self.root, key, "files")

    def save(self, key: str, workspace: Path, before: dict[str, str], log: Path) -> str:
        """Keep what the build added or changed; returns why not, or ''."""
        after = snapshot(workspace)
        gone = sorted(set(before) - set(after))
        if gone:
            return "the build deleted " + ", ".join(gone[:5])
        made = sorted(path for path, digest in after.items() if before.get(path) != digest)
        if not made:
            return "the build made no files"
        if any(after[path] == "other" or after[path].startswith("link:") for path in made):
            return "the build made symlinks or special files"

        def fill(staging: Path) -> None:
            for relative in made:
                source, target = workspace / relative, staging / "files" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_regular(source, target, stat.S_IMODE(source.lstat().st_mode) & 0o755)  # never through a link
            if log.is_file():
                shutil.copyfile(log, staging / "build.log")

        return store_entry(self.root, key, fill)

    def restore(self, entry: Path, workspace: Path) -> list[str]:
        """Copy the stored build output into ``workspace`` (never through a symlink there); returns its paths."""
        restored = []
        files = entry / "files"
        for current, _dirnames, filenames in os.walk(files):
            for name in sorted(filenames):
                path = Path(current) / name
                relative = path.relative_to(files).as_posix()
                write_file(workspace, relative, path.read_bytes())
                os.chmod(workspace / relative, stat.S_IMODE(path.lstat().st_mode))
                restored.append(relative)
        return restored
