"""The ``agents:`` of ``llmcode.yaml``: each external coding agent's command and settings."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from pytest_llmcode.core.schema import Reader, describe
from pytest_llmcode.models.config import ConfigError

PLACEHOLDERS = ("{prompt_file}", "{prompt}", "{model}", "{base_url}")
_KEYS = {
    "command": "the shell command that runs the agent; placeholders: " + ", ".join(PLACEHOLDERS),
    "model": "the model the agent should use (for {model})",
    "base_url": "the model endpoint the agent talks to (for {base_url}; its host is allowed through the sandbox)",
    "env": "a list of environment variable names passed to the agent (e.g. its API key)",
    "set_env": "a mapping of environment variables set for the agent (placeholders allowed)",
    "hosts": "a list of more host names the agent may reach on port 443 (base_url is reachable as it is)",
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
    hosts = _strings(reader, "hosts")  # base_url is reached at its own address and port (sandbox.forward)
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
