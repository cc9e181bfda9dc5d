"""External agents (``agent:NAME``): an agent command line works in the workspace, then the normal
pipeline judges what it left there. The agent here is a script that behaves like one."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.support.apps import GREETING_CHALLENGE, PAGE, PAGE_CHECKS, ROOT, readme_agents
from tests.support.runs import run
from tests.support.sandbox import need

AGENT = textwrap.dedent(f"""
    import os, sys, time, pathlib
    prompt = pathlib.Path(sys.argv[1]).read_text()
    mode = os.environ.get("FAKE_AGENT_MODE", "write")
    print("agent: model", sys.argv[2])
    print("agent: key", "yes" if os.environ.get("FAKE_AGENT_KEY") == "sk-agent-key" else "no")
    print("agent: prompt asks for a greeting:", "greets the visitor" in prompt)
    print("agent: uid", os.getuid())
    if mode == "write":
        pathlib.Path("index.html").write_text({PAGE!r})
        print("agent: wrote index.html")
    elif mode == "sleep":
        time.sleep(120)
""")
CONFIG = """\
agents:
  scripted:
    command: python3 -c "$FAKE_AGENT_SCRIPT" {prompt_file} {model}
    model: fake/coder-7b
    env: [FAKE_AGENT_SCRIPT, FAKE_AGENT_KEY, FAKE_AGENT_MODE]
    timeout: 20
"""


@pytest.fixture
def agent(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_AGENT_SCRIPT", AGENT)
    monkeypatch.setenv("FAKE_AGENT_KEY", "sk-agent-key")
    monkeypatch.setenv("FAKE_AGENT_MODE", "write")
    (pytester.path / "llmcode.yaml").write_text(CONFIG)


def case_dir(pytester: pytest.Pytester) -> Path:
    return pytester.path / "out" / "static_page" / "agent-scripted" / "s0"


def test_an_agent_writes_the_app_and_the_pipeline_judges_it(
    pytester: pytest.Pytester, static_challenge: Path, agent: None
) -> None:
    result = run(pytester, "--llm-model=agent:scripted", "--llm-output=out")
    result.assert_outcomes(passed=2)
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert {(r["model"], r["model_spec"], r["outcome"]) for r in records} == {("agent-scripted", "agent:scripted", "passed")}
    log = (case_dir(pytester) / "logs" / "agent.log").read_text()
    assert "agent: model fake/coder-7b" in log
    assert "agent: key yes" in log  # its own key, passed by name although keys are scrubbed otherwise
    assert "agent: prompt asks for a greeting: True" in log
    assert (case_dir(pytester) / "answer.md").read_text() == log
    assert json.loads((case_dir(pytester) / "files.json").read_text()) == ["index.html"]
    record = json.loads((case_dir(pytester) / "case.json").read_text())
    assert record["generation"]["source"] == "agent" and record["generation"]["model_id"] == "fake/coder-7b"
    assert not (case_dir(pytester) / "workspace" / ".llmcode-prompt.md").exists()
    prompt = (case_dir(pytester) / "prompt.md").read_text()  # an agent is told to write files, not print them
    assert "with your own tools" in prompt and "complete contents of every file" not in prompt


@pytest.mark.parametrize(
    "mode, timeout, reason",
    [("sleep", 2, "*[[]generate[]] the agent `python3 -c *` did not finish within 2s*"),
     ("idle", 20, "*[[]generate[]] the agent finished without creating or changing any file*")],
    ids=["out-of-time", "changes-nothing"],
)
def test_an_agent_that_does_not_deliver_fails_at_generate(
    pytester: pytest.Pytester, static_challenge: Path, agent: None, monkeypatch: pytest.MonkeyPatch,
    mode: str, timeout: int, reason: str,
) -> None:
    monkeypatch.setenv("FAKE_AGENT_MODE", mode)
    (pytester.path / "llmcode.yaml").write_text(CONFIG.replace("timeout: 20", f"timeout: {timeout}"))
    result = run(pytester, "--llm-model=agent:scripted", "--llm-output=out")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([reason])


def test_unknown_agents_and_missing_variables_are_usage_errors(
    pytester: pytest.Pytester, static_challenge: Path, agent: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = run(pytester, "--llm-model=agent:aider")
    assert unknown.ret == pytest.ExitCode.USAGE_ERROR
    unknown.stderr.fnmatch_lines(["*--llm-model='agent:aider': no agent 'aider' is configured; agents: scripted*"])
    monkeypatch.delenv("FAKE_AGENT_KEY")
    missing = run(pytester, "--llm-model=agent:scripted")
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*agent:scripted: the environment variable(s) FAKE_AGENT_KEY it needs are not set*"])
    (pytester.path / "llmcode.yaml").write_text(CONFIG.replace("    timeout: 20\n", "    timeout: soon\n"))
    broken = run(pytester, "--llm-model=agent:scripted")
    assert broken.ret == pytest.ExitCode.USAGE_ERROR
    broken.stderr.fnmatch_lines(["*llmcode.yaml*agents.scripted.timeout*expected seconds the agent may work*"])


def test_an_agent_runs_inside_the_sandbox(pytester: pytest.Pytester, agent: None) -> None:
    need("namespace")
    folder = pytester.mkdir("greeting")
    (folder / "challenge.yaml").write_text(GREETING_CHALLENGE)
    (folder / "test_page.py").write_text(PAGE_CHECKS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=agent:scripted", "--llm-output=out")
    result.assert_outcomes(passed=2)
    log = (pytester.path / "out" / "greeting" / "agent-scripted" / "s0" / "logs" / "agent.log").read_text()
    assert "agent: uid 65534" in log and os.getuid() != 65534  # it ran as nobody


def test_the_shipped_agent_examples_stay_valid() -> None:
    from pytest_llmcode.agents.config import load_agents

    examples = load_agents(ROOT / "examples" / "agents.llmcode.yaml")
    tested = {"qwen-code", "claude-code", "codex", "opencode", "mini-swe-agent", "aider"}  # tests/test_agent_clis.py
    hosted = {"qwen-code-openrouter", "claude-code-anthropic", "codex-openai", "opencode-openrouter",
              "mini-swe-agent-openrouter", "aider-openrouter"}
    assert set(examples) == tested | hosted
    assert all("{prompt" in agent.command for agent in examples.values())  # each is given the prompt
    assert all(agent.base_url.startswith(("http://", "https://")) for agent in examples.values())
    assert all(agent.hosts == () for agent in examples.values())  # each reaches its base_url, and that is all
    # the two that tests/test_agent_clis.py runs are the README's, word for word
    readme = yaml.safe_load(readme_agents())["agents"]
    for name in ("qwen-code", "claude-code"):
        assert examples[name].command == readme[name]["command"] and examples[name].base_url == readme[name]["base_url"]
        assert dict(examples[name].set_env) == readme[name]["set_env"]
