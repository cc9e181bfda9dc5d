"""External coding agents as generators: ``--llm-model=agent:NAME``, configured under ``agents:`` in
``llmcode.yaml`` (see :mod:`pytest_llmcode.agents.config`). The agent's command runs in the case's
workspace, in the case's sandbox, with the prompt as a file (``{prompt_file}``) or an argument
(``{prompt}``), until it exits or its time is up. Its output is the case's answer (``answer.md``,
``logs/agent.log``); the files it created, changed or deleted are the change, installed, built and
judged like any answer.

The agent gets the environment variables named in ``env`` (its API key, say) on top of the
scrubbed environment, and, through the sandbox's proxy, the package registry plus ``hosts`` (by
default the host of ``base_url``) on port 443; nothing else."""

from __future__ import annotations

import functools
import os
import shlex
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from pytest_llmcode.agents.config import AgentConfig, load_agents
from pytest_llmcode.agents.program import host_folders, locate, program_of, too_wide
from pytest_llmcode.agents.task import AgentTask
from pytest_llmcode.answers.diffs import change_diff
from pytest_llmcode.answers.workspace import changed_files, fingerprints
from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.core.process import tail
from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Message, Model, Usage
from pytest_llmcode.models.registry import ModelSpecError, SpecContext
from pytest_llmcode.sandbox.base import Reach
from pytest_llmcode.sandbox.links import describe as describe_links
from pytest_llmcode.sandbox.links import remove_escaping_links

PROMPT_FILE = ".llmcode-prompt.md"
ANSWER_LIMIT = 200_000
INSTRUCTIONS = """\
You are working in the project folder: your current working directory. Do the task below there,
with your own tools: create and edit the project's files in that folder (do not print them as
your answer; only what you write to the folder counts). You may install dependencies and run the
build to check your work. Do not leave a server or any other process running when you finish:
the app is installed, built and served for you afterwards, with the commands given below.
"""
CHANGE = "The project already exists in that folder: change it as the task asks, and leave the rest as it is.\n"


def agent_prompt(messages: Sequence[Message], *, modify: bool) -> tuple[Message, ...]:
    """The challenge's messages for an external agent: its instructions in place of the answer
    format's (a coding agent writes files, it does not answer with them)."""
    rest = tuple(m for m in messages if m.role != "system")
    return (Message("system", INSTRUCTIONS + (CHANGE if modify else "")), *rest)


class AgentModel:
    """An agent command line: it works in the case's workspace (see :func:`run_external`), not on
    a list of messages."""

    def __init__(self, config: AgentConfig, label: str, spec: str) -> None:
        self.agent = config  # not `config`: that name means a remote model's settings elsewhere
        self.label = label
        self.spec = spec

    @functools.cached_property
    def _folders(self) -> list[Path]:
        """The host folders its program needs in the sandbox (see :func:`host_folders`), found once."""
        return host_folders(program_of(self.agent.command))

    def generate(self, request: GenerationRequest) -> Completion:
        raise GenerationError(f"{self.spec} is an agent: it works in a workspace, not on a list of messages")

    def _fill(self, text: str, prompt_file: Path, prompt: str) -> str:
        values = {"{prompt_file}": shlex.quote(str(prompt_file)), "{prompt}": shlex.quote(prompt),
                  "{model}": shlex.quote(self.agent.model), "{base_url}": shlex.quote(self.agent.base_url)}
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return text

    def command(self, prompt_file: Path, prompt: str) -> str:
        return self._fill(self.agent.command, prompt_file, prompt)

    def env(self) -> dict[str, str]:
        """What the agent gets on top of the scrubbed environment: its named variables and ``set_env``."""
        passed = {name: os.environ[name] for name in self.agent.env if name in os.environ}
        for name, value in self.agent.set_env:
            passed[name] = value.replace("{model}", self.agent.model).replace("{base_url}", self.agent.base_url)
        return passed

    def reach(self) -> Reach:
        """What the agent's sandbox lets it reach: the folders its program is installed in (read-only),
        its endpoint at the address it was given, and its ``hosts`` through the proxy."""
        endpoints: tuple[tuple[str, int], ...] = ()
        if self.agent.base_url:
            parsed = urlsplit(self.agent.base_url)
            endpoints = ((str(parsed.hostname), parsed.port or (443 if parsed.scheme == "https" else 80)),)
        folders = tuple(p for p in self._folders if not too_wide(p))
        return Reach(self.agent.hosts, endpoints, folders)

    def problem(self) -> str | None:
        """Why the agent cannot run here (its program missing or out of the sandbox user's reach, a
        named variable unset), or None."""
        program = program_of(self.agent.command)
        if not program:
            return f"its command {self.agent.command!r} names no program"
        located = locate(program)
        if located is None:
            return f"its command `{program}` is not installed (not found on PATH: {os.environ.get('PATH', '')})"
        wide = [str(p) for p in self._folders if too_wide(p)]
        if wide:
            return (f"its command `{program}` ({located}) is installed straight in {', '.join(wide)}; the sandbox "
                    "would have to show all of it: install the agent into a folder of its own")
        blocked = [str(p) for p in (Path(os.path.realpath(located)), *self._folders) if _closed_to_others(p)]
        if blocked:
            return (f"its command `{program}` ({located}) cannot be run by the sandbox's user (nobody): "
                    f"{', '.join(blocked)} is not readable and executable by others (chmod o+rx)")
        missing = [name for name in self.agent.env if not os.environ.get(name)]
        if missing:
            return f"the environment variable(s) {', '.join(missing)} it needs are not set"
        return None


