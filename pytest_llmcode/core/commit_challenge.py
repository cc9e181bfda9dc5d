"""A challenge made of a commit (``kind: commit``): the model starts from the commit's parent, without
the tests the commit added or changed, and is judged by those tests. This module reads the keys of
such a challenge and lays out, once per commit in a private cache, what a case needs: the parent's
tree without the hidden tests (the codebase shown), the test files as the commit has them (put back
before the tests run) and the commit's own change to the other files (the reference answer)."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import os
import shutil
from pathlib import Path, PurePosixPath

from pytest_llmcode._version import __version__
from pytest_llmcode.core import git
from pytest_llmcode.core.answer_text import format_files
from pytest_llmcode.core.schema import Reader

# what a test file looks like when the challenge names none: Python, Node (node --test, jest, vitest)
TEST_PATTERNS = ("test_*.py", "*_test.py", "tests/*", "test/*", "__tests__/*", "*.test.*", "*.spec.*", "conftest.py")
JUNIT_FILE = ".llmcode-junit.xml"  # where the test command writes its report ({junit}), in the workspace

KEYS = {
    "repo": "the git repository: a folder, '.' for the repository the challenge is in, or a bundle file",
    "commit": "the commit to replay (a SHA, in quotes)",
    "task": "what the model is asked to do: text, or a file beside challenge.yaml (default: the commit's message)",
    "tests": "globs of the hidden test files (default: the test files the commit added or changed)",
    "fail_to_pass": "the tests that fail before the commit and pass after it (ids as the test command's JUnit names "
                    "them: 'file-or-class::name'); written by `llmcode challenge from-commit`",
    "pass_to_pass": "the tests that pass before and after the commit (the same ids)",
}


@dataclasses.dataclass(frozen=True)
class CommitSource:
    """Where a commit challenge comes from and what it hides. ``restore``: a folder holding every test
    file of the commit (the hidden ones and those the codebase shows), put back before the tests run."""

    repo: Path
    sha: str
    parent: str
    hidden: tuple[str, ...]  # the test files the model does not see
    restore: Path
    fail_to_pass: tuple[str, ...]
    pass_to_pass: tuple[str, ...]
    globs: tuple[str, ...] = TEST_PATTERNS  # what a test file is, for this challenge
    private: tuple[Path, ...] = ()  # host folders that hold the hidden tests (the repository, the bundle's folder)

    @property
    def test_ids(self) -> tuple[str, ...]:
        return self.fail_to_pass + self.pass_to_pass

    def restored_files(self) -> list[str]:
        return sorted(path.relative_to(self.restore).as_posix() for path in self.restore.rglob("*") if path.is_file())

    def is_test(self, path: str) -> bool:
        return is_test_file(path, self.globs) or is_test_file(path)


@dataclasses.dataclass(frozen=True)
class Laid:
    """What :func:`load_commit` laid out: the source, the task, the codebase and the reference answer."""

    source: CommitSource
    task: str
    base: Path
    reference: Path


def is_test_file(path: str, globs: tuple[str, ...] = TEST_PATTERNS) -> bool:
    """Whether ``path`` is a test file: its name or its path matches one of ``globs``, or it lies in a
    folder a glob names (``tests/*`` holds ``tests/unit/test_a.py`` too)."""
    pure = PurePosixPath(path)
    for glob in globs:
        if fnmatch.fnmatch(pure.name, glob) or fnmatch.fnmatch(path, glob):
            return True
        folder = glob[:-2] if glob.endswith("/*") else None
        if folder and (f"/{folder}/" in f"/{path}" or path.startswith(f"{folder}/")):
            return True
    return False


def cache_root() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pytest-llmcode" / "commits"


def _repo(top: Reader, directory: Path) -> tuple[Path, str, tuple[Path, ...]]:
    """The repository to read, what identifies it in the cache, and the host folders that hold the
    hidden tests (hidden from generated code: the repository's work tree, or the bundle's folder)."""
    raw = top.text("repo", KEYS["repo"]) or ""
    path = (directory / raw).resolve()
    if raw.strip() == ".":
        try:
            root = git.toplevel(directory)
        except git.GitError as exc:
            raise top.fail("repo", f"'.' is the git repository the challenge is in, but {directory} is in none "
                                   f"({exc})") from None
        return root, str(root), (root,)
    if git.is_bundle(path):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
        try:
            return git.open_bundle(path, cache_root() / "bundles" / digest), digest, (path.parent,)
        except (git.GitError, OSError) as exc:
            raise top.fail("repo", f"{path} is a git bundle that cannot be cloned: {exc}") from None
    if not path.is_dir():
        raise top.fail("repo", f"expected {KEYS['repo']}, but {path} is no folder or git bundle")
    try:
        root = git.toplevel(path)
    except git.GitError:  # a bare repository
        root = path
    return path, str(path), (root,)


def _ids(top: Reader, name: str, required: bool) -> tuple[str, ...]:
    value = top.data.get(name)
    if value is None:
        if required:
            raise top.fail(name, f"missing; expected a list of {KEYS[name]}")
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise top.error(name, f"a list of {KEYS[name]}")
    twice = sorted({item for item in value if value.count(item) > 1})
    if twice:
        raise top.fail(name, f"names {', '.join(map(repr, twice))} more than once; expected each test once")
    if required and not value:
        raise top.fail(name, "expected at least one test that the commit makes pass")
    return tuple(item.strip() for item in value)


def _globs(top: Reader) -> tuple[str, ...] | None:
    value = top.data.get("tests")
    if value is None:
        return None
    globs = [value] if isinstance(value, str) else value
    if not isinstance(globs, list) or not globs or not all(isinstance(g, str) and g.strip() for g in globs):
        raise top.error("tests", "a glob or a list of globs such as tests/test_parse.py")
    return tuple(g.strip() for g in globs)


def load_commit(top: Reader, directory: Path) -> Laid:
    """Read a commit challenge's keys (``top`` holds ``challenge.yaml``) and lay out what its cases need."""
    repo, identity, private = _repo(top, directory)
    wanted = top.text("commit", KEYS["commit"]) or ""
    try:
        sha = git.resolve(repo, wanted.strip())
    except git.GitError as exc:
        raise top.fail("commit", f"expected a commit of {repo}, but it has no commit {wanted.strip()!r} "
                                 f"({str(exc).rsplit(': ', 1)[-1]})") from None
    try:
        parent = git.parent(repo, sha)
        if parent is None:
            raise top.fail("commit", f"{sha[:12]} is the repository's first commit: there is no parent to start from")
        changed = git.changes(repo, sha)
        at_commit = git.files_at(repo, sha)
    except git.GitError as exc:
        raise top.fail("repo", str(exc)) from None
    globs = _globs(top)
    kept = [c.path for c in changed if c.status != "D"]
    hidden = sorted(p for p in at_commit if is_test_file(p, globs)) if globs else \
        sorted(p for p in kept if is_test_file(p))
    if not hidden:
        named = f"the globs {', '.join(globs)} match no file of it" if globs else \
            f"it changes no test file (it changes {', '.join(c.path for c in changed[:8]) or 'nothing'})"
        raise top.fail("tests" if globs else "commit", f"commit {sha[:12]} has no hidden tests: {named}; "
                                                       "name its test files with tests:")
    fail_to_pass = _ids(top, "fail_to_pass", required=True)
    pass_to_pass = _ids(top, "pass_to_pass", required=False)
    both = sorted(set(fail_to_pass) & set(pass_to_pass))
    if both:
        raise top.fail("pass_to_pass", f"names {', '.join(map(repr, both))}, also in fail_to_pass; expected each "
                                       "test in one list")
    key = hashlib.sha256("\0".join([__version__, identity, sha, *(globs or ())]).encode()).hexdigest()[:20]
    try:
        root = _lay_out(repo, sha, parent, hidden, globs, changed, cache_root() / key)
        task = _task(top, directory, repo, sha)
    except (git.GitError, OSError) as exc:
        raise top.fail("repo", f"commit {sha[:12]} cannot be laid out: {exc}") from None
    source = CommitSource(repo=repo, sha=sha, parent=parent, hidden=tuple(hidden), restore=root / "tests",
                          fail_to_pass=fail_to_pass, pass_to_pass=pass_to_pass, globs=globs or TEST_PATTERNS,
                          private=private)
    return Laid(source=source, task=task, base=root / "base", reference=root / "reference.md")


def _task(top: Reader, directory: Path, repo: Path, sha: str) -> str:
    raw = top.text("task", KEYS["task"], required=False)
    if raw is None:
        return git.message(repo, sha)
    candidate = directory / raw.strip()
    if "\n" not in raw.strip() and len(raw.strip()) < 200 and candidate.is_file():
        return candidate.read_text(encoding="utf-8").strip()
    return raw.strip()


def _lay_out(repo: Path, sha: str, parent: str, hidden: list[str], globs: tuple[str, ...] | None,
             changed: list[git.Change], root: Path) -> Path:
    """``root``: ``base/`` (the parent's tree without the hidden tests), ``tests/`` (every test file
    of the commit) and ``reference.md`` (the commit's change to the other files, as an answer). Made
    once, privately (the hidden tests are in it), and in one step (another process may read it)."""
    if (root / "reference.md").is_file():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(root.parent, 0o700)
    partial = root.with_name(root.name + f".{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    git.write_tree(repo, parent, partial / "base", leave_out=set(hidden))
    (partial / "tests").mkdir()
    for path in git.files_at(repo, sha):
        if path in hidden or is_test_file(path, globs or TEST_PATTERNS) or is_test_file(path):
            target = partial / "tests" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git.file_at(repo, sha, path))
    files: dict[str, str | bytes] = {}
    deleted: list[str] = []
    for change in changed:
        if change.path in hidden or is_test_file(change.path, globs or TEST_PATTERNS):
            continue
        if change.status == "D":
            deleted.append(change.path)
            continue
        data = git.file_at(repo, sha, change.path)
        try:
            files[change.path] = data.decode("utf-8")
        except UnicodeDecodeError:
            files[change.path] = data
    (partial / "reference.md").write_text(format_files(files, deleted), encoding="utf-8")
    try:
        partial.rename(root)
    except OSError:  # another process laid it out first
        shutil.rmtree(partial, ignore_errors=True)
    return root
