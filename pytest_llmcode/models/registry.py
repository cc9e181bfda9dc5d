"""Resolve ``--llm-model`` specs into models through a registry of model families.

A :class:`ModelFamily` is one kind of spec: ``reference``, a prefix such as ``dir:`` or ``agent:``,
the aliases of ``llmcode.yaml``, the direct ``provider/model`` specs. Each lives in a module of its
own beside its model; :class:`Resolver` asks them in order and the first that knows a spec makes
its models. Plugins add families with the ``pytest_llmcode_models`` hook (see docs/extending.md).
``LABEL=SPEC`` gives any spec a label of your own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from pytest_llmcode.models.base import Model
from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.store import ResponseCache, Services, default_cache_dir

_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")


class ModelSpecError(Exception):
    """An ``--llm-model`` value that names no model, or names one badly."""


@dataclasses.dataclass
class SpecContext:
    """What a family may need to make its models: where relative paths start, the config file in
    use (``llmcode.yaml``), and the response cache and cassettes all remote models share."""

    base_dir: Path
    config_path: Path | None = None
    services: Services | None = None  # the default cache when not given

    def shared_services(self) -> Services:
        if self.services is None:
            folder = default_cache_dir()
            self.services = Services(cache=ResponseCache(folder, "readwrite"), lock_dir=folder.parent / "locks")
        return self.services

    def path(self, raw: str) -> Path:
        return (self.base_dir / raw).resolve()


class ModelFamily(Protocol):
    """One kind of ``--llm-model`` spec."""

    def forms(self, context: SpecContext) -> Sequence[str]:
        """How its specs are written (``'dir:PATH'``), for the message about a spec nobody knows."""
        ...

    def resolve(self, body: str, context: SpecContext) -> list[Model] | None:
        """The models ``body`` names, or None when ``body`` is not a spec of this family. A spec of
        this family that is wrong raises :class:`ModelSpecError` saying what was expected."""
        ...


class Prefixed:
    """A family whose specs start with ``prefix`` (``dir:``), made by ``make(rest, spec, context)``."""

    def __init__(self, prefix: str, form: str, make: MakeModels) -> None:
        self.prefix, self.form, self.make = prefix, form, make

    def forms(self, context: SpecContext) -> Sequence[str]:
        return [f"'{self.form}'"]

    def resolve(self, body: str, context: SpecContext) -> list[Model] | None:
        if not body.startswith(self.prefix):
            return None
        return self.make(body[len(self.prefix):], body, context)


class MakeModels(Protocol):
    def __call__(self, rest: str, spec: str, context: SpecContext) -> list[Model]: ...


def label_for_path(path: Path, kind: str) -> str:
    """``dir-<folder name>``, ``file-<file stem>``: a test-id-safe label."""
    name = re.sub(r"[^A-Za-z0-9_.+-]+", "_", path.stem if kind == "file" else path.name) or kind
    return f"{kind}-{name}"


@dataclasses.dataclass
class Resolver:
    """Turns specs into models, asking each family in order."""

    families: Sequence[ModelFamily]
    context: SpecContext

    def known_forms(self) -> str:
        return ", ".join(form for family in self.families for form in family.forms(self.context))

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
            config = getattr(models[0], "config", None)
            if isinstance(config, RemoteConfig):  # a remote model's label is in its config too
                models[0].config = dataclasses.replace(config, label=label)  # type: ignore[attr-defined]
        return models

    def _resolve_body(self, spec: str, body: str) -> list[Model]:
        for family in self.families:
            try:
                models = family.resolve(body, self.context)
            except ModelSpecError as exc:
                message = str(exc)
                if not message.startswith("--llm-model="):
                    message = f"--llm-model={spec!r}: {message}"
                raise ModelSpecError(message) from None
            if models is not None:
                return models
        raise ModelSpecError(f"--llm-model={spec!r} names no known model; expected {self.known_forms()}")

    def resolve_all(self, specs: Iterable[str]) -> list[Model]:
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