def _closed_to_others(path: Path) -> bool:
    """Whether a user other than the owner cannot read and run (a file) or enter (a folder) ``path``."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True
    return (mode & 0o005) != 0o005


class AgentFamily:
    """The specs ``agent:NAME``, one per agent of the config file in use."""

    def forms(self, context: SpecContext) -> Sequence[str]:
        return ["'agent:NAME'"]

    def resolve(self, body: str, context: SpecContext) -> list[Model] | None:
        if not body.startswith("agent:"):
            return None
        name = body[len("agent:"):]
        agents = load_agents(context.config_path) if context.config_path else {}
        if name not in agents:
            known = ", ".join(sorted(agents)) or f"none (no agents: in {context.config_path or 'llmcode.yaml'})"
            raise ModelSpecError(f"no agent {name!r} is configured; agents: {known}")
        return [AgentModel(agents[name], label=f"agent-{name}", spec=body)]


FAMILY = AgentFamily()


def run_external(task: AgentTask, agent: AgentModel, prompt: str) -> list[str]:
    """Run the agent on the case's workspace with ``prompt``; returns the files it created, changed
    or deleted. Raises :class:`StageFailure` (generate) when it fails or changes nothing."""
    cdir = task.dir
    prompt_file = cdir.workspace / PROMPT_FILE
    before = fingerprints(cdir.workspace)
    sandbox = task.sandbox("agent", agent.reach())
    started = time.monotonic()
    try:
        prompt_file.write_text(prompt, encoding="utf-8")
        prompt_file.chmod(0o644)
        command = agent.command(prompt_file, prompt)
        result = sandbox.run(command, cwd=cdir.workspace, log_path=cdir.log("agent"), timeout=agent.agent.timeout,
                             env=agent.env(), network=True)
    finally:
        for note in sandbox.notes():
            task.note(note)
        sandbox.close()
        prompt_file.unlink(missing_ok=True)
        task.report(usage=Usage(), seconds=round(time.monotonic() - started, 3), generation={})
    output = cdir.log("agent").read_text(encoding="utf-8", errors="replace")
    (cdir.root / "answer.md").write_text(output[-ANSWER_LIMIT:], encoding="utf-8")
    task.report(usage=Usage(), seconds=round(time.monotonic() - started, 3),
                generation={"source": "agent", "model_id": agent.agent.model, "first_token_s": None,
                            "total_s": round(result.seconds, 3), "attempts": 1})
    removed = remove_escaping_links(cdir.workspace)
    if removed:
        raise StageFailure(Stage.GENERATE, describe_links(removed, "the agent"), log_path=str(result.log_path))
    if not result.ok:
        raise StageFailure(Stage.GENERATE, f"the agent {result.explain(agent.agent.timeout)}",
                           log_tail=tail(result.log_path), log_path=str(result.log_path))
    changed = changed_files(before, fingerprints(cdir.workspace))
    cdir.write_json("files.json", changed)
    if not changed:
        raise StageFailure(Stage.GENERATE, "the agent finished without creating or changing any file in the workspace",
                           log_tail=tail(result.log_path), log_path=str(result.log_path))
    base = task.challenge.base
    if base is not None:
        (cdir.root / "change.diff").write_text(change_diff(base, cdir.workspace, changed), encoding="utf-8")
    return changed
