"""The todo challenge end to end through each wire format: the local endpoint answers with the
reference solution, wrapped the way a model writes (prose, thinking), and every check passes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_llmcode.models.directory import answer_from_directory
from tests.support.apps import EXAMPLES
from tests.support.fake_llm import Action, FakeLLM

pytestmark = pytest.mark.slow  # npm installs and builds of the real app, checked in Chromium


def test_todo_challenge_through_openai_and_anthropic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answer = "I'll build the app with React and Vite.\n\n" + answer_from_directory(EXAMPLES / "todo_app" / "reference")
    answer += "\nRun `npm install` and `npm run dev` to try it.\n"
    with FakeLLM(answer) as server:
        # both are asked at once (--llm-concurrency): each wire format gets its own kind of thinking
        server.choose = lambda body: (Action("thinking", thinking="Plan the components first.") if "system" in body
                                      else Action("think_inline", thinking="Plan: App.jsx, storage.js."))
        (tmp_path / "llmcode.yaml").write_text(
            textwrap.dedent(
                f"""\
                models:
                  oai:
                    provider: openai
                    model: qwen3.5-35b-a3b
                    base_url: {server.openai_url}
                    price: {{input: 0.25, output: 2.0}}
                  claude:
                    provider: anthropic
                    model: claude-sonnet-4-5
                    base_url: {server.anthropic_url}
                    api_key_env: FAKE_ANTHROPIC_KEY
                    price: {{input: 3.0, output: 15.0}}
                """
            )
        )
        monkeypatch.setenv("FAKE_ANTHROPIC_KEY", "sk-ant-fake")
        done = subprocess.run(
            [sys.executable, "-m", "pytest", str(EXAMPLES / "todo_app"), "--llm-model=oai", "--llm-model=claude",
             f"--llm-config={tmp_path / 'llmcode.yaml'}", "--llm-cache=off", "-p", "no:cacheprovider", "-q",
             f"--llm-output={tmp_path / 'out'}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=900,
        )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "24 passed" in done.stdout
    assert sorted(seen.path for seen in server.requests) == ["/v1/chat/completions", "/v1/messages"]
    assert "Plan" in (tmp_path / "out" / "todo_app" / "oai" / "s0" / "thinking.md").read_text()
