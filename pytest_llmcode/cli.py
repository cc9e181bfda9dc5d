"""The ``llmcode`` command: look at challenges without running pytest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pytest_llmcode import __version__
from pytest_llmcode.challenge import CHALLENGE_FILE, ChallengeError, load_challenge
from pytest_llmcode.prompt import build_messages, render_markdown


def _challenge_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        else:
            found.extend(sorted(p for p in path.rglob(CHALLENGE_FILE) if "node_modules" not in p.parts))
    return found


def _validate(args: argparse.Namespace) -> int:
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
        reference = "reference" if challenge.reference.is_dir() else "no reference"
        print(f"ok     {challenge.id}: {challenge.title} ({path}; {reference})")
    return 1 if bad else 0


def _prompt(args: argparse.Namespace) -> int:
    try:
        challenge = load_challenge(Path(args.path))
    except ChallengeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    starter = sorted(
        p.relative_to(challenge.starter).as_posix() for p in challenge.starter.rglob("*") if p.is_file()
    ) if challenge.starter else []
    print(render_markdown(build_messages(challenge, starter)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="llmcode", description="pytest-llmcode: challenges for coding models")
    parser.add_argument("--version", action="version", version=f"llmcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check challenge.yaml files (folders are searched)")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(run=_validate)
    prompt = commands.add_parser("prompt", help="print the prompt a model is sent for a challenge")
    prompt.add_argument("path", metavar="CHALLENGE")
    prompt.set_defaults(run=_prompt)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
