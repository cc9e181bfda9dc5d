"""The built-in model families, in the order they are asked, and a resolver over them and a
plugin's (``pytest_llmcode_models``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pytest_llmcode.agents import external
from pytest_llmcode.models import aliases, directory, reference, remote
from pytest_llmcode.models.registry import ModelFamily, Resolver, SpecContext
from pytest_llmcode.models.store import Services

BUILTIN: tuple[ModelFamily, ...] = (
    reference.FAMILY,
    directory.DIR_FAMILY,
    directory.FILE_FAMILY,
    remote.REPLAY_FAMILY,
    external.FAMILY,
    aliases.FAMILY,  # aliases of the config, then direct provider/model specs: last
)


def model_resolver(base_dir: Path, config_path: Path | None = None, services: Services | None = None,
                   families: Sequence[ModelFamily] = BUILTIN) -> Resolver:
    return Resolver(families, SpecContext(base_dir, config_path, services))
