"""The commit replay example suite (example_suites/commit_replay): three commits of a small Node
library and one of a small Python library, each shipped as a git bundle, each commit a challenge. The
reference (the commit's own change) passes every hidden test; each mutant fails exactly the hidden
tests its defect breaks, for its reason."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from pytest_llmcode.cli import main
from pytest_llmcode.core.challenge import load_challenge
from tests.support.apps import EXAMPLES

SUITE = EXAMPLES / "commit_replay"
CHALLENGES = sorted(path.parent.name for path in SUITE.glob("*/challenge.yaml"))
BUNDLES = ("durations", "slugkit")


def test_the_suite_ships_a_bundle_and_no_nested_repository() -> None:
    for name in BUNDLES:
        assert (SUITE / f"{name}.bundle").read_bytes().startswith(b"# v2 git bundle")
    assert not list(SUITE.rglob(".git"))
    assert CHALLENGES == ["collapse_separators", "format_durations", "tokens_refactor", "upper_case_units"]


def test_llmcode_validate_and_prompt_read_the_suite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SUITE)]) == 0
    said = capsys.readouterr().out
    assert said.count("ok     ") == len(CHALLENGES)
    assert "upper_case_units: Accept upper-case units such as 1H30M" in said and "1 fail_to_pass, 5 pass_to_pass" in said
    assert main(["prompt", str(SUITE / "upper_case_units")]) == 0
    prompt = capsys.readouterr().out
    assert "File: src/parse.js" in prompt and "accepts upper-case units" not in prompt  # the hidden test is not shown
    assert "with tests of the change that are not shown to you" in prompt


def test_the_bundles_are_the_histories_the_script_writes(tmp_path: Path) -> None:
    """history.py makes the same commits on every machine: the challenges' SHAs are in the bundles."""
    copy = tmp_path / "history.py"
    copy.write_text((SUITE / "history.py").read_text())
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True)
    for name in BUNDLES:
        assert (tmp_path / f"{name}.bundle").read_bytes() == (SUITE / f"{name}.bundle").read_bytes()
    for name in CHALLENGES:  # each challenge's commit is in it (loading resolves the commit in the bundle)
        loaded = load_challenge(SUITE / name).commit
        assert loaded is not None and loaded.sha == yaml.safe_load((SUITE / name / "challenge.yaml").read_text())["commit"]


@pytest.mark.parametrize("challenge", CHALLENGES)
def test_reference_passes_and_each_mutant_fails_for_its_reason(challenge: str, tmp_path: Path) -> None:
    folder = SUITE / challenge
    expected: dict[str, dict[str, object]] = yaml.safe_load((folder / "mutants" / "expectations.yaml").read_text())
    models = ["--llm-model=reference", *(f"--llm-model={name}=file:{folder / 'mutants' / name}.md" for name in expected)]
    done = subprocess.run([sys.executable, "-m", "pytest", str(folder), *models, "-p", "no:cacheprovider", "-q",
                           f"--junitxml={tmp_path / 'junit.xml'}", f"--llm-output={tmp_path / 'out'}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    loaded = load_challenge(folder)
    assert loaded.commit is not None
    hidden = [f"fail_to_pass: {t}" for t in loaded.commit.fail_to_pass] + \
        [f"pass_to_pass: {t}" for t in loaded.commit.pass_to_pass]
    cases = {case.get("name", ""): case for case in ET.parse(tmp_path / "junit.xml").iter("testcase")}
    wrong = []
    every: list[tuple[str, dict[str, str]]] = [("reference", {})]
    every += [(name, dict(entry["fails"])) for name, entry in expected.items()]  # type: ignore[call-overload]
    for model, fails in every:
        for test in hidden:
            group, test_id = test.split(": ", 1)
            case = cases[f"test_{group}[{model}-s0-{test_id}]"]
            found = case.find("failure")
            said = "" if found is None else (found.text or "")
            if test in fails and (found is None or str(fails[test]) not in said):
                wrong.append(f"{model}: {test} should fail with {fails[test]!r}: {said[:300] or 'it passed'}")
            if test not in fails and (found is not None or case.find("error") is not None):
                wrong.append(f"{model}: {test} should pass: {said[:300]}")
    assert not wrong, "\n".join(wrong)
