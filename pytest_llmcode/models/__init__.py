"""Resolve ``--llm-model`` specs into models.

Specs: ``reference``; ``dir:PATH``; ``file:ANSWER``; ``replay:FILE``; an alias from ``llmcode.yaml``;
a direct spec such as ``openai/gpt-5``, ``openrouter/qwen/qwen3.5-35b-a3b``,
``anthropic/claude-sonnet-4-5``, ``ollama/qwen3``, ``vllm/Qwen/Qwen3-32B``,
``together/...``, ``fireworks/...``, ``openai-compatible/<model>@<base url>``;
and ``LABEL=SPEC`` to give any of them a label of your own.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_llmcode.models.base import (
    Completion,
    GenerationError,
    GenerationRequest,
    Message,
    Model,
    Usage,
)
from pytest_llmcode.models.config import COMPATIBLE, PROVIDERS, ConfigError, RemoteConfig, direct_config

if TYPE_CHECKING:
    from pytest_llmcode.models.agent_cli import AgentConfig
    from pytest_llmcode.models.remote import Services

__all__ = [
    "Completion",
    "GenerationError",
    "GenerationRequest",
    "Message",
    "Model",
    "ModelSpecError",
    "Resolver",
    "Usage",
]

_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")


class ModelSpecError(Exception):
    """An ``--llm-model`` value that names no model."""


def _label_for_dir(path: Path, kind: str = "dir") -> str:
    name = re.sub(r"[^A-Za-z0-9_.+-]+", "_", path.stem if kind == "file" else path.name) or kind
    return f"{kind}-{name}"


def _label_for_remote(spec: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.+-]+", "_", spec.split("@", 1)[0]).strip("_") or "model"


@dataclasses.dataclass
class Resolver:
    """Turns specs into models; relative paths are taken from ``base_dir``."""

    base_dir: Path
    aliases: dict[str, RemoteConfig] = dataclasses.field(default_factory=dict)
    config_path: Path | None = None
    agents: dict[str, AgentConfig] = dataclasses.field(default_factory=dict)
    services: Services | None = None  # the default cache when not given

    def _services(self) -> Services:
        if self.services is None:
            from pytest_llmcode.models.remote import Services
            from pytest_llmcode.models.store import ResponseCache, default_cache_dir

            folder = default_cache_dir()
            self.services = Services(cache=ResponseCache(folder, "readwrite"), lock_dir=folder.parent / "locks")
        return self.services

    def known_forms(self) -> str:
        forms = ["'reference'", "'dir:PATH'", "'file:ANSWER'", "'replay:FILE'", "'agent:NAME'"]
        forms += [f"'{name}/<model>'" for name in PROVIDERS] + [f"'{COMPATIBLE}/<model>@<base url>'"]
        aliases = ", ".join(sorted(self.aliases)) or f"none (no llmcode.yaml at {self.base_dir})"
        return f"{', '.join(forms)}, or an alias from the config (aliases: {aliases})"

    def resolve(self, spec: str) -> list[Model]:
        label: str | None = None
        body = spec.strip()
        head, sep, rest = body.partition("=")
        if sep and _LABEL.match(head) and ":" not in head and "/" not in head:
            label, body = head, rest.strip()
        models = self._resolve_body(spec, body)
        if label is not None:
            if len(models) != 1:
                many = len(models)
                raise ModelSpecError(f"--llm-model={spec!r}: a label names one model, but this spec gives {many}")
            models[0].label = label
            if hasattr(models[0], "config"):
                models[0].config = dataclasses.replace(models[0].config, label=label)
        return models

    def _resolve_body(self, spec: str, body: str) -> list[Model]:
        if body == "reference":
            from pytest_llmcode.models.reference import ReferenceModel

            return [ReferenceModel()]
        if body.startswith("dir:"):
            from pytest_llmcode.models.directory import DirectoryModel

            raw = body[len("dir:") :]
            if not raw:
                raise ModelSpecError(f"--llm-model={spec!r}: 'dir:' needs a folder, e.g. dir:path/to/app")
            root = (self.base_dir / raw).resolve()
            if not root.is_dir():
                raise ModelSpecError(f"--llm-model={spec!r}: {root} is not a folder")
            return [DirectoryModel(root, label=_label_for_dir(root), spec=body)]
        if body.startswith("file:"):
            from pytest_llmcode.models.directory import FileModel

            path = (self.base_dir / body[len("file:") :]).resolve()
            if not body[len("file:") :] or not path.is_file():
                raise ModelSpecError(f"--llm-model={spec!r}: 'file:' needs an answer file, and {path} is not one")
            return [FileModel(path, label=_label_for_dir(path, "file"), spec=body)]
        if body.startswith("agent:"):
            from pytest_llmcode.models.agent_cli import AgentModel

            name = body[len("agent:") :]
            if name not in self.agents:
                known = ", ".join(sorted(self.agents)) or f"none (no agents: in {self.config_path or 'llmcode.yaml'})"
                raise ModelSpecError(f"--llm-model={spec!r}: no agent {name!r} is configured; agents: {known}")
            return [AgentModel(self.agents[name], label=f"agent-{name}", spec=body)]
        if body.startswith("replay:"):
            from pytest_llmcode.models.remote import ReplayModel
            from pytest_llmcode.models.store import Cassette

            path = (self.base_dir / body[len("replay:") :]).resolve()
            if not path.is_file():
                raise ModelSpecError(f"--llm-model={spec!r}: no cassette at {path}")
            cassette = Cassette(path)
            labels = cassette.labels()
            if not labels:
                raise ModelSpecError(f"--llm-model={spec!r}: the cassette {path} records no exchange")
            return [ReplayModel(label, cassette, self._services(), body) for label in labels]
        config = self.aliases.get(body)
        if config is None:
            try:
                config = direct_config(body)
            except ConfigError as exc:
                raise ModelSpecError(str(exc)) from None
            if config is not None:
                config = dataclasses.replace(config, label=_label_for_remote(body))
        if config is None:
            raise ModelSpecError(f"--llm-model={spec!r} names no known model; expected {self.known_forms()}")
        from pytest_llmcode.models.remote import RemoteModel

        return [RemoteModel(config, self._services(), body)]

    def resolve_all(self, specs: list[str]) -> list[Model]:
        models = [model for spec in specs for model in self.resolve(spec)]
        seen: dict[str, str] = {}
        for model in models:
            if model.label in seen:
                raise ModelSpecError(
                    f"--llm-model={model.spec!r} and --llm-model={seen[model.label]!r} would both be "
                    f"labelled {model.label!r} in test ids; give one a label with LABEL=SPEC"
                )
            seen[model.label] = model.spec
        return models
