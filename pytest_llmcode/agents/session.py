"""The built-in agent (``--llm-mode=agent``): a model with tool calling works on the workspace turn by
turn (see :mod:`pytest_llmcode.agents.tools`) until it calls ``finish``, within limits on turns,
tokens, cost and time; a limit hit fails the case at generate and says which. The whole session is
kept: ``transcript.json`` (the messages as sent) and ``transcript.md`` (for people).

``--llm-record`` appends each turn (the messages sent since the turn before, and the reply as the
endpoint sent it) to the cassette; ``--llm-replay`` and ``replay:FILE`` play the recorded turns back
in order, and the tools run again for real, so the replayed session rebuilds its app here. Agent turns
are not kept in the response cache: their requests carry tool results, such as build times, that
differ from run to run."""

from __future__ import annotations

import dataclasses
import json
import time

from pytest_llmcode.agents.limits import AgentLimits
from pytest_llmcode.agents.task import AgentTask
from pytest_llmcode.agents.tools import TOOLS, Workbench
from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.models.base import Message, Usage, add_usage
from pytest_llmcode.models.conversation import Conversation
from pytest_llmcode.models.remote import RemoteModel
from pytest_llmcode.models.store import ReplayMiss, agent_turn_key

AGENT_SYSTEM = """You are a software engineer working on a project through tools. The project folder is
where the app must be: read what is there, write and edit files with the tools, install the dependencies
and run the build to check your work, fix what fails, and call `finish` when the app is done. Work only
through the tools; nothing you write as plain text changes the project."""
NUDGE = "Work through the tools (write_file, edit_file, run, ...) and call `finish` when the app is done."
RESULT_SHOWN = 4_000


def agent_messages(messages: tuple[Message, ...]) -> tuple[Message, ...]:
    """The challenge's messages with the agent's own instructions in place of the answer format's."""
    rest = tuple(m for m in messages if m.role != "system")
    return (Message("system", AGENT_SYSTEM), *rest)


def _markdown(transcript: list[dict[str, object]]) -> str:
    lines = ["# Agent session", ""]
    for entry in transcript:
        lines += [f"## Turn {entry['turn']} ({entry['seconds']} s, {entry['tokens']} tokens)", ""]
        if entry["text"]:
            lines += [str(entry["text"]).strip(), ""]
        for call in entry["calls"]:  # type: ignore[attr-defined]
            result = str(call["result"])
            shown = result if len(result) <= RESULT_SHOWN else result[:RESULT_SHOWN] + "\n[cut]"
            lines += [f"**{call['name']}** `{json.dumps(call['arguments'])[:500]}`", "", "```", shown, "```", ""]
    return "\n".join(lines) + "\n"


def run_agent_session(task: AgentTask, model: RemoteModel, messages: tuple[Message, ...],
                      limits: AgentLimits) -> None:
    started = time.monotonic()
    config, services = model.config, model.services
    replay = services.replay
    wire = replay.agent_wire(model.label) if replay is not None and config.wire == "replay" else config.wire
    conversation = Conversation(dataclasses.replace(config, wire=wire or "openai"), agent_messages(messages), TOOLS)
    session = [{"role": m.role, "content": m.content} for m in messages]  # the challenge's own
    recorded = 0  # conversation messages already in the cassette
    bench = Workbench(task, started + limits.max_seconds)
    transcript: list[dict[str, object]] = []
    usage = Usage()

    def save() -> None:
        task.dir.write_json("transcript.json", conversation.messages)
        (task.dir.root / "transcript.md").write_text(_markdown(transcript), encoding="utf-8")
        seconds = round(time.monotonic() - started, 3)
        task.report(usage=usage, seconds=seconds,
                    generation={"source": "agent" if replay is None else "agent replay", "model_id": config.model,
                                "first_token_s": None, "total_s": seconds, "attempts": len(transcript)})

    def limit(what: str) -> StageFailure:
        return StageFailure(Stage.GENERATE, f"the agent hit its {what} without calling finish "
                                            f"(transcript: {task.dir.root / 'transcript.md'})")

    try:
        for number in range(1, limits.max_turns + 1):
            if time.monotonic() - started > limits.max_seconds:
                raise limit(f"time limit ({limits.max_seconds:g}s)")
            key = agent_turn_key(model.label, session, task.sample, number)
            if replay is not None:
                try:
                    played = replay.find(key)
                except ReplayMiss:
                    raise ReplayMiss(f"the cassette {replay.path} holds no turn {number} of this agent session "
                                     f"({task.challenge.id} / {model.label} / sample {task.sample}): it "
                                     "ended sooner, or was recorded for another prompt") from None
                turn = conversation.replay(played["reply"])
                cost = float(played.get("cost_usd") or 0.0)
            else:
                new = conversation.messages[recorded:]  # tool results, or the prompt on the first turn
                turn = conversation.ask()
                cost = config.cost(turn.usage.input_tokens, turn.usage.output_tokens)
                recorded = len(conversation.messages)  # the reply too: it is recorded as such
                if services.record is not None:
                    services.record.append({"replay_key": key, "label": model.label, "wire": config.wire,
                                            "model": config.model, "sample": task.sample, "agent_turn": number,
                                            "messages": new, "reply": conversation.last_reply, "cost_usd": cost})
            usage = add_usage(usage, dataclasses.replace(turn.usage, cost_usd=cost))
            entry: dict[str, object] = {"turn": number, "text": turn.text, "seconds": turn.seconds,
                                        "tokens": turn.usage.input_tokens + turn.usage.output_tokens, "calls": []}
            transcript.append(entry)
            results = []
            for call in turn.calls:
                output = bench.call(call, max(1.0, limits.max_seconds - (time.monotonic() - started)))
                results.append((call, output))
                entry["calls"].append({"name": call.name, "arguments": call.arguments, "result": output})  # type: ignore[attr-defined]
            if results:
                conversation.answer(results)
            else:
                conversation.nudge(NUDGE)
            if bench.finished is not None:
                (task.dir.root / "answer.md").write_text(bench.finished + "\n", encoding="utf-8")
                return
            if usage.input_tokens + usage.output_tokens > limits.max_tokens:
                raise limit(f"token limit ({limits.max_tokens} tokens)")
            if limits.max_cost is not None and usage.cost_usd > limits.max_cost:
                raise limit(f"cost limit (${limits.max_cost:g})")
        raise limit(f"turn limit ({limits.max_turns} turns)")
    finally:
        save()  # however the session ended
