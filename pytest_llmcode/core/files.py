"""What counts as a project's own files (not its dependencies or build output), and the marker of
a results folder (never collected by pytest, never taken as a project)."""

from __future__ import annotations

import os
from pathlib import Path

OUTPUT_MARKER = ".llmcode-output"
GENERATED_DIRS = frozenset({"node_modules", ".git", "dist", "build", ".vite", "__pycache__"})


def project_files(root: Path) -> list[Path]:
    """The files of a project under ``root``, in path order, without dependencies and build output."""
    found = []
    for current, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in GENERATED_DIRS)
        found += [Path(current) / name for name in sorted(filenames)]
    return found


def mark_output_dir(output: Path) -> None:
    """Mark the results folder so pytest never collects generated code inside it."""
    output.mkdir(parents=True, exist_ok=True)
    marker = output / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text("pytest-llmcode results; not collected by pytest\n", encoding="utf-8")
