"""Make a commit challenge from a commit, and check that it is one: its tests run at the parent
(with the commit's test files) and at the commit, in a sandbox; the tests that fail before and pass
after are ``fail_to_pass``, those that pass both ``pass_to_pass``. A commit is refused, with the
reason, when none fails before, when any fails at the commit, or when they need the network."""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
import shutil
import time
import uuid
from pathlib import Path

from pytest_llmcode.core import git
from pytest_llmcode.core.commit_challenge import JUNIT_FILE, TEST_PATTERNS, is_test_file
from pytest_llmcode.core.files import read_inside
from pytest_llmcode.pipeline.junit_read import MAX_REPORT_BYTES, ReportError, TestResult, read_report
from pytest_llmcode.pipeline.sandboxes import CaseSandboxes
from pytest_llmcode.sandbox.base import Reach
from pytest_llmcode.sandbox.config import SandboxConfig, stack_registries
from pytest_llmcode.sandbox.files import give_to_sandbox_user

# what a test that wanted the network says when it has none
NETWORK_SAID = re.compile(r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|getaddrinfo|Name or service not known|"
                          r"Temporary failure in name resolution|Network is unreachable|Connection refused|"
                          r"urlopen error|fetch failed|Max retries exceeded", re.I)
INSTALL_TIMEOUT_S = 600.0
TEST_TIMEOUT_S = 600.0


@dataclasses.dataclass(frozen=True)
class StackGuess:
    name: str
    install: str
    test: str


def guess_stack(repo: Path, sha: str) -> StackGuess | None:
    """The install and test commands of the project at ``sha``: Node (vitest, jest with jest-junit,
    else ``node --test``) or Python (pytest in a virtual environment); None when neither is seen."""
    files = set(git.files_at(repo, sha))
    if "package.json" in files:
        try:
            package = json.loads(git.file_at(repo, sha, "package.json"))
        except (ValueError, git.GitError):
            package = {}
        deps = {**package.get("dependencies", {}), **package.get("devDependencies", {})} if isinstance(package, dict) \
            else {}
        install = "npm ci --no-audit --no-fund" if "package-lock.json" in files else "npm install --no-audit --no-fund"
        if "vitest" in deps:
            return StackGuess("Node, vitest", install, "npx vitest run --reporter=junit --outputFile={junit}")
        if "jest" in deps and "jest-junit" in deps:  # ids as vitest's: file::describe > test
            return StackGuess("Node, jest", install, "JEST_JUNIT_OUTPUT_FILE={junit} JEST_JUNIT_CLASSNAME={filepath} "
                              "JEST_JUNIT_TITLE='{classname} > {title}' JEST_JUNIT_ANCESTOR_SEPARATOR=' > ' "
                              "npx jest --ci --reporters=default --reporters=jest-junit")
        return StackGuess("Node, node --test", install,
                          "node --test --test-reporter=junit --test-reporter-destination={junit}")
    if files & {"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt"} or \
            any(path.endswith(".py") for path in files):
        # --copies: a venv that links to the system Python would be a link out of the workspace
        parts = ["python3 -m venv --copies .venv", ".venv/bin/pip install -q pytest"]
        if "requirements.txt" in files:
            parts.append(".venv/bin/pip install -q -r requirements.txt")
        if files & {"pyproject.toml", "setup.py"}:
            parts.append(".venv/bin/pip install -q -e .")
        # a test file that cannot be imported before the commit must not stop the others from running
        return StackGuess("Python, pytest", " && ".join(parts), ".venv/bin/python -m pytest -q -p no:cacheprovider "
                          "--continue-on-collection-errors --junitxml={junit}")
    return None


@dataclasses.dataclass
class Validation:
    """What running the tests before and after the commit showed; ``refused``: why it is no challenge."""

    sha: str
    title: str
    fail_to_pass: list[str] = dataclasses.field(default_factory=list)
    pass_to_pass: list[str] = dataclasses.field(default_factory=list)
    refused: str | None = None
    seconds: float = 0.0


