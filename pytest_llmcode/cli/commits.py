"""``llmcode challenge from-commit`` and ``from-history``: commits of your own repository made into
commit challenges (``kind: commit``), each checked by running its tests before and after it."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from pytest_llmcode.core import git
from pytest_llmcode.core.challenge import CHALLENGE_FILE
from pytest_llmcode.core.commit_challenge import is_test_file
from pytest_llmcode.pipeline.commit_validate import StackGuess, TreeRunner, Validation, guess_stack, validate
from pytest_llmcode.sandbox.config import SandboxUnavailable
from pytest_llmcode.sandbox.registry import AUTO, resolve


def add_commit_commands(commands: Any) -> None:
    challenge = commands.add_parser("challenge", help="make challenges from your repository's commits")
    kinds = challenge.add_subparsers(dest="how", required=True)
    one = kinds.add_parser("from-commit", help="make a commit challenge from one commit, checked by its tests",
                           description="Run the commit's tests at its parent (with the commit's test files) and at "
                           "the commit, in a sandbox; write DEST/challenge.yaml with the tests that fail before and "
                           "pass after (fail_to_pass) and those that pass both (pass_to_pass). Refuses, with the "
                           "reason, a commit whose tests do not fail before, fail at the commit, or need the "
                           "network. Exit status: 0 made, 1 refused, 2 bad input.")
    one.add_argument("repo", metavar="REPO")
    one.add_argument("sha", metavar="SHA")
    one.add_argument("dest", metavar="DEST", help="the challenge folder to write")
    many = kinds.add_parser("from-history", help="make a commit challenge of every commit since REF that changes "
                            "code and tests, each checked; print what was made and what was refused, and why",
                            description="Exit status: 0 when at least one challenge was made, 1 when none, "
                            "2 for bad input.")
    many.add_argument("repo", metavar="REPO")
    many.add_argument("dest", metavar="DEST", help="the folder the challenges are written in, one folder each")
    many.add_argument("--since", required=True, metavar="REF", help="start after this commit")
    many.add_argument("--max", type=int, default=20, metavar="N", help="make at most N challenges (default 20)")
    many.add_argument("--paths", action="append", default=[], metavar="GLOB",
                      help="only commits that change files matching GLOB (may be repeated)")
    for parser in (one, many):
        parser.add_argument("--install", metavar="CMD", help="the install command (default: guessed from the project)")
        parser.add_argument("--test", metavar="CMD", help="the test command, writing a JUnit report to {junit} "
                            "(default: guessed)")
        parser.add_argument("--tests", action="append", metavar="GLOB",
                            help="globs of the hidden test files (default: the test files each commit changed)")
        parser.add_argument("--sandbox", default=AUTO, metavar="BACKEND", help="where the tests run (default auto)")
    one.set_defaults(run=from_commit)
    many.set_defaults(run=from_history)


def _stack(args: argparse.Namespace, repo: Path, sha: str) -> StackGuess | str:
    guessed = guess_stack(repo, sha)
    install = args.install or (guessed.install if guessed else None)
    test = args.test or (guessed.test if guessed else None)
    if not install or not test:
        return "no Node or Python project is seen at the commit: give --install and --test"
    if "{junit}" not in test:
        return f"--test {test!r}: expected a command that writes a JUnit report to {{junit}}"
    name = guessed.name if guessed and not (args.install or args.test) else "your commands"
    return StackGuess(name, install, test)


def _challenge_yaml(dest: Path, repo: Path, found: Validation, stack: StackGuess, globs: list[str] | None) -> str:
    """``repo``: the folder or bundle given (a bundle is named as it is, for a suite that ships one)."""
    try:
        inside = not git.is_bundle(repo) and dest.resolve().is_relative_to(git.toplevel(repo))
    except git.GitError:
        inside = False
    data: dict[str, Any] = {
        "id": re.sub(r"[^A-Za-z0-9_.-]", "_", dest.name).lstrip("_.-") or f"commit_{found.sha[:12]}",
        "title": found.title,
        "kind": "commit",
        "repo": "." if inside else os.path.relpath(repo.resolve(), dest.resolve()),
        "commit": found.sha,
        "stack": {"name": stack.name, "install": stack.install, "test": stack.test},
        "fail_to_pass": found.fail_to_pass,
        "pass_to_pass": found.pass_to_pass,
    }
    if globs:
        data["tests"] = globs
    return f"# made by `llmcode challenge from-commit` from {found.sha} ({found.seconds:g} s of tests)\n" + \
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _make(args: argparse.Namespace, given: Path, repo: Path, sha: str, dest: Path, runner_dir: Path) -> Validation:
    title = (git.message(repo, sha).splitlines() or [""])[0]
    # installs and two test runs: say what is going on
    print(f"llmcode: {sha[:10]} {title[:50]}: running its tests at the commit and at its parent",
          file=sys.stderr, flush=True)
    stack = _stack(args, repo, sha)
    if isinstance(stack, str):
        return Validation(sha=sha, title=sha[:12], refused=stack)
    try:
        sandbox = resolve(args.sandbox)
    except SandboxUnavailable as exc:
        raise SystemExit(f"error: {exc}") from None
    runner = TreeRunner(repo, stack, sandbox, runner_dir)
    try:
        found = validate(runner, sha, tuple(args.tests) if args.tests else None)
    finally:
        runner.close()
    if found.refused is None:
        dest.mkdir(parents=True, exist_ok=True)
        (dest / CHALLENGE_FILE).write_text(_challenge_yaml(dest, given, found, stack, args.tests), encoding="utf-8")
    return found


def _open(raw: str, work: Path) -> Path | None:
    """The repository to read: the folder given, or a bare clone (in ``work``) of the bundle given."""
    repo = Path(raw)
    if not repo.exists():
        print(f"error: {raw}: no such repository", file=sys.stderr)
        return None
    if git.is_bundle(repo):
        try:
            return git.open_bundle(repo, work / "bundle.git")
        except git.GitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return None
    return repo


def from_commit(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="llmcode-from-commit-") as work:
        repo = _open(args.repo, Path(work))
        if repo is None:
            return 2
        try:
            sha = git.resolve(repo, args.sha)
        except git.GitError:
            print(f"error: {args.repo} has no commit {args.sha!r}", file=sys.stderr)
            return 2
        found = _make(args, Path(args.repo), repo, sha, Path(args.dest), Path(work) / "runs")
    if found.refused is not None:
        print(f"refused {sha[:12]} {found.title}: {found.refused}")
        return 1
    print(f"made    {Path(args.dest) / CHALLENGE_FILE}: {len(found.fail_to_pass)} fail_to_pass, "
          f"{len(found.pass_to_pass)} pass_to_pass ({found.seconds:g} s)")
    return 0


def _slug(found_title: str, sha: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "_", found_title.lower()).strip("_")[:40].rstrip("_")
    return f"{sha[:8]}_{words}" if words else sha[:8]


def from_history(args: argparse.Namespace) -> int:
    rows: list[tuple[str, str, str, str]] = []
    made = 0
    with tempfile.TemporaryDirectory(prefix="llmcode-from-history-") as work:
        repo = _open(args.repo, Path(work))
        if repo is None:
            return 2
        try:
            shas = git.commits(repo, args.since)
        except git.GitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for sha in shas:
            if made >= args.max:
                break
            paths = [change.path for change in git.changes(repo, sha)]
            if args.paths and not any(Path(path).match(glob) for path in paths for glob in args.paths):
                continue
            globs = tuple(args.tests) if args.tests else None
            if not any(is_test_file(p, globs) if globs else is_test_file(p) for p in paths):
                continue  # code only: no tests to judge it by
            title = git.message(repo, sha).splitlines()[0] if git.message(repo, sha) else ""
            dest = Path(args.dest) / _slug(title, sha)
            found = _make(args, Path(args.repo), repo, sha, dest, Path(work) / sha[:12])
            made += found.refused is None
            outcome = "made" if found.refused is None else "refused"
            why = found.refused or f"{len(found.fail_to_pass)} fail_to_pass, {len(found.pass_to_pass)} pass_to_pass"
            rows.append((sha[:10], outcome, title[:50], why))
    width = max([len(r[2]) for r in rows] + [5])
    print(f"{'commit':<10}  {'':<7}  {'title':<{width}}  what")
    for sha, outcome, title, why in rows:
        print(f"{sha:<10}  {outcome:<7}  {title:<{width}}  {why.splitlines()[0] if why else ''}")
    print(f"{made} made, {sum(r[1] == 'refused' for r in rows)} refused, in {args.dest}")
    return 0 if made else 1
