#!/usr/bin/env python3
"""Run a challenge's checks on its corpus of real third-party apps, N times, and print how often
each cell agrees with the truth found by hand (``<challenge>/corpus/truth.yaml``), the false fails
with their messages, the false passes and the cells that changed between runs (flaky).

    .venv/bin/python scripts/corpus.py example_suites/todo_app --runs 3 [--apps a,b] [--workers 2] [-- PYTEST ARGS]

Cells listed in ``corpus/known.yaml`` (limits of the checks still to be lifted) are marked "known".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.corpus import agreement, known, run_corpus, truth  # the repository's own helpers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("challenge", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--apps", default="", help="comma-separated corpus apps (default: all)")
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers for each run (default: 1)")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args(argv)
    challenge = args.challenge.resolve()
    expected = truth(challenge)
    apps = [a for a in args.apps.split(",") if a] or None
    if apps:
        expected = {app: tests for app, tests in expected.items() if app in apps}
    outcomes: dict[str, set[str]] = {}
    failed = False
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="llmcode-corpus-") as work:
            cells = run_corpus(challenge, Path(work), apps, *args.pytest_args, workers=args.workers)
        result = agreement(expected, cells)
        print(f"run {number}: {result}")
        listed = known(challenge)
        for line in result.false_fails:
            print(f"  false fail{' (known)' if line.split(':', 1)[0] in listed else ''}: {line}")
        for line in result.false_passes:
            print(f"  false pass{' (known)' if line in listed else ''}: {line}")
        failed = failed or bool(result.wrong() - set(listed))
        for app, tests in cells.items():
            for test, cell in tests.items():
                outcomes.setdefault(f"{app}/{test}", set()).add(cell.outcome)
    flaky = sorted(cell for cell, seen in outcomes.items() if len(seen) > 1)
    print(f"flaky cells over {args.runs} run(s): {len(flaky)}" + "".join(f"\n  {cell}" for cell in flaky))
    return 1 if failed or flaky else 0


if __name__ == "__main__":
    sys.exit(main())
