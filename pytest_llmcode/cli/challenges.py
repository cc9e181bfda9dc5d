"""``llmcode validate`` and ``llmcode prompt``: look at challenges without running pytest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pytest_llmcode.answers.parse import AnswerError
from pytest_llmcode.core.challenge import CHALLENGE_FILE, ChallengeError, load_challenge
from pytest_llmcode.pipeline.prompt import case_messages, render_markdown


def _challenge_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        else:
            found.extend(sorted(p for p in path.rglob(CHALLENGE_FILE) if "node_modules" not in p.parts))
    return found


def validate(args: argparse.Namespace) -> int:
    files = _challenge_files(args.paths)
    if not files:
        print(f"no {CHALLENGE_FILE} found under {', '.join(args.paths)}", file=sys.stderr)
        return 2
    bad = 0
    for path in files:
        try:
            challenge = load_challenge(path)
        except ChallengeError as exc:
            bad += 1
            print(f"error: {exc}")
            continue
        reference = "reference" if challenge.reference.exists() else "no reference"
        if challenge.commit is not None:
            commit = challenge.commit
            reference += (f"; replays {commit.sha[:12]}: {len(commit.fail_to_pass)} fail_to_pass, "
                          f"{len(commit.pass_to_pass)} pass_to_pass")
        elif challenge.base is not None:
            reference += f"; changes {challenge.base.relative_to(challenge.directory)}/"
        print(f"ok     {challenge.id}: {challenge.title} ({path}; {reference})")
    return 1 if bad else 0


def prompt(args: argparse.Namespace) -> int:
    try:
        challenge = load_challenge(Path(args.path))
    except ChallengeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        messages = case_messages(challenge)
    except (AnswerError, OSError) as exc:
        print(f"error: {challenge.starter}: {exc}", file=sys.stderr)
        return 1
    print(render_markdown(messages))
    return 0
