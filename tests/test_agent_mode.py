"""The built-in agent (``--llm-mode=agent``) against a local endpoint that plays a tool-using session
in OpenAI's and Anthropic's wire formats: it writes a broken app, runs the build, reads the error,
fixes it and finishes; an agent that never finishes hits its turn limit; tools stay in the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_llmcode.agents.session import AGENT_SYSTEM
from tests.support.apps import PAGE
from tests.support.fake_llm import Action, FakeLLM, Seen
from tests.support.models import KEY
from tests.support.runs import run

BUILD = "test -f index.html && echo built"
# writes a page the build does not want, reads the build's error, writes the right one, finishes
FIXING_SESSION = (
    Action(tools=[("list_files", {})]),
    Action(tools=[("write_file", {"path": "page.html", "content": PAGE})]),
    Action(tools=[("read_file", {"path": "page.html"})]),
    Action(tools=[("run", {"command": BUILD})]),
    Action(text="The build wants index.html.", tools=[("write_file", {"path": "index.html", "content": PAGE})]),
    Action(tools=[("run", {"command": BUILD})]),
    Action(tools=[("finish", {"summary": "index.html is there and the build passes"})]),
)


def tool_results(seen: Seen, wire: str) -> list[str]:
    """The tool results the model was given in one request, in order."""
    messages = seen.body["messages"]
    if wire == "openai":
        return [m["content"] for m in messages if m["role"] == "tool"]
    return [block["content"] for m in messages if m["role"] == "user" and isinstance(m["content"], list)
            for block in m["content"] if block.get("type") == "tool_result"]


@pytest.mark.parametrize("alias, wire, how", [("fake-oai", "openai", "--llm-mode=agent"),
                                              ("fake-claude", "anthropic", "mode: agent")])
def test_an_agent_fixes_its_build_error_and_finishes(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM, alias: str, wire: str, how: str
) -> None:
    if how == "mode: agent":
        configured.write_text(configured.read_text().replace("    model: claude-fake\n",
                                                             "    model: claude-fake\n    mode: agent\n"))
    server.script = list(FIXING_SESSION)
    options = [how] if how.startswith("--") else []
    result = run(pytester, f"--llm-model={alias}", "--llm-output=out", *options)
    result.assert_outcomes(passed=2)
    assert len(server.requests) == 7
    first = server.requests[0].body
    names = [t["function"]["name"] if wire == "openai" else t["name"] for t in first["tools"]]
    assert names == ["list_files", "read_file", "write_file", "edit_file", "delete_file", "install", "run", "finish"]
    system = first["messages"][0]["content"] if wire == "openai" else first["system"]
    assert system == AGENT_SYSTEM
    results = tool_results(server.requests[6], wire)
    assert results[0] == "(no files)"
    assert results[2] == PAGE  # it read back what it wrote
    assert results[3].startswith(f"`{BUILD}` exited with status 1")  # it saw the build fail
    assert results[5].startswith("exit status 0") and "built" in results[5]  # and then pass
    case = pytester.path / "out" / "static_page" / alias / "s0"
    record = json.loads((case / "case.json").read_text())
    assert record["generation"]["source"] == "agent" and record["generation"]["attempts"] == 7
    assert record["usage"]["output_tokens"] > 0
    assert (record["usage"]["cost_usd"] > 0) == (alias == "fake-oai")  # only fake-oai has a price
    assert json.loads((case / "files.json").read_text()) == ["index.html", "page.html"]
    transcript = (case / "transcript.md").read_text()
    assert "## Turn 5" in transcript and "The build wants index.html." in transcript and "**run**" in transcript
    assert len(json.loads((case / "transcript.json").read_text())) > 10
    assert (case / "answer.md").read_text() == "index.html is there and the build passes\n"
    report = (pytester.path / "out" / "report.html").read_text()
    assert "<summary>agent session</summary>" in report and "The build wants index.html." in report


def test_an_agent_that_never_finishes_hits_the_turn_limit(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    server.script = [Action(tools=[("list_files", {})]) for _ in range(10)]
    result = run(pytester, "--llm-model=fake-oai", "--llm-mode=agent", "--llm-agent-max-turns=3", "--llm-output=out")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]generate[]] the agent hit its turn limit (3 turns) without calling finish*"])
    assert len(server.requests) == 3
    assert (pytester.path / "out" / "static_page" / "fake-oai" / "s0" / "transcript.md").read_text().count("## Turn") == 3


def test_the_agents_tools_stay_inside_the_workspace(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    server.script = [
        Action(tools=[("write_file", {"path": "../outside.txt", "content": "x"}),
                      ("write_file", {"path": "/tmp/llmcode-agent-abs.txt", "content": "x"})]),
        Action(tools=[("run", {"command": "ln -s /etc/passwd passwd && ln -s /etc etc"})]),
        Action(tools=[("read_file", {"path": "passwd"}), ("write_file", {"path": "etc/llmcode-agent.txt", "content": "x"}),
                      ("edit_file", {"path": "missing.txt", "search": "a", "replace": "b"}),
                      ("teleport", {})]),
        Action(tools=[("finish", {"summary": "done"})]),
    ]
    result = run(pytester, "--llm-model=fake-oai", "--llm-mode=agent", "--llm-output=out")
    result.assert_outcomes(failed=2)  # no index.html: the build fails
    results = tool_results(server.requests[3], "openai")
    assert "unsafe file path '../outside.txt'" in results[0]
    assert "absolute paths are not allowed" in results[1]
    # the links the command left out of the workspace are gone when it ends, and the agent is told
    assert "[sandbox] the command left a link to /etc (etc -> /etc; passwd -> /etc/passwd)" in results[2]
    assert results[3].startswith("error: ") and "passwd" in results[3] and "root:" not in results[3]
    assert results[4] == "wrote etc/llmcode-agent.txt (1 characters)"  # a folder of the workspace now
    assert results[5].startswith("error: ") and "missing.txt" in results[5]
    assert results[6].startswith("error: no tool named 'teleport'")
    assert not (pytester.path / "out" / "static_page" / "fake-oai" / "outside.txt").exists()
    assert not Path("/etc/llmcode-agent.txt").exists() and not Path("/tmp/llmcode-agent-abs.txt").exists()


@pytest.mark.parametrize("wire, alias", [("openai", "fake-oai"), ("anthropic", "fake-claude")])
def test_an_agent_session_is_recorded_and_replayed_without_the_endpoint(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM, monkeypatch: pytest.MonkeyPatch,
    wire: str, alias: str,
) -> None:
    server.script = list(FIXING_SESSION)
    cassette = pytester.path / "agent.jsonl"
    run(pytester, f"--llm-model={alias}", "--llm-mode=agent", f"--llm-record={cassette}",
        "--llm-output=out").assert_outcomes(passed=2)
    turns = [json.loads(line) for line in cassette.read_text().splitlines()]
    assert [turn["agent_turn"] for turn in turns] == list(range(1, 8))
    assert {turn["wire"] for turn in turns} == {wire}
    assert turns[0]["messages"][-1]["role"] == "user"  # the challenge's prompt, sent once
    assert json.dumps(PAGE) in json.dumps(turns[3]["messages"])  # what read_file gave back before turn 4
    assert len(turns[3]["messages"]) == 1
    assert KEY not in cassette.read_text()
    server.stop()
    monkeypatch.delenv("FAKE_API_KEY")
    for how in ([f"--llm-model={alias}", "--llm-mode=agent", f"--llm-replay={cassette}"],
                [f"--llm-model=replay:{cassette}"]):
        replayed = run(pytester, *how, "--llm-output=again")
        replayed.assert_outcomes(passed=2)  # the same session, its tools run again here: the same app
        case = pytester.path / "again" / "static_page" / alias / "s0"
        record = json.loads((case / "case.json").read_text())
        assert record["generation"]["source"] == "agent replay" and record["generation"]["attempts"] == 7
        assert "The build wants index.html." in (case / "transcript.md").read_text()
        assert json.loads((case / "files.json").read_text()) == ["index.html", "page.html"]
    cassette.write_text("\n".join(json.dumps(turn) for turn in turns[:4]) + "\n")  # the session cut short
    short = run(pytester, f"--llm-model=replay:{cassette}", "--llm-output=short")
    short.assert_outcomes(errors=2)
    short.stdout.fnmatch_lines([f"*[[]infrastructure[]] the cassette *agent.jsonl holds no turn 5 of this agent "
                                f"session (static_page / {alias} / sample 0): it ended sooner*"])
