"""The checks judge apps written by other people as a person using them did: each corpus app
(``example_suites/<challenge>/corpus/``, real third-party apps, adapted only to the build-and-serve
contract) gets, for every behaviour test, the verdict of ``corpus/truth.yaml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apps import EXAMPLES
from tests.support.corpus import agreement, run_corpus, truth

pytestmark = pytest.mark.slow  # npm installs and builds of real apps, checked in Chromium

CHALLENGES = [path.parent.parent.name for path in sorted(EXAMPLES.glob("*/corpus/truth.yaml"))]


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
    result = agreement(truth(EXAMPLES / challenge), run_corpus(EXAMPLES / challenge, tmp_path))
    assert not result.false_fails and not result.false_passes, (
        f"{result}\nfalse fails:\n" + "\n".join(result.false_fails) + "\nfalse passes:\n" + "\n".join(result.false_passes))
