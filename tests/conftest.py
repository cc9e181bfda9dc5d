from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from tests.matrix import alternatives, expectations

# the `llmcode` command the tests run is the one installed next to this Python (say .venv/bin),
# whether or not that folder is on PATH
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "example_suites"

STATIC_CHALLENGE = """\
id: static_page
title: A static page
prompt: Write an index.html that greets the visitor.
stack:
  name: static HTML served by Python
  install: echo install >> "$LLMCODE_TEST_COUNTS"
  build: echo build >> "$LLMCODE_TEST_COUNTS" && test -f index.html
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts:
  launch: 20
"""


@pytest.fixture
def static_challenge(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny challenge served by Python's http.server: the whole pipeline without npm."""
    counts = pytester.path / "counts.txt"
    monkeypatch.setenv("LLMCODE_TEST_COUNTS", str(counts))
    folder = pytester.mkdir("static_page")
    (folder / "challenge.yaml").write_text(STATIC_CHALLENGE)
    (folder / "reference").mkdir()
    (folder / "reference" / "index.html").write_text(
        "<!doctype html><title>Hi</title><h1>Hello, visitor</h1><button>Greet</button>\n"
    )
    (folder / "test_page.py").write_text(
        textwrap.dedent(
            """
            from playwright.sync_api import expect

            def test_greets(app_page):
                expect(app_page.get_by_role("heading", name="Hello, visitor")).to_be_visible()

            def test_has_button(app_page):
                expect(app_page.get_by_role("button", name="Greet")).to_be_visible()
            """
        )
    )
    return folder


def fake_models(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, models: str, key: str = "sk-fake") -> Path:
    """``llmcode.yaml`` in the pytester folder defining ``models`` (the YAML under ``models:``, whose
    ``api_key_env`` is FAKE_API_KEY), that key set to ``key``, and the response cache kept in the
    test's folder."""
    monkeypatch.setenv("FAKE_API_KEY", key)
    monkeypatch.setenv("XDG_CACHE_HOME", str(pytester.path / "xdg-cache"))
    config = pytester.path / "llmcode.yaml"
    config.write_text("models:\n" + textwrap.indent(textwrap.dedent(models), "  "))
    return config


def fake_alias(name: str, base_url: str, *, provider: str = "openai", model: str = "fake/coder-7b",
               more: str = "") -> str:
    """One model alias for :func:`fake_models`: a fake endpoint, its key in FAKE_API_KEY, and ``more``
    (YAML lines of further keys)."""
    lines = [f"{name}:", f"  provider: {provider}", f"  model: {model}", f"  base_url: {base_url}",
             "  api_key_env: FAKE_API_KEY", *("  " + line for line in textwrap.dedent(more).splitlines() if line)]
    return "\n".join(lines) + "\n"


def write_app(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    return folder


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The mutants and alternatives of a ChallengeMatrix subclass's challenge."""
    challenge = getattr(metafunc.cls, "CHALLENGE", None)
    if challenge is None:
        return
    if "mutant" in metafunc.fixturenames:
        metafunc.parametrize("mutant", sorted(expectations(challenge)))
    if "app" in metafunc.fixturenames:
        metafunc.parametrize("app", alternatives(challenge))
