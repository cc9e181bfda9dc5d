"""Install each distinct dependency set once: a store of installed ``node_modules`` keyed by what
decides them (the dependency fields of ``package.json``, lock files, ``.npmrc``, the install command,
Node and npm), handed to later workspaces as hard links.

Safety: an entry is saved right after a successful install, before the build runs, and only when
the install changed nothing but ``node_modules`` and the lock file, from a workspace whose answer
wrote no ``node_modules`` of its own. Its files stay owned by root, so the sandbox's user (nobody)
can replace a linked file in its workspace but never change the store's copy; with
``--llm-sandbox=none`` (commands run as you) workspaces get real copies instead of links.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import platform
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from pytest_llmcode.core.files import copy_regular, read_inside
from pytest_llmcode.sandbox.links import stays_inside

FORMAT = 1
KEPT = ("node_modules", "package-lock.json")  # what an install may leave behind to be stored
INPUT_FILES = ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", ".npmrc", ".yarnrc",
               ".yarnrc.yml")
# package.json fields that do not decide what an install puts into node_modules
_NOT_DEPENDENCIES = {"name", "version", "description", "private", "type", "main", "module", "exports", "types",
                     "author", "license", "keywords", "repository", "homepage", "bugs", "browserslist",
                     "eslintConfig", "prettier", "files", "contributors", "funding", "sideEffects"}
_INSTALL_SCRIPTS = {"preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare",
                    "prepublish", "dependencies"}


def _tool_versions() -> str:
    versions = []
    for tool in ("node", "npm"):
        try:
            versions.append(subprocess.run([tool, "--version"], capture_output=True, text=True,
                                           timeout=30).stdout.strip())
        except (OSError, subprocess.SubprocessError):
            versions.append("")
    return " ".join(versions)


def dependency_key(workspace: Path, install_command: str, tools: str) -> str | None:
    """The key of the workspace's dependency set, or None when the store must not be used: no
    ``package.json`` (or not an object), or the answer shipped a ``node_modules`` of its own."""
    if (workspace / "node_modules").exists() or (workspace / "node_modules").is_symlink():
        return None
    try:
        raw = read_inside(workspace, "package.json")
        if raw is None:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None  # npm will say what is wrong with it
    if not isinstance(data, dict):
        return None
    deciding = {k: v for k, v in data.items() if k not in _NOT_DEPENDENCIES and k != "scripts"}
    scripts = data.get("scripts")
    if isinstance(scripts, dict):
        deciding["scripts"] = {k: v for k, v in scripts.items() if k in _INSTALL_SCRIPTS}
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, install_command, tools, platform.machine(), deciding],
                             sort_keys=True).encode())
    for name in INPUT_FILES:
        try:
            content = read_inside(workspace, name)
        except OSError:  # a link or a special file
            return None
        if content is not None:
            digest.update(f"\0{name}\0".encode() + content)
    return digest.hexdigest()[:32]


def _top_level(workspace: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for entry in os.scandir(workspace):
        info = entry.stat(follow_symlinks=False)
        found[entry.name] = (info.st_mtime_ns, info.st_size)
    return found


@dataclasses.dataclass
class Installed:
    """Where a workspace's dependencies came from, for its install log and case notes."""

    key: str
    reused: bool
    files: int = 0
    seconds: float = 0.0


