"""Fake models for the plugin's runs: aliases in an ``llmcode.yaml`` pointing at a local
:class:`~tests.support.fake_llm.FakeLLM`, and answers such an endpoint gives."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import PAGE
from tests.support.fake_llm import FakeLLM

# the key of the fake aliases: it must never be written to any file
KEY = "sk-live-THIS-MUST-NEVER-BE-WRITTEN-42"

# answers for the static challenge: the right page, and one whose page lost its button (and says so
# in the console)
FIXED = "The build looks for index.html; here it is.\n\n" + format_files({"index.html": PAGE})
BUTTONLESS = format_files({"index.html": "<!doctype html><title>Hi</title><h1>Hello, visitor</h1>\n"
                                         "<script>console.error('greet.js: no button template')</script>\n"})


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


def fake_coder(server: FakeLLM) -> str:
    """The alias ``fake`` (a priced OpenAI-wire model on ``server``), for :func:`fake_models`."""
    return fake_alias("fake", server.openai_url, model="fake/coder", more="price: {input: 3.0, output: 15.0}")
