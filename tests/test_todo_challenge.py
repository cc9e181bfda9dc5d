"""The todo challenge judged for real: the reference passes everything, and each mutant
fails exactly the behaviour tests its defect breaks, for the right reason."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES

CHALLENGE = EXAMPLES / "todo_app"
MUTANTS = CHALLENGE / "mutants"
ALTERNATIVES = sorted(p.name for p in (CHALLENGE / "alternatives").iterdir() if p.is_dir())
EXPECTATIONS: dict[str, dict[str, object]] = yaml.safe_load((MUTANTS / "expectations.yaml").read_text())
BEHAVIOURS = sorted(
    line.split("(")[0][len("def ") :]
    for line in (CHALLENGE / "test_todo.py").read_text().splitlines()
    if line.startswith("def test_")
)


@dataclass
class Run:
    stdout: str
    output: Path
    cases: dict[str, dict[str, ET.Element]]  # model label -> behaviour -> testcase


@pytest.fixture(scope="module")
def todo_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One pytest run of the todo challenge on the reference and every mutant."""
    workdir = tmp_path_factory.mktemp("todo_run")
    models = ["--llm-model=reference"] + [f"--llm-model={name}=dir:{MUTANTS / name}" for name in EXPECTATIONS]
    models += [f"--llm-model={name}=dir:{CHALLENGE / 'alternatives' / name}" for name in ALTERNATIVES]
    command = [sys.executable, "-m", "pytest", str(CHALLENGE), *models, "-p", "no:cacheprovider",
               f"--junitxml={workdir / 'junit.xml'}", f"--llm-output={workdir / 'out'}", "-q"]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=1800)
    assert done.returncode in (0, 1), done.stdout[-4000:] + done.stderr[-4000:]
    cases: dict[str, dict[str, ET.Element]] = {}
    for case in ET.parse(workdir / "junit.xml").iter("testcase"):
        behaviour, param = case.get("name", "").rstrip("]").split("[")
        cases.setdefault(param.rsplit("-s", 1)[0], {})[behaviour] = case
    return Run(done.stdout, workdir / "out", cases)


def outcome(case: ET.Element) -> str:
    for kind in ("failure", "error", "skipped"):
        if case.find(kind) is not None:
            return kind
    return "passed"


def message(case: ET.Element) -> str:
    found = case.find("failure")
    return "" if found is None else (found.get("message", "") + "\n" + (found.text or ""))


def test_reference_passes_every_behaviour(todo_run: Run) -> None:
    results = {name: outcome(case) for name, case in todo_run.cases["reference"].items()}
    assert sorted(results) == BEHAVIOURS
    assert set(results.values()) == {"passed"}, results


@pytest.mark.parametrize("app", ALTERNATIVES)
def test_independently_written_app_passes_every_behaviour(todo_run: Run, app: str) -> None:
    results = {name: outcome(case) for name, case in todo_run.cases[app].items()}
    assert sorted(results) == BEHAVIOURS
    failed = {name: message(todo_run.cases[app][name])[:500] for name, result in results.items() if result != "passed"}
    assert not failed


@pytest.mark.parametrize("mutant", sorted(EXPECTATIONS))
def test_mutant_fails_exactly_the_expected_behaviours(todo_run: Run, mutant: str) -> None:
    expected = EXPECTATIONS[mutant]
    cases = todo_run.cases[mutant]
    assert sorted(cases) == BEHAVIOURS
    if "fails_all" in expected:
        reasons = {name: str(expected["fails_all"]) for name in BEHAVIOURS}
    else:
        reasons = {name: str(reason) for name, reason in dict(expected["fails"]).items()}  # type: ignore[call-overload]
    failed = sorted(name for name, case in cases.items() if outcome(case) != "passed")
    assert failed == sorted(reasons), f"{mutant} ({expected['defect']})"
    for name, reason in reasons.items():
        assert outcome(cases[name]) == "failure", f"{name}: a defect of the app is a failure, not an error"
        assert reason in message(cases[name]), f"{name} failed for another reason:\n{message(cases[name])}"


def test_junit_properties_name_model_challenge_sample_stage_and_timings(todo_run: Run) -> None:
    passing = {p.get("name"): p.get("value") for p in todo_run.cases["reference"]["test_delete_task"].iter("property")}
    assert passing["llm.model"] == "reference" and passing["llm.challenge"] == "todo_app"
    assert passing["llm.sample"] == "0" and passing["llm.cost_usd"] == "0.000000"
    assert float(passing["llm.time.install"]) > 0 and float(passing["llm.time.build"]) > 0
    built_wrong = {p.get("name"): p.get("value") for p in todo_run.cases["nested_project"]["test_delete_task"].iter("property")}
    assert built_wrong["llm.stage"] == "build"
    verify_failed = {p.get("name"): p.get("value") for p in todo_run.cases["no_persistence"]["test_items_survive_reload"].iter("property")}
    assert verify_failed["llm.stage"] == "verify"
    assert Path(verify_failed["llm.screenshot"]).stat().st_size > 1000


def test_nested_project_failure_quotes_the_build_log(todo_run: Run) -> None:
    text = message(todo_run.cases["nested_project"]["test_add_task_with_enter"])
    assert "[build] `npm run build` exited with status 1" in text
    assert 'Missing script: "build"' in text


def test_every_case_leaves_its_evidence(todo_run: Run) -> None:
    for label in ["reference", *EXPECTATIONS]:
        case_dir = todo_run.output / "todo_app" / label / "s0"
        assert (case_dir / "prompt.md").read_text().count("localStorage") >= 1
        assert (case_dir / "answer.md").read_text().startswith("File: ")
        assert (case_dir / "logs" / "install.log").is_file()
        assert (case_dir / "case.json").is_file()
    shots = todo_run.output / "todo_app" / "swapped_filters" / "s0" / "screenshots"
    assert {"test_todo__test_filter_active.png", "test_todo__test_filter_completed.png"} <= {p.name for p in shots.iterdir()}


def test_terminal_summary_shows_the_pass_table(todo_run: Run) -> None:
    table = todo_run.stdout.split("llmcode: behaviour tests passed per challenge and model", 1)[1]
    header, row = table.splitlines()[1:3]
    assert header.split()[0] == "challenge" and "reference" in header.split()
    assert row.startswith("todo_app") and f"{len(BEHAVIOURS)}/{len(BEHAVIOURS)} passed" in row
