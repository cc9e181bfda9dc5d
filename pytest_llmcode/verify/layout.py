"""Project hygiene, usable by every challenge: the app sits at the workspace root as asked."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_FILES = ("package.json", "pyproject.toml", "requirements.txt")
SKIPPED = {"node_modules", ".git", "dist", "build", ".vite"}


def nested_projects(workspace: Path) -> list[str]:
    """Project files or dependency folders below the root: a stray nested project."""
    found = []
    for current, dirnames, filenames in os.walk(workspace):
        here = Path(current)
        if here != workspace:
            found += [(here / name).relative_to(workspace).as_posix() for name in filenames if name in PROJECT_FILES]
            if "node_modules" in dirnames:
                found.append((here / "node_modules").relative_to(workspace).as_posix() + "/")
        dirnames[:] = [d for d in dirnames if d not in SKIPPED]
    return sorted(found)


def layout_problems(workspace: Path) -> list[str]:
    problems = []
    nested = nested_projects(workspace)
    if nested:
        problems.append(f"a stray nested project ({', '.join(nested)}): the app should be at the workspace root")
    if not any((workspace / name).is_file() for name in PROJECT_FILES):
        problems.append(f"no project file ({', '.join(PROJECT_FILES)}) at the workspace root")
    return problems


def assert_app_at_root(workspace: Path) -> None:
    problems = layout_problems(workspace)
    assert not problems, "; ".join(problems)
