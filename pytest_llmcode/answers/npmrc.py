"""What a model's ``.npmrc`` may set. npm reads a project's ``.npmrc`` at install, and some of its
keys run programs or send the install elsewhere (``git=./evil.sh`` with a ``git+file:``
dependency ran while the registry was reachable; ``registry``, ``script-shell``,
``node-options``). Only keys that change how dependencies are resolved or saved are allowed; any
other fails the install and names itself."""

from __future__ import annotations

from pathlib import Path

from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.core.files import project_files, read_inside

ALLOWED = frozenset({
    "legacy-peer-deps", "strict-peer-deps", "engine-strict", "save-exact", "save-prefix", "package-lock",
    "fund", "audit", "loglevel", "progress", "prefer-offline", "prefer-dedupe", "install-links",
    "auto-install-peers",  # pnpm's, harmless to npm
})
MAX_BYTES = 64 * 1024


def refused_keys(workspace: Path) -> list[tuple[str, str]]:
    """(file, key) of every key outside :data:`ALLOWED` in the workspace's ``.npmrc`` files."""
    found = []
    for path in project_files(workspace):
        if path.name != ".npmrc":
            continue
        relative = str(path.relative_to(workspace))
        try:
            data = read_inside(workspace, relative, MAX_BYTES)
        except OSError:
            data = None
        if data is None:
            found.append((relative, "(not a regular file)"))
            continue
        text = data.decode("utf-8", errors="replace")
        for line in text.splitlines():
            text = line.strip()
            if not text or text.startswith(("#", ";")):
                continue
            key = text.split("=", 1)[0].strip()
            if key.lower() not in ALLOWED:
                found.append((relative, key[:80]))
    return found


def check(workspace: Path) -> None:
    """Fail the install (before anything runs) if a ``.npmrc`` sets a key that is not allowed."""
    refused = refused_keys(workspace)
    if refused:
        listed = "; ".join(f"{file}: {key}" for file, key in refused[:10])
        raise StageFailure(Stage.INSTALL, f"the project's .npmrc sets what llmcode does not allow ({listed}); "
                                          f"allowed keys: {', '.join(sorted(ALLOWED))}")
