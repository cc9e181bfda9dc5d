"""Where an agent's program lives on the host, so that its sandbox can see it read-only: the
folder its command is found in, the package or installation behind it (an npm package, a venv, a
Node.js or Python under a prefix), and the interpreter its first line names, wherever the user
installed them (``npm i -g``, ``pipx``, a venv under /tmp, ~/.nvm)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

# visible in every sandbox already (the namespace sandbox shows the host read-only, the docker one binds these)
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_MAX_DEPTH = 3


def program_of(command: str) -> str:
    """The program a shell command starts: its first word after any ``NAME=value`` assignments
    (and an ``env`` that only sets variables); empty when there is none."""
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    index = 0
    while index < len(words) and _ASSIGNMENT.match(words[index]):
        index += 1
    if index < len(words) and words[index] == "env":
        index += 1
        while index < len(words) and (_ASSIGNMENT.match(words[index]) or words[index] in ("-i", "--")):
            index += 1
    return words[index] if index < len(words) else ""


def search_path(path: str | None = None) -> str:
    """The PATH a sandbox searches: the host's, less version managers' shim folders (pyenv, rbenv,
    asdf), whose scripts need the manager's whole state; the next program of that name is used."""
    folders = (path if path is not None else os.environ.get("PATH", "")).split(os.pathsep)
    return os.pathsep.join(f for f in folders if f and Path(f).name != "shims")


def locate(program: str, path: str | None = None) -> str | None:
    """Where the sandbox will find ``program`` (a name on :func:`search_path`, or a path)."""
    return shutil.which(program, path=search_path(path)) if "/" not in program else shutil.which(program)


def too_wide(folder: Path) -> bool:
    """Whether showing ``folder`` would show a whole home folder (or one that holds them): a program
    found straight in one is refused rather than shown with everything beside it."""
    homes = [Path.home(), Path("/root"), Path("/home"), *(p for p in Path("/home").glob("*") if p.is_dir())]
    return folder == Path("/") or any(folder == home or folder in home.parents for home in homes)


def _is_system(path: Path) -> bool:
    return any(path == Path(root) or Path(root) in path.parents for root in SYSTEM)


def _installation(resolved: Path) -> list[Path]:
    """The folders a program file needs besides itself: its npm package, its venv, or its prefix's
    ``bin`` and ``lib`` (a Node.js or Python installed under a folder of its own)."""
    parents = list(resolved.parents)
    for index, parent in enumerate(parents):
        if parent.name == "node_modules" and index > 0:
            package = parents[index - 1]
            if package.name.startswith("@") and index > 1:
                package = parents[index - 2]
            return [package]
    for parent in parents:
        if (parent / "pyvenv.cfg").is_file():
            return [parent]
    if resolved.parent.name == "bin":
        prefix = resolved.parent.parent
        return [folder for folder in (prefix / "bin", prefix / "lib") if folder.is_dir()]
    return [resolved.parent]


def _interpreter(path: Path) -> str | None:
    """What a script's ``#!`` line runs: a path, or a program name looked up on PATH (``env node``)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(512)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    words = first[2:].decode("utf-8", "replace").split()
    if not words:
        return None
    if Path(words[0]).name == "env":
        rest = [w for w in words[1:] if not w.startswith("-") and not _ASSIGNMENT.match(w)]
        return rest[0] if rest else None
    return words[0]


def host_folders(program: str, path: str | None = None) -> list[Path]:
    """The host folders that make ``program`` run in a sandbox, outside the system folders
    (empty when it is not found, or lives in a system folder with all it needs)."""
    found: list[Path] = []

    def visit(name: str, depth: int) -> None:
        located = locate(name, path)
        if located is None or depth > _MAX_DEPTH:
            return
        where = Path(os.path.abspath(located))
        resolved = Path(os.path.realpath(where))
        for folder in (where.parent, *_installation(resolved)):
            if not _is_system(folder) and folder not in found:
                found.append(folder)
        interpreter = _interpreter(resolved)
        if interpreter:
            visit(interpreter, depth + 1)

    visit(program, 0)
    return found
