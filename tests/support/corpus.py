"""Run a challenge's checks on its corpus of real third-party apps (``<challenge>/corpus/``) and
compare each cell (app x behaviour test) with the truth established by hand (``corpus/truth.yaml``)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

# the solar corpus takes 12.5 min on an idle 2-core machine, and over an hour with two other test
# runs beside it; each case's stages have limits of their own, so this bounds only a machine's pace
RUN_TIMEOUT_S = 3 * 3600


def truth(challenge: Path) -> dict[str, dict[str, str]]:
    """App -> behaviour test -> ``pass`` or ``fail``."""
    data = yaml.safe_load((challenge / "corpus" / "truth.yaml").read_text())
    return {app: {test: "pass" if verdict == "pass" else "fail" for test, verdict in tests.items()}
            for app, tests in data.items()}


def known(challenge: Path) -> dict[str, str]:
    """Cells the checks are known to get wrong (``corpus/known.yaml``): ``app/test`` -> why. Each is
    a limit of the checks still to be lifted, kept in view so that no other cell slips."""
    path = challenge / "corpus" / "known.yaml"
    data = yaml.safe_load(path.read_text()) if path.is_file() else None
    return {str(cell): str(why) for cell, why in (data or {}).items()}


@dataclasses.dataclass
class Cell:
    outcome: str  # passed, failed or error
    message: str


def run_corpus(challenge: Path, workdir: Path, apps: list[str] | None = None, *args: str,
               workers: int = 1) -> dict[str, dict[str, Cell]]:
    """One pytest run of the challenge on the corpus apps (all, or ``apps``), on ``workers``
    pytest-xdist workers; app -> test -> cell."""
    workdir.mkdir(parents=True, exist_ok=True)
    chosen = apps if apps is not None else sorted(truth(challenge))
    models = [f"--llm-model={app}=dir:{challenge / 'corpus' / app}" for app in chosen]
    command = [sys.executable, "-m", "pytest", str(challenge), *models, "-p", "no:cacheprovider", "--llm-progress=off",
               f"--junitxml={workdir / 'junit.xml'}", f"--llm-output={workdir / 'out'}", "-q", *args]
    if workers > 1:
        command += ["-n", str(workers)]
    try:
        done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        results = workdir / "out" / "results.jsonl"
        judged = len(results.read_text().splitlines()) if results.is_file() else 0
        raise AssertionError(f"the corpus run of {challenge.name} took over {RUN_TIMEOUT_S} s ({judged} cells judged "
                             "by then): every case has its own stage limits, so the machine was too slow") from None
    assert done.returncode in (0, 1), done.stdout[-4000:] + done.stderr[-4000:]
    cells: dict[str, dict[str, Cell]] = {}
    for case in ET.parse(workdir / "junit.xml").iter("testcase"):
        test, param = case.get("name", "").rstrip("]").split("[")
        failure = case.find("failure")
        error = case.find("error")
        found = failure if failure is not None else error
        outcome = "passed" if found is None else "failed" if failure is not None else "error"
        message = "" if found is None else " ".join((found.get("message", "") or found.text or "").split())
        cells.setdefault(param.rsplit("-s", 1)[0], {})[test] = Cell(outcome, message)
    return cells


@dataclasses.dataclass
class Agreement:
    scored: int
    agreed: int
    false_fails: list[str]  # "app/test: message"
    false_passes: list[str]

    def wrong(self) -> set[str]:
        """The ``app/test`` cells that disagree with the truth."""
        return {line.split(":", 1)[0] for line in self.false_fails} | set(self.false_passes)

    def __str__(self) -> str:
        share = self.agreed / self.scored if self.scored else 0.0
        return (f"{self.agreed}/{self.scored} cells agree ({share:.1%}); {len(self.false_fails)} false fails, "
                f"{len(self.false_passes)} false passes")


def agreement(expected: dict[str, dict[str, str]], cells: dict[str, dict[str, Cell]]) -> Agreement:
    result = Agreement(0, 0, [], [])
    for app, tests in expected.items():
        for test, verdict in tests.items():
            cell = cells.get(app, {}).get(test)
            if cell is None:
                result.false_fails.append(f"{app}/{test}: no result")
                result.scored += 1
                continue
            result.scored += 1
            if (verdict == "pass") == (cell.outcome == "passed"):
                result.agreed += 1
            elif verdict == "pass":
                result.false_fails.append(f"{app}/{test}: {cell.message[:400]}")
            else:
                result.false_passes.append(f"{app}/{test}")
    return result