class TreeRunner:
    """Runs a stack's tests on trees of one repository, each in a workspace of its own under
    ``workdir``, in the chosen sandbox (install with the package registry reachable, tests without
    network)."""

    def __init__(self, repo: Path, stack: StackGuess, sandbox: SandboxConfig, workdir: Path) -> None:
        self.repo, self.stack, self.workdir = repo, stack, workdir
        self.sandboxes = CaseSandboxes(sandbox, workdir, uuid.uuid4().hex)

    def run(self, label: str, sha: str, tests_from: str | None = None, test_globs: tuple[str, ...] = TEST_PATTERNS,
            hidden: tuple[str, ...] = ()) -> tuple[dict[str, TestResult] | None, str]:
        """The tests' results on the tree of ``sha`` (with the test files of ``tests_from`` over it),
        or None and why there are none."""
        root = self.workdir / label
        shutil.rmtree(root, ignore_errors=True)
        workspace = root / "workspace"
        workspace.mkdir(parents=True)
        git.write_tree(self.repo, sha, workspace)
        if tests_from is not None:
            for path in git.files_at(self.repo, tests_from):
                if is_test_file(path, test_globs) or is_test_file(path):
                    (workspace / path).parent.mkdir(parents=True, exist_ok=True)
                    (workspace / path).write_bytes(git.file_at(self.repo, tests_from, path))
        (root / "logs").mkdir()
        sandbox = self.sandboxes.open(root, self.workdir, "validate", Reach(hosts=stack_registries(self.stack.install)))
        try:
            if sandbox.isolated:
                give_to_sandbox_user(workspace)
            installed = sandbox.run(self.stack.install, cwd=workspace, log_path=root / "logs" / "install.log",
                                    timeout=INSTALL_TIMEOUT_S, network=True)
            if not installed.ok:
                why = installed.explain(INSTALL_TIMEOUT_S)
                return None, f"the install failed at {label}: {why}\n{installed.tail(8)}"
            sandbox.end_network()
            # {tests}: the hidden test files, as a case's run gives them
            tests = " ".join(map(shlex.quote, hidden))
            command = self.stack.test.replace("{junit}", JUNIT_FILE).replace("{tests}", tests)
            tested = sandbox.run(command, cwd=workspace, log_path=root / "logs" / "test.log", timeout=TEST_TIMEOUT_S)
        finally:
            sandbox.close()
        data = read_inside(workspace, JUNIT_FILE, limit=MAX_REPORT_BYTES + 1)
        if data is None:
            why = tested.explain(TEST_TIMEOUT_S)
            return None, f"the tests wrote no JUnit report at {label} ({why})\n{tested.tail(8)}"
        try:
            return read_report(data), ""
        except ReportError as exc:
            return None, f"at {label}: {exc}"

    def close(self) -> None:
        self.sandboxes.close()


def validate(runner: TreeRunner, sha: str, test_globs: tuple[str, ...] | None = None) -> Validation:
    """Run the tests before (the parent, with the commit's tests) and after the commit."""
    started = time.monotonic()
    repo = runner.repo
    title = git.message(repo, sha).splitlines()[0] if git.message(repo, sha) else sha[:12]
    found = Validation(sha=sha, title=title)
    parent = git.parent(repo, sha)
    if parent is None:
        found.refused = "it is the repository's first commit: there is no parent to start from"
        return found
    globs = test_globs or TEST_PATTERNS
    changed = git.changes(repo, sha)
    if not any(c.status != "D" and is_test_file(c.path, globs) for c in changed):
        found.refused = "it changes no test file"
        return found
    if not any(not is_test_file(c.path, globs) for c in changed):
        found.refused = "it changes only tests: there is no code to write"
        return found
    kept = [c.path for c in changed if c.status != "D"]
    hidden = tuple(sorted(p for p in git.files_at(repo, sha) if is_test_file(p, test_globs)) if test_globs
                   else sorted(p for p in kept if is_test_file(p)))
    after, why = runner.run("after", sha, hidden=hidden)
    if after is None:
        found.refused = why
        return found
    failing = {test: result for test, result in after.items() if result.outcome in ("failed", "error")}
    if failing:
        needing = [f"{test}: {NETWORK_SAID.search(r.message).group(0)}"  # type: ignore[union-attr]
                   for test, r in failing.items() if NETWORK_SAID.search(r.message)]
        if needing:
            found.refused = ("its tests need the network beyond the package registry (they run without one): "
                             + "; ".join(needing[:3]))
        else:
            found.refused = "its tests do not pass at the commit itself: " + "; ".join(
                f"{test} {r.outcome}: {r.message.splitlines()[0][:120] if r.message else ''}"
                for test, r in list(failing.items())[:3])
        return found
    before, why = runner.run("before", parent, tests_from=sha, test_globs=globs, hidden=hidden)
    if before is None:  # no report before: which tests failed there cannot be told
        found.refused = f"its tests cannot be run at its parent: {why}"
        return found
    passed_before = {test for test, result in before.items() if result.passed}
    found.fail_to_pass = [test for test, result in after.items() if result.passed and test not in passed_before]
    found.pass_to_pass = [test for test, result in after.items() if result.passed and test in passed_before]
    if not found.fail_to_pass:
        found.refused = "its new tests do not fail before the commit: every test passes at its parent too"
    found.seconds = round(time.monotonic() - started, 1)
    return found
