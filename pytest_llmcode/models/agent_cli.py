"""External coding agents as generators: ``--llm-model=agent:NAME``, configured under ``agents:`` in
``llmcode.yaml``. The case builder runs the agent's command in the case's workspace, in the case's
sandbox, with the prompt as a file (``{prompt_file}``) or an argument (``{prompt}``); whatever the
agent leaves in the workspace is then installed, built and judged like any answer.

The agent gets the environment variables named in ``env`` (its API key, say) on top of the
scrubbed environment, and, through the sandbox's proxy, the package registry plus ``hosts`` (by
default the host of ``base_url``) on port 443; nothing else."""

from __future__ import annotations

import dataclasses
import os
import shlex
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest
from pytest_llmcode.models.config import ConfigError
from pytest_llmcode.schema import Reader, describe

PLACEHOLDERS = ("{prompt_file}", "{prompt}", "{model}", "{base_url}")
_KEYS = {
    "command": "the shell command that runs the agent; placeholders: " + ", ".join(PLACEHOLDERS),
    "model": "the model the agent should use (for {model})",
    "base_url": "the model endpoint the agent talks to (for {base_url}; its host is allowed through the sandbox)",
    "env": "a list of environment variable names passed to the agent (e.g. its API key)",
    "set_env": "a mapping of environment variables set for the agent (placeholders allowed)",
    "hosts": "a list of host names the agent may reach on port 443 (default: the host of base_url)",
    "timeout": "seconds the agent may work (a number > 0)",
}


@dataclasses.dataclass(frozen=True)
class AgentConfig:
    name: str
    command: str
    source: str  # the file it was defined in
    model: str = ""
    base_url: str = ""
    env: tuple[str, ...] = ()
    set_env: tuple[tuple[str, str], ...] = ()
    hosts: tuple[str, ...] = ()
    timeout: float = 1800.0


def _strings(reader: Reader, name: str) -> tuple[str, ...]:
    value = reader.data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise reader.error(name, _KEYS[name])
    return tuple(v.strip() for v in value)


def _agent(name: str, reader: Reader, path: Path) -> AgentConfig:
    reader.check_keys(_KEYS)
    command = reader.text("command", _KEYS["command"]) or ""
    base_url = reader.text("base_url", _KEYS["base_url"], required=False) or ""
    if base_url and not base_url.startswith(("http://", "https://")):
        raise reader.error("base_url", "an http:// or https:// URL")
    set_env = reader.data.get("set_env", {})
    if not isinstance(set_env, dict) or not all(isinstance(v, str) for v in set_env.values()):
        raise reader.error("set_env", _KEYS["set_env"])
    hosts = _strings(reader, "hosts") or ((str(urlparse(base_url).hostname),) if base_url else ())
    timeout = reader.number("timeout", _KEYS["timeout"], minimum=0.001)
    return AgentConfig(name, command, str(path), reader.text("model", _KEYS["model"], required=False) or "",
                       base_url, _strings(reader, "env"), tuple((str(k), v) for k, v in set_env.items()), hosts,
                       timeout or 1800.0)


def load_agents(path: Path) -> dict[str, AgentConfig]:
    """The ``agents:`` of an ``llmcode.yaml``."""
    if path.suffix == ".toml":
        return {}
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, OSError) as exc:
        raise ConfigError(path, None, f"cannot be read: {exc}") from None
    if not isinstance(data, dict) or "agents" not in data:
        return {}
    agents = data["agents"]
    if not isinstance(agents, dict):
        raise ConfigError(path, "agents", f"expected a mapping of agent name to settings, got {describe(agents)}")
    found = {}
    for name, settings in agents.items():
        if not isinstance(settings, dict):
            raise ConfigError(path, f"agents.{name}", f"expected a mapping with command, ..., got {describe(settings)}")
        found[str(name)] = _agent(str(name), Reader(path, settings, ConfigError, prefix=f"agents.{name}."), path)
    return found


class AgentModel:
    """An agent command line; :attr:`runs_in_workspace` tells the case builder to run it there."""

    runs_in_workspace = True

    def __init__(self, config: AgentConfig, label: str, spec: str) -> None:
        self.agent = config  # not `config`: that name means a remote model's settings elsewhere
        self.label = label
        self.spec = spec

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

    def problem(self) -> str | None:
        """Why the agent cannot run here (its program missing, a named variable unset), or None."""
        words = shlex.split(self.agent.command)
        program = words[0] if words else ""
        if program and shutil.which(program) is None:
            return f"its command `{program}` is not installed (not on PATH)"
        missing = [name for name in self.agent.env if not os.environ.get(name)]
        if missing:
            return f"the environment variable(s) {', '.join(missing)} it needs are not set"
        return None
