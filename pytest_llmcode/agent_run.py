"""The generate stage of an external agent (``agent:NAME``): its command runs in the case's workspace,
in the case's sandbox (the registry and the agent's own endpoint reachable through the proxy, its
named variables passed), until it exits or its time is up. Its output is the case's answer
(``answer.md``, ``logs/agent.log``); the files it created, changed or deleted are the change."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from pytest_llmcode.diffs import change_diff
from pytest_llmcode.models.agent_cli import AgentModel
from pytest_llmcode.models.base import Message
from pytest_llmcode.process import run, scrubbed_env, tail
from pytest_llmcode.prompt import render_markdown
from pytest_llmcode.stages import Stage, StageFailure
from pytest_llmcode.workspace import changed_files, fingerprints

if TYPE_CHECKING:
    from pytest_llmcode.app import BuiltCase, CaseBuilder

PROMPT_FILE = ".llmcode-prompt.md"
ANSWER_LIMIT = 200_000


def run_agent(builder: CaseBuilder, case: BuiltCase, agent: AgentModel, messages: tuple[Message, ...]) -> None:
    cdir = case.dir
    prompt = render_markdown(messages)
    prompt_file = cdir.workspace / PROMPT_FILE
    before = fingerprints(cdir.workspace)
    sandbox = builder.sandbox(case.spec, "agent", extra_hosts=agent.agent.hosts)
    started = time.monotonic()
    try:
        prompt_file.write_text(prompt, encoding="utf-8")
        prompt_file.chmod(0o644)
        command = agent.command(prompt_file, prompt)
        env = sandbox.env({**scrubbed_env(), **agent.env()}, network=True)
        result = run(command, cwd=cdir.workspace, log_path=cdir.log("agent"), env=env, timeout=agent.agent.timeout,
                     argv=sandbox.wrap(command, cdir.workspace, env))
    finally:
        case.notes.extend(n for n in sandbox.notes() if n not in case.notes)
        sandbox.close()
        prompt_file.unlink(missing_ok=True)
        case.timings[str(Stage.GENERATE)] = round(time.monotonic() - started, 3)
    output = cdir.log("agent").read_text(encoding="utf-8", errors="replace")
    (cdir.root / "answer.md").write_text(output[-ANSWER_LIMIT:], encoding="utf-8")
    case.generation = {"source": "agent", "model_id": agent.agent.model, "first_token_s": None,
                       "total_s": round(result.seconds, 3), "attempts": 1}
    if not result.ok:
        raise StageFailure(Stage.GENERATE, f"the agent {result.explain(agent.agent.timeout)}",
                           log_tail=tail(result.log_path), log_path=str(result.log_path))
    after = fingerprints(cdir.workspace)
    changed = changed_files(before, after)
    cdir.write_json("files.json", changed)
    if not changed:
        raise StageFailure(Stage.GENERATE, "the agent finished without creating or changing any file in the workspace",
                           log_tail=tail(result.log_path), log_path=str(result.log_path))
    base = case.spec.challenge.base
    if base is not None:
        (cdir.root / "change.diff").write_text(change_diff(base, cdir.workspace, changed), encoding="utf-8")
