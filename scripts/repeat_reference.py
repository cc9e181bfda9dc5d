#!/usr/bin/env python3
"""Run a challenge's reference N times in a row (independent samples: generated, built,
served and checked anew each time) and print how many passed every check.

    .venv/bin/python scripts/repeat_reference.py example_suites/solar_system --runs 10

A verifier that is not 10/10 on the reference is flaky, and a flaky check is a wrong verdict.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("challenge", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        subprocess.run(
            [sys.executable, "-m", "pytest", str(args.challenge.resolve()), "--llm-model=reference",
             f"--llm-samples={args.runs}", f"--junitxml={junit}", f"--llm-output={tmp}/out", "-q",
             "-p", "no:cacheprovider"],
            cwd=tmp, check=False,
        )
        failures: dict[str, list[str]] = collections.defaultdict(list)
        samples: set[str] = set()
        for case in ET.parse(junit).iter("testcase"):
            name, param = case.get("name", "").rstrip("]").split("[")
            samples.add(param)
            if case.find("failure") is not None or case.find("error") is not None:
                failures[param].append(name)
    passed = len(samples) - len(failures)
    for param, names in sorted(failures.items()):
        print(f"{param}: failed {', '.join(names)}")
    print(f"{args.challenge.name} reference: {passed}/{len(samples)} runs passed every check")
    return 0 if passed == len(samples) == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