class DependencyStore:
    """``<root>/<key>/`` holds one installed dependency set (``node_modules`` and its lock file)."""

    def __init__(self, root: Path, *, link: bool = True) -> None:
        self.root = root
        self.link = link  # hard links (sandboxed users cannot write root's files), else copies
        self._tools: str | None = None

    def tools(self) -> str:
        if self._tools is None:
            self._tools = _tool_versions()
        return self._tools

    def key(self, workspace: Path, install_command: str) -> str | None:
        return dependency_key(workspace, install_command, self.tools())

    def locked(self, key: str) -> contextlib.AbstractContextManager[Path | None]:
        """Hold the key (another pytest-xdist worker installing the same set waits, then reuses it);
        yields the stored entry, or None when this caller is to install and :meth:`save` it."""
        return hold(self.root, key, "node_modules")

    def before_install(self, workspace: Path) -> dict[str, tuple[int, int]]:
        return _top_level(workspace)

    def save(self, key: str, workspace: Path, before: dict[str, tuple[int, int]]) -> str:
        """Store what the install left (call under :meth:`locked`); returns why not, or ''."""
        after = _top_level(workspace)
        changed = sorted(n for n in after if before.get(n) != after[n] and n not in KEPT)
        if changed or any(n not in after for n in before):
            return "the install changed more than node_modules and its lock file: " + ", ".join(
                changed or sorted(set(before) - set(after)))
        modules = workspace / "node_modules"
        if modules.is_symlink() or not modules.is_dir():
            return "the install left no node_modules folder"

        def fill(staging: Path) -> None:
            for name in KEPT:
                source = workspace / name
                if source.is_dir() and not source.is_symlink():
                    _copy_tree(source, staging / name, link=False, own=True, inside=workspace)
                elif source.is_file() and not source.is_symlink():
                    copy_regular(source, staging / name)

        return store_entry(self.root, key, fill)

    def restore(self, entry: Path, workspace: Path) -> int:
        """Give ``workspace`` the stored ``node_modules`` (and lock file, if it has none); returns the
        number of files."""
        files = _copy_tree(entry / "node_modules", workspace / "node_modules", link=self.link, own=False)
        lock = entry / "package-lock.json"
        if lock.is_file() and not (workspace / "package-lock.json").exists():
            shutil.copyfile(lock, workspace / "package-lock.json")
        return files


def _copy_tree(source: Path, target: Path, *, link: bool, own: bool, inside: Path | None = None) -> int:
    """Copy (or hard-link) a tree, never following symlinks (they are recreated as they are).
    ``own``: the copy is made root's and not writable by others (a store entry). ``inside``: links
    that point out of it are left out."""
    count = 0
    target.mkdir()
    for current, dirnames, filenames in os.walk(source):
        here = Path(current)
        there = target / here.relative_to(source)
        for name in dirnames + filenames:
            path, dest = here / name, there / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                if name in dirnames:
                    dirnames.remove(name)  # a link to a folder is not walked into
                if inside is not None and not stays_inside(path, inside):
                    continue  # a link out of the workspace (left by a process after its stage) is not stored
                os.symlink(os.readlink(path), dest)
            elif stat.S_ISDIR(mode):
                dest.mkdir()
            elif stat.S_ISREG(mode):
                if link:
                    try:
                        os.link(path, dest)
                    except OSError:  # another filesystem: a copy
                        shutil.copyfile(path, dest)
                        os.chmod(dest, stat.S_IMODE(mode))
                else:
                    copy_regular(path, dest, stat.S_IMODE(mode) & (0o755 if own else 0o777))
                count += 1
            # sockets, fifos and devices are not part of a dependency set
    return count


@contextlib.contextmanager
def hold(root: Path, key: str, part: str) -> Iterator[Path | None]:
    """Lock ``root/key`` against other processes; yields it if it holds ``part``, else None."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / f".{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entry = root / key
        yield entry if (entry / part).exists() else None


def store_entry(root: Path, key: str, fill: Callable[[Path], None]) -> str:
    """Fill a staging folder and put it in place as ``root/key`` in one rename (call under
    :func:`hold`), so that no process ever sees half an entry; returns why not, or ''."""
    staging = root / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        fill(staging)
        os.replace(staging, root / key)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        return f"could not store it: {exc}"
    return ""


def default_store_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pytest-llmcode" / "store"


def describe(installed: Installed, command: str, linked: bool) -> str:
    return (f"dependencies reused from the dependency store (entry {installed.key}: {installed.files} files "
            f"{'linked' if linked else 'copied'} in {installed.seconds:.2f}s) instead of running `{command}`: "
            "the same package.json dependencies, lock files, .npmrc, install command, Node and npm were "
            "installed before. --llm-reuse=none installs anew.\n")
