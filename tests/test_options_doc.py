"""docs/options.md is generated from the code, and says what `pytest --help` says."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.support.apps import ROOT
from tests.support.runs import run


def test_the_options_reference_matches_the_code() -> None:
    done = subprocess.run([sys.executable, "scripts/options_doc.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_every_option_of_pytest_help_is_in_the_reference(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--help")
    flags = set(re.findall(r"(--llm-[a-z-]+)", result.stdout.str()))
    inis = set(re.findall(r"^\s+(llm_[a-z_]+) \(", result.stdout.str(), re.M))
    reference = (ROOT / "docs" / "options.md").read_text()
    assert len(flags) > 25 and len(inis) > 20
    assert [flag for flag in sorted(flags) if f"`{flag}" not in reference] == []
    assert [ini for ini in sorted(inis) if f"`{ini}`" not in reference] == []
