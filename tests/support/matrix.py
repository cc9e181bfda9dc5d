"""Run a challenge on its reference, its mutants and its independently written apps in one
pytest run, and read back which behaviour tests each failed and why (from JUnit)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml


@dataclass
class Matrix:
    challenge: Path
    stdout: str
    output: Path
    cases: dict[str, dict[str, ET.Element]]  # model label -> behaviour -> testcase

    @property
    def expectations(self) -> dict[str, dict[str, Any]]:
        return expectations(self.challenge)


def expectations(challenge: Path) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load((challenge / "mutants" / "expectations.yaml").read_text())
    return data


def alternatives(challenge: Path) -> list[str]:
    folder = challenge / "alternatives"
    if not folder.is_dir():
        return []
    answers = [p for p in folder.iterdir() if p.is_dir() or (p.suffix == ".md" and p.stem.upper() != "README")]
    return sorted(p.stem for p in answers)


def behaviours(challenge: Path) -> list[str]:
    return sorted(
        line.split("(")[0][len("def ") :]
        for test_file in challenge.glob("test_*.py")
        for line in test_file.read_text().splitlines()
        if line.startswith("def test_")
    )


def answer_spec(folder: Path, name: str) -> str:
    """A mutant or alternative: a saved answer (``name.md``, e.g. edits to a codebase) or a folder of files."""
    answer = folder / f"{name}.md"
    return f"file:{answer}" if answer.is_file() else f"dir:{folder / name}"


def run_matrix(challenge: Path, workdir: Path, workers: int = 1) -> Matrix:
    """``workers`` > 1: the cases spread over that many pytest-xdist workers, as a user's CI would
    (for checks that wait on the app more than they compute)."""
    models = ["--llm-model=reference"]
    models += [f"--llm-model={name}={answer_spec(challenge / 'mutants', name)}" for name in expectations(challenge)]
    models += [f"--llm-model={name}={answer_spec(challenge / 'alternatives', name)}" for name in alternatives(challenge)]
    command = [sys.executable, "-m", "pytest", str(challenge), *models, "-p", "no:cacheprovider",
               f"--junitxml={workdir / 'junit.xml'}", f"--llm-output={workdir / 'out'}", "-q"]
    if workers > 1:
        command += ["-n", str(workers)]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=2400)
    assert done.returncode in (0, 1), done.stdout[-4000:] + done.stderr[-4000:]
    cases: dict[str, dict[str, ET.Element]] = {}
    for case in ET.parse(workdir / "junit.xml").iter("testcase"):
        behaviour, param = case.get("name", "").rstrip("]").split("[")
        cases.setdefault(param.rsplit("-s", 1)[0], {})[behaviour] = case
    return Matrix(challenge, done.stdout, workdir / "out", cases)


def outcome(case: ET.Element) -> str:
    for kind in ("failure", "error", "skipped"):
        if case.find(kind) is not None:
            return kind
    return "passed"


def message(case: ET.Element) -> str:
    found = case.find("failure")
    return "" if found is None else (found.get("message", "") + "\n" + (found.text or ""))


def check_passes_everything(matrix: Matrix, label: str) -> None:
    results = {name: outcome(case) for name, case in matrix.cases[label].items()}
    assert sorted(results) == behaviours(matrix.challenge)
    failed = {name: message(matrix.cases[label][name])[:600] for name, result in results.items() if result != "passed"}
    assert not failed, f"{label} should pass every behaviour test"


def check_mutant(matrix: Matrix, mutant: str) -> None:
    """Exactly the expected behaviour tests fail, as failures (not errors), for the stated reason."""
    expected = matrix.expectations[mutant]
    cases = matrix.cases[mutant]
    assert sorted(cases) == behaviours(matrix.challenge)
    if "fails_all" in expected:
        passes = set(expected.get("passes", []))
        reasons = {name: str(expected["fails_all"]) for name in behaviours(matrix.challenge) if name not in passes}
    else:
        reasons = {name: str(reason) for name, reason in dict(expected["fails"]).items()}
    failed = sorted(name for name, case in cases.items() if outcome(case) != "passed")
    assert failed == sorted(reasons), f"{mutant} ({expected['defect']})"
    for name, reason in reasons.items():
        assert outcome(cases[name]) == "failure", f"{name}: a defect of the app is a failure, not an error"
        assert reason in message(cases[name]), f"{name} failed for another reason:\n{message(cases[name])}"


def matrix_fixture(challenge: Path, workers: int = 1) -> Any:
    """A module-scoped ``matrix`` fixture: one pytest run of ``challenge`` on its reference, every
    mutant and every alternative (on ``workers`` xdist workers). Assign it to ``matrix`` in the test
    module."""

    @pytest.fixture(scope="module")
    def matrix(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
        return run_matrix(challenge, tmp_path_factory.mktemp(challenge.name), workers)

    return matrix


class ChallengeMatrix:
    """The proof of a challenge's checks, shared by the example suites: subclass it as
    ``TestXMatrix`` with ``CHALLENGE`` set, beside ``matrix = matrix_fixture(CHALLENGE)``;
    ``app`` and ``mutant`` are parametrized by tests/conftest.py."""

    CHALLENGE: Path

    def test_reference_passes_every_behaviour(self, matrix: Matrix) -> None:
        check_passes_everything(matrix, "reference")

    def test_independently_written_app_passes_every_behaviour(self, matrix: Matrix, app: str) -> None:
        check_passes_everything(matrix, app)

    def test_mutant_fails_exactly_the_expected_behaviours(self, matrix: Matrix, mutant: str) -> None:
        check_mutant(matrix, mutant)
