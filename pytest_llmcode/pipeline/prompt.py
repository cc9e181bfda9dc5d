"""The messages a model receives for a challenge, and a case's first request: built once here, by
the case builder and by the prefetcher that asks for it ahead (the two must be equal)."""

from __future__ import annotations

from pathlib import Path

from pytest_llmcode.answers.formats import ANSWER_FORMAT, EDIT_FORMAT, format_files
from pytest_llmcode.answers.parse import AnswerError
from pytest_llmcode.answers.workspace import tree_files
from pytest_llmcode.core.challenge import Challenge
from pytest_llmcode.core.files import project_files
from pytest_llmcode.models.base import GenerationRequest, Message
from pytest_llmcode.pipeline.case import CaseSpec, stage_timeout

SYSTEM = (
    "You are an expert software engineer. You write complete, working projects that "
    "build and run without any manual step.\n\n" + ANSWER_FORMAT
)
SYSTEM_MODIFY = (
    "You are an expert software engineer. You change existing codebases carefully: you read the "
    "code you are given, follow its conventions, and keep every existing feature working.\n\n"
    + EDIT_FORMAT
    + "\nRules for whole files: paths are relative to the project root with forward slashes; no "
    "placeholders such as \"rest unchanged\"; no node_modules, build output or lock files; fence a "
    "file that contains ``` lines with four backticks (````).\n"
)
NOT_SHOWN = {"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb"}


def how_it_runs(challenge: Challenge) -> str:
    stack = challenge.stack
    lines = [f"Stack: {stack.name}.", "Your project is run from its root folder like this:"]
    lines.append(f"- install: `{stack.install}`")
    if stack.build:
        lines.append(f"- build: `{stack.build}`")
    if stack.test is not None:  # a commit challenge: judged by its tests, some of which the model does not see
        test = stack.test.replace("{junit}", "report.xml").replace("{tests}", "<test files>")
        lines.append(f"- test: `{test}`, with tests of the change that are not shown to you")
        return "\n".join(lines)
    serve = stack.serve.replace("{port}", "<port>")
    lines.append(f"- serve: `{serve}`, then opened in a browser at http://127.0.0.1:<port>{stack.ready_path}")
    for service in challenge.services:
        for variable, value in service.env.items():
            shown = value.replace("{url}", "http://127.0.0.1:<port>").replace("{port}", "<port>")
            lines.append(f"- the environment has {variable}={shown} ({service.name}, a service running beside the app)")
    return "\n".join(lines)


def codebase_context(base: Path, budget: int) -> str:
    """The codebase as the model sees it: its layout, then the contents of its text files until
    ``budget`` characters are used; the files left out are named."""
    shown: dict[str, str | bytes] = {}
    left_out: list[str] = []
    used = 0
    layout = []
    for path in project_files(base):
        relative = path.relative_to(base).as_posix()
        data = path.read_bytes()
        layout.append(f"- {relative} ({len(data)} bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            left_out.append(f"{relative} (binary)")
            continue
        if path.name in NOT_SHOWN or used + len(text) > budget:
            left_out.append(relative)
            continue
        used += len(text)
        shown[relative] = text
    parts = ["The repository's files (all of them are in the workspace already):", *layout, ""]
    parts += ["Their contents:", "", format_files(shown).rstrip()]
    if left_out:
        parts += ["", "Not shown here (over the size budget, generated or binary): " + ", ".join(left_out)]
    return "\n".join(parts)


def build_messages(challenge: Challenge, starter_files: list[str]) -> tuple[Message, ...]:
    parts = [challenge.prompt.strip(), "", how_it_runs(challenge)]
    if challenge.base is not None:
        parts += ["", codebase_context(challenge.base, challenge.context_budget)]
        return (Message("system", SYSTEM_MODIFY), Message("user", "\n".join(parts) + "\n"))
    if starter_files:
        parts += ["", "The workspace already holds these starter files (you may change them):"]
        parts += [f"- {path}" for path in starter_files]
    return (Message("system", SYSTEM), Message("user", "\n".join(parts) + "\n"))


def render_markdown(messages: tuple[Message, ...]) -> str:
    """The prompt as sent, for the case's evidence."""
    return "\n\n".join(f"## {m.role}\n\n{m.content.rstrip()}\n" for m in messages)


def case_messages(challenge: Challenge) -> tuple[Message, ...]:
    """The messages of a case's first generation: the starter files are named as the workspace
    will hold them. Raises :class:`AnswerError` (or ``OSError``) when a starter file cannot be used."""
    starter_files = tree_files(challenge.starter) if challenge.starter is not None else []
    return build_messages(challenge, starter_files)


def first_request(spec: CaseSpec, timeouts: dict[str, float | None]) -> GenerationRequest | None:
    """The request of the case's first generation; None when the case cannot get that far (a
    starter folder that cannot be copied: the case fails when it is built)."""
    try:
        messages = case_messages(spec.challenge)
    except (AnswerError, OSError):
        return None
    return request_for(spec, messages, timeouts)


def request_for(spec: CaseSpec, messages: tuple[Message, ...], timeouts: dict[str, float | None]) -> GenerationRequest:
    return GenerationRequest(messages=messages, sample=spec.sample, reference=spec.challenge.reference,
                             timeout=stage_timeout(spec, "generate", timeouts))
