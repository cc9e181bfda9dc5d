"""The model family of remote endpoints: an alias from ``llmcode.yaml`` (``qwen3.5``), or a direct
spec such as ``openai/gpt-5``, ``openrouter/qwen/qwen3.5-35b-a3b``, ``anthropic/claude-sonnet-4-5``,
``ollama/qwen3``, ``vllm/Qwen/Qwen3-32B``, ``together/...``, ``fireworks/...`` or
``openai-compatible/<model>@<base url>``."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from pytest_llmcode.models.base import Model
from pytest_llmcode.models.config import COMPATIBLE, PROVIDERS, ConfigError, RemoteConfig, direct_config, load_aliases
from pytest_llmcode.models.registry import ModelSpecError, SpecContext


def _label_for_remote(spec: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.+-]+", "_", spec.split("@", 1)[0]).strip("_") or "model"


class RemoteFamily:
    """Aliases of the config file in use, then direct ``provider/model`` specs."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[Path, int, int], dict[str, RemoteConfig]] = {}

    def aliases(self, context: SpecContext) -> dict[str, RemoteConfig]:
        """The aliases of the config file (read again when the file changed)."""
        path = context.config_path
        if path is None:
            return {}
        try:
            info = path.stat()
        except OSError:
            return load_aliases(path)  # says the file cannot be read
        key = (path, info.st_mtime_ns, info.st_size)
        if key not in self._loaded:
            self._loaded[key] = load_aliases(path)
        return self._loaded[key]

    def forms(self, context: SpecContext) -> Sequence[str]:
        forms = [f"'{name}/<model>'" for name in PROVIDERS] + [f"'{COMPATIBLE}/<model>@<base url>'"]
        aliases = ", ".join(sorted(self.aliases(context))) or f"none (no llmcode.yaml at {context.base_dir})"
        return [*forms, f"or an alias from the config (aliases: {aliases})"]

    def resolve(self, body: str, context: SpecContext) -> list[Model] | None:
        config = self.aliases(context).get(body)
        if config is None:
            try:
                config = direct_config(body)
            except ConfigError as exc:
                raise ModelSpecError(str(exc)) from None
            if config is None:
                return None
            config = dataclasses.replace(config, label=_label_for_remote(body))
        from pytest_llmcode.models.remote import RemoteModel

        return [RemoteModel(config, context.shared_services(), body)]


FAMILY = RemoteFamily()
