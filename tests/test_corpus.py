"""The checks judge apps written by other people as a person using them did: each corpus app
(``example_suites/<challenge>/corpus/``, real third-party apps, adapted only to the build-and-serve
contract) gets, for every behaviour test, the verdict of ``corpus/truth.yaml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apps import EXAMPLES
from tests.support.corpus import agreement, known, run_corpus, truth

pytestmark = pytest.mark.slow  # npm installs and builds of real apps, checked in Chromium

CHALLENGES = [path.parent.parent.name for path in sorted(EXAMPLES.glob("*/corpus/truth.yaml"))]
# todo checks wait on the app more than they compute; three.js scenes in software WebGL take the CPU
WORKERS = {"todo_app": 2}


def test_there_is_a_corpus_of_real_apps() -> None:
    assert "todo_app" in CHALLENGES and "solar_system" in CHALLENGES
    assert len(truth(EXAMPLES / "todo_app")) >= 8
    assert len(truth(EXAMPLES / "solar_system")) >= 5
    for challenge in CHALLENGES:
        behaviours = sorted(line.split("(")[0][len("def "):] for test_file in (EXAMPLES / challenge).glob("test_*.py")
                            for line in test_file.read_text().splitlines() if line.startswith("def test_"))
        for app, verdicts in truth(EXAMPLES / challenge).items():
            assert sorted(verdicts) == behaviours, f"{challenge}/{app}: truth.yaml must give every behaviour test"
            source = (EXAMPLES / challenge / "corpus" / app / "SOURCE.md").read_text()
            assert "commit" in source.lower() and "licen" in source.lower(), f"{app}: SOURCE.md names no commit or licence"


@pytest.mark.parametrize("challenge", CHALLENGES)
def test_every_corpus_app_gets_its_true_verdict(challenge: str, tmp_path: Path) -> None:
    """Every cell agrees with the truth, except those in ``corpus/known.yaml`` (limits of the checks
    still to be lifted), which must still disagree: one that agrees now leaves the list."""
    result = agreement(truth(EXAMPLES / challenge),
                       run_corpus(EXAMPLES / challenge, tmp_path, workers=WORKERS.get(challenge, 1)))
    expected_wrong = known(EXAMPLES / challenge)
    new = [line for line in result.false_fails if line.split(":", 1)[0] not in expected_wrong]
    new += [f"{cell}: passed (a false pass)" for cell in result.false_passes if cell not in expected_wrong]
    assert not new, f"{result}\ncells that disagree with truth.yaml:\n" + "\n".join(new)
    fixed = sorted(set(expected_wrong) - result.wrong())
    assert not fixed, f"{result}\nthese cells agree now: take them out of known.yaml:\n" + "\n".join(fixed)


def test_every_known_wrong_cell_is_a_real_cell_with_a_reason() -> None:
    for challenge in CHALLENGES:
        cells = {f"{app}/{test}" for app, tests in truth(EXAMPLES / challenge).items() for test in tests}
        for cell, why in known(EXAMPLES / challenge).items():
            assert cell in cells, f"{challenge}/corpus/known.yaml: {cell} is no cell of truth.yaml"
            assert len(why) > 20, f"{challenge}/corpus/known.yaml: {cell} needs the reason the checks get it wrong"
