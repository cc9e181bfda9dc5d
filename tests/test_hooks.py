"""The hooks pytest-llmcode adds, as a plugin author uses them: a model family and a sandbox backend
registered from a conftest.py, and the case events told to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.runs import run

PLUGIN = '''
import json
import os
from pathlib import Path

from pytest_llmcode.answers.formats import format_files
from pytest_llmcode.models.base import Completion
from pytest_llmcode.models.registry import ModelSpecError
from pytest_llmcode.sandbox.base import Backend
from pytest_llmcode.sandbox.host import HostSandbox

EVENTS = Path(os.environ["LLMCODE_TEST_EVENTS"])


def tell(*event):
    with EVENTS.open("a") as handle:
        handle.write(json.dumps(event) + "\\n")


class GreeterModel:
    """Answers every challenge with a page that greets ``name``."""

    def __init__(self, name, spec):
        self.name, self.label, self.spec = name, f"greeter-{name}", spec

    def generate(self, request):
        page = f"<!doctype html><title>Hi</title><h1>Hello, {self.name}</h1><button>Greet</button>"
        return Completion(text=format_files({"index.html": page}), model_id="greeter-1")


class GreeterFamily:
    def forms(self, context):
        return ["'greet:NAME'"]

    def resolve(self, body, context):
        if not body.startswith("greet:"):
            return None
        name = body[len("greet:"):]
        if not name.isalpha():
            raise ModelSpecError("'greet:' needs a name of letters")
        return [GreeterModel(name, body)]


class RecordingSandbox(HostSandbox):
    """The host, with every command it runs written down."""

    def wrap(self, command, cwd, env):
        tell("command", self.request.name, command)
        return super().wrap(command, cwd, env)


RECORDING = Backend("recording", "on the host, every command written down", RecordingSandbox, isolated=False,
                    registry_proxy=False)


def pytest_llmcode_models(config):
    return [GreeterFamily()]


def pytest_llmcode_sandbox_backends(config):
    return [RECORDING]


def pytest_llmcode_case_stage(config, spec, stage):
    tell("stage", spec.name, stage)


def pytest_llmcode_case_built(config, case, record):
    tell("built", case.spec.name, record["failed_stage"], record["generation"]["model_id"])


def pytest_llmcode_case_done(config, name, record, outcomes):
    tell("done", name, record.get("sandbox"), sorted(outcomes.values()))
'''


@pytest.fixture
def events(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = pytester.path / "events.jsonl"
    monkeypatch.setenv("LLMCODE_TEST_EVENTS", str(path))
    pytester.makeconftest(PLUGIN)
    return path


def _events(path: Path) -> list[list[Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_plugin_adds_a_model_family_and_a_sandbox_backend(
    pytester: pytest.Pytester, static_challenge: Path, events: Path
) -> None:
    result = run(pytester, "-v", "--llm-model=greet:visitor", "--llm-sandbox=recording", "--junitxml=junit.xml")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_greets[[]greeter-visitor-s0[]] PASSED*", "sandbox: recording (on the host,*"])
    told = _events(events)
    commands = [event[2] for event in told if event[0] == "command"]
    assert any("echo install" in c for c in commands) and any("echo build" in c for c in commands)
    assert any("http.server" in c for c in commands)  # the app was served through the plugin's backend
    name = "static_page/greeter-visitor/s0"
    assert ["stage", name, "generating"] in told and ["stage", name, "building"] in told
    assert ["built", name, None, "greeter-1"] in told
    assert told[-1] == ["done", name, "recording", ["passed", "passed"]]
    case = json.loads((pytester.path / "llmcode-results" / name / "case.json").read_text())
    assert case["sandbox"] == "recording"


def test_a_page_that_does_not_greet_fails_through_the_plugins_model(
    pytester: pytest.Pytester, static_challenge: Path, events: Path
) -> None:
    result = run(pytester, "--llm-model=greet:stranger", "--llm-sandbox=recording")
    result.assert_outcomes(passed=1, failed=1)  # the heading says "Hello, stranger"
    assert ["done", "static_page/greeter-stranger/s0", "recording", ["failed", "passed"]] in _events(events)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--llm-model=greet:R2D2"], "*--llm-model='greet:R2D2': 'greet:' needs a name of letters*"),
        (["--llm-model=nobody"], "*--llm-model='nobody' names no known model; expected 'greet:NAME', 'reference'*"),
        (["--llm-model=reference", "--llm-sandbox=nowhere"],
         "*--llm-sandbox=nowhere: expected one of auto, namespace, docker, none, recording*"),
    ],
)
def test_the_plugins_names_are_in_the_usage_errors(
    pytester: pytest.Pytester, static_challenge: Path, events: Path, args: list[str], expected: str
) -> None:
    result = run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([expected])


def test_the_hooks_are_documented() -> None:
    from pytest_llmcode.plugin import hookspecs

    docs = (Path(__file__).resolve().parent.parent / "docs" / "extending.md").read_text()
    names = [name for name in vars(hookspecs) if name.startswith("pytest_llmcode_")]
    assert len(names) == 5
    for name in names:
        assert f"`{name}" in docs, f"{name} is not documented in docs/extending.md"
