"""Read a git repository's history without changing it: a commit's parent, message and changed
files, a file at a commit, a commit's tree written into a folder. A bundle file is cloned (bare)
first. Git runs without the user's and the system's configuration, without hooks, and only with
commands that apply no filter or attribute of the repository (ls-tree, cat-file, rev-list, diff
--name-status), so nothing of the repository's own runs."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath

GIT_TIMEOUT_S = 120.0
# no system or global config, no prompts, no pager: only what git itself does
_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat",
        "LC_ALL": "C"}


class GitError(Exception):
    """A git command failed: the message names the repository, the command and what git said."""


@dataclasses.dataclass(frozen=True)
class Change:
    """A file a commit changed: ``status`` is A (added), M (modified) or D (deleted); a rename is a
    deletion and an addition."""

    status: str
    path: str


def git(repo: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    """The output of ``git args`` in ``repo`` (a work tree or a bare repository)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(_ENV)
    # safe.directory=*: it only reads, so a repository another user owns (a CI checkout) is read too
    command = ["git", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "safe.directory=*",
               "-C", str(repo), *args]
    try:
        done = subprocess.run(command, input=input_bytes, capture_output=True, env=env, timeout=GIT_TIMEOUT_S)
    except FileNotFoundError:
        raise GitError("git is not installed (it reads the repository of a commit challenge)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"{repo}: `git {' '.join(args)}` took over {GIT_TIMEOUT_S:g} s") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{repo}: `git {' '.join(args)}` failed: {said[-1] if said else f'status {done.returncode}'}")
    return done.stdout


def is_bundle(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(16).startswith((b"# v2 git bundle", b"# v3 git bundle"))


def open_bundle(bundle: Path, into: Path) -> Path:
    """A bare clone of ``bundle`` at ``into`` (made once; ``into`` is reused when it is there)."""
    if (into / "HEAD").is_file():
        return into
    into.parent.mkdir(parents=True, exist_ok=True)
    partial = into.with_name(into.name + f".{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)  # what a run that died while cloning left
    git(into.parent, "clone", "--quiet", "--bare", "--", str(bundle.resolve()), str(partial))
    try:
        partial.rename(into)
    except OSError:  # another process cloned it first
        shutil.rmtree(partial, ignore_errors=True)
        if not (into / "HEAD").is_file():
            raise
    return into


def toplevel(path: Path) -> Path:
    """The root of the work tree that holds ``path``."""
    return Path(git(path, "rev-parse", "--show-toplevel").decode().strip())


def resolve(repo: Path, revision: str) -> str:
    """The full SHA of ``revision`` (a SHA, a prefix, a branch or a tag) as a commit."""
    return git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()


def parent(repo: Path, sha: str) -> str | None:
    """The commit's first parent; None for a root commit."""
    parents = git(repo, "rev-list", "--parents", "-n", "1", sha).decode().split()[1:]
    return parents[0] if parents else None


def message(repo: Path, sha: str) -> str:
    return git(repo, "log", "-1", "--format=%B", sha).decode("utf-8", "replace").strip()


def changes(repo: Path, sha: str, since: str | None = None) -> list[Change]:
    """What ``sha`` changed against ``since`` (default its first parent; all files for a root commit)."""
    base = since if since is not None else parent(repo, sha)
    if base is None:
        return [Change("A", path) for path in files_at(repo, sha)]
    raw = git(repo, "diff", "--no-renames", "--name-status", "-z", base, sha).decode("utf-8", "surrogateescape")
    fields = raw.split("\0")
    return [Change(fields[i][0], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]


def files_at(repo: Path, sha: str) -> list[str]:
    raw = git(repo, "ls-tree", "-r", "-z", "--name-only", sha).decode("utf-8", "surrogateescape")
    return [path for path in raw.split("\0") if path]


def file_at(repo: Path, sha: str, path: str) -> bytes:
    return git(repo, "cat-file", "blob", f"{sha}:{path}")


def commits(repo: Path, since: str, until: str = "HEAD", paths: tuple[str, ...] = ()) -> list[str]:
    """The commits after ``since`` up to ``until``, oldest first, first parents only."""
    args = ["rev-list", "--reverse", "--first-parent", "--no-merges", f"{since}..{until}"]
    if paths:
        args += ["--", *paths]
    return git(repo, *args).decode().split()


def write_tree(repo: Path, sha: str, dest: Path, leave_out: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Write the tree of ``sha`` into ``dest``: its regular files with their modes, as stored (no
    attribute of the repository applies: no export-ignore, export-subst or filter); links, submodules
    and the paths in ``leave_out`` are left out. Returns the paths written."""
    raw = git(repo, "ls-tree", "-r", "-z", "--full-tree", sha).decode("utf-8", "surrogateescape")
    entries: list[tuple[str, str, str]] = []
    for line in raw.split("\0"):
        if not line:
            continue
        meta, path = line.split("\t", 1)
        mode, kind, obj = meta.split()
        parts = PurePosixPath(path).parts
        if kind != "blob" or mode not in ("100644", "100755") or path in leave_out or ".." in parts or \
                path.startswith("/"):
            continue
        entries.append((mode, obj, path))
    if not entries:
        return []
    batch = git(repo, "cat-file", "--batch", input_bytes="".join(f"{obj}\n" for _, obj, _ in entries).encode())
    offset = 0
    for mode, _obj, path in entries:  # each: "<object> blob <size>\n<content>\n"
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[header_end + 1:header_end + 1 + size])
        target.chmod(0o755 if mode == "100755" else 0o644)
        offset = header_end + 1 + size + 1
    return [path for _, _, path in entries]
