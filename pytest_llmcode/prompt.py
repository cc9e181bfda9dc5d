"""The messages a model receives for a challenge."""

from __future__ import annotations

from pytest_llmcode.answer import ANSWER_FORMAT
from pytest_llmcode.challenge import Challenge
from pytest_llmcode.models.base import Message

SYSTEM = (
    "You are an expert software engineer. You write complete, working projects that "
    "build and run without any manual step.\n\n" + ANSWER_FORMAT
)


def how_it_runs(challenge: Challenge) -> str:
    stack = challenge.stack
    lines = [f"Stack: {stack.name}.", "Your project is run from its root folder like this:"]
    lines.append(f"- install: `{stack.install}`")
    if stack.build:
        lines.append(f"- build: `{stack.build}`")
    serve = stack.serve.replace("{port}", "<port>")
    lines.append(f"- serve: `{serve}`, then opened in a browser at http://127.0.0.1:<port>{stack.ready_path}")
    return "\n".join(lines)


def build_messages(challenge: Challenge, starter_files: list[str]) -> tuple[Message, ...]:
    parts = [challenge.prompt.strip(), "", how_it_runs(challenge)]
    if starter_files:
        parts += ["", "The workspace already holds these starter files (you may change them):"]
        parts += [f"- {path}" for path in starter_files]
    return (Message("system", SYSTEM), Message("user", "\n".join(parts) + "\n"))


def render_markdown(messages: tuple[Message, ...]) -> str:
    """The prompt as sent, for the case's evidence."""
    return "\n\n".join(f"## {m.role}\n\n{m.content.rstrip()}\n" for m in messages)
