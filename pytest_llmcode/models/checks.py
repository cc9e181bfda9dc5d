"""Session-start checks of models: a missing key, an unreachable endpoint or an agent that cannot
run is a usage error that says what to set, not a wall of failed tests."""

from __future__ import annotations

import socket
import urllib.parse

from pytest_llmcode.models.base import Model
from pytest_llmcode.models.config import RemoteConfig


class NotReady(Exception):
    """A model that cannot be asked anything: the message says what to set."""


def _reachable(base_url: str, timeout: float = 5.0) -> str | None:
    """``None`` if a TCP connection to the endpoint opens, else why not."""
    parsed = urllib.parse.urlsplit(base_url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname or "", port), timeout=timeout):
            return None
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def check_ready(models: tuple[Model, ...] | list[Model], *, offline: bool, endpoints: bool = True) -> None:
    """Raise :class:`NotReady` for the first model that cannot be asked anything. ``endpoints``:
    whether to try remote models' endpoints now too (else :func:`check_endpoint` is called for
    those a request will be sent to, once the run knows its cases)."""
    for model in models:
        problem = model.problem() if hasattr(model, "problem") else None  # an agent: its program, its variables
        if problem is not None:
            raise NotReady(f"--llm-model={model.spec}: {problem}")
        agent = getattr(model, "agent", None)  # an external agent's own endpoint, which it reaches from its sandbox
        if agent is not None and agent.base_url and not offline:
            problem = _reachable(agent.base_url)
            if problem is not None:
                raise NotReady(f"--llm-model={model.spec} (defined in {agent.source}): cannot reach {agent.base_url} "
                               f"({problem}); check the endpoint is up, or set the agent's base_url")
        config: RemoteConfig | None = getattr(model, "config", None)
        if config is None or config.wire == "replay" or offline:
            continue
        if config.key_required and not config.api_key():
            raise NotReady(
                f"{_where(model, config)}: no API key; set the environment variable {config.key_env} "
                "(or replay a recorded run with --llm-replay=FILE)"
            )
        if endpoints:
            check_endpoint(model)


def _where(model: Model, config: RemoteConfig) -> str:
    where = f"--llm-model={model.spec}"
    return where if config.source == "direct spec" else f"{where} (defined in {config.source})"


def check_endpoint(model: Model) -> None:
    """Raise :class:`NotReady` if the remote model's endpoint does not answer."""
    config: RemoteConfig | None = getattr(model, "config", None)
    if config is None or config.wire == "replay":
        return
    problem = _reachable(config.base_url)
    if problem is not None:
        raise NotReady(
            f"{_where(model, config)}: cannot reach {config.base_url} ({problem}); check the endpoint is up, "
            "or set its base URL (base_url in the config, or the provider's *_BASE_URL variable)"
        )
