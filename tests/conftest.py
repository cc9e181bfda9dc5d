"""Fixtures shared by the test modules; the helpers they share are in tests/support/."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import PAGE, PAGE_CHECKS, STATIC_CHALLENGE
from tests.support.fake_llm import FakeLLM
from tests.support.matrix import alternatives, expectations
from tests.support.models import KEY, fake_alias, fake_models

# the `llmcode` command the tests run is the one installed next to this Python (say .venv/bin),
# whether or not that folder is on PATH
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


@pytest.fixture
def static_challenge(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny challenge served by Python's http.server: the whole pipeline without npm. It counts its
    installs and builds in ``counts.txt`` of the pytester folder."""
    counts = pytester.path / "counts.txt"
    monkeypatch.setenv("LLMCODE_TEST_COUNTS", str(counts))
    folder = pytester.mkdir("static_page")
    (folder / "challenge.yaml").write_text(STATIC_CHALLENGE)
    (folder / "reference").mkdir()
    (folder / "reference" / "index.html").write_text(PAGE)
    (folder / "test_page.py").write_text(PAGE_CHECKS)
    return folder


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    """A local endpoint answering every request with the static challenge's page (modules that need
    other answers define a ``server`` of their own)."""
    with FakeLLM("Here is the page.\n\n" + format_files({"index.html": PAGE})) as fake:
        yield fake


@pytest.fixture
def configured(pytester: pytest.Pytester, static_challenge: Path, server: FakeLLM,
               monkeypatch: pytest.MonkeyPatch) -> Path:
    """``llmcode.yaml`` with two aliases on ``server``: ``fake-oai`` (OpenAI's wire format, priced,
    retried) and ``fake-claude`` (Anthropic's), both keyed by :data:`~tests.support.models.KEY`."""
    oai = fake_alias("fake-oai", server.openai_url, more="""\
        params: {temperature: 0.2, max_tokens: 4000}
        price: {input: 3.0, output: 15.0}
        retries: 2
        retry_base_delay: 0.05
        """)
    claude = fake_alias("fake-claude", server.anthropic_url, provider="anthropic", model="claude-fake")
    return fake_models(pytester, monkeypatch, oai + claude, key=KEY)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The mutants and alternatives of a ChallengeMatrix subclass's challenge."""
    challenge = getattr(metafunc.cls, "CHALLENGE", None)
    if challenge is None:
        return
    if "mutant" in metafunc.fixturenames:
        metafunc.parametrize("mutant", sorted(expectations(challenge)))
    if "app" in metafunc.fixturenames:
        metafunc.parametrize("app", alternatives(challenge))
