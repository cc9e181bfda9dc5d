"""Resolve ``--llm-model`` specs into models.

Specs: ``reference``; ``dir:PATH``; any spec may be given a label as ``LABEL=SPEC``.
"""

from __future__ import annotations

import re
from pathlib import Path

from pytest_llmcode.models.base import (
    Completion,
    GenerationError,
    GenerationRequest,
    Message,
    Model,
    Usage,
)

__all__ = [
    "Completion",
    "GenerationError",
    "GenerationRequest",
    "Message",
    "Model",
    "ModelSpecError",
    "Usage",
    "resolve_model",
    "resolve_models",
]

_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")
KNOWN_FORMS = "'reference', 'dir:PATH', or 'LABEL=SPEC' to name either"


class ModelSpecError(Exception):
    """An ``--llm-model`` value that names no model."""


def _label_for_dir(path: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9_.+-]+", "_", path.name) or "dir"
    return f"dir-{name}"


def resolve_model(spec: str, base_dir: Path) -> Model:
    """Turn one ``--llm-model`` value into a model; relative paths are taken from ``base_dir``."""
    label: str | None = None
    body = spec.strip()
    if "=" in body and not body.startswith("dir:"):
        label, body = (part.strip() for part in body.split("=", 1))
        if not _LABEL.match(label):
            raise ModelSpecError(
                f"--llm-model={spec!r}: the label {label!r} must be letters, digits, '_', '.', '+' or '-'"
            )
    if body == "reference":
        from pytest_llmcode.models.reference import ReferenceModel

        model: Model = ReferenceModel()
    elif body.startswith("dir:"):
        from pytest_llmcode.models.directory import DirectoryModel

        raw = body[len("dir:") :]
        if not raw:
            raise ModelSpecError(f"--llm-model={spec!r}: 'dir:' needs a folder, e.g. dir:path/to/app")
        root = (base_dir / raw).resolve()
        if not root.is_dir():
            raise ModelSpecError(f"--llm-model={spec!r}: {root} is not a folder")
        model = DirectoryModel(root, label=_label_for_dir(root), spec=body)
    else:
        raise ModelSpecError(f"--llm-model={spec!r} names no known model; expected {KNOWN_FORMS}")
    if label is not None:
        model.label = label
    return model


def resolve_models(specs: list[str], base_dir: Path) -> list[Model]:
    models = [resolve_model(spec, base_dir) for spec in specs]
    seen: dict[str, str] = {}
    for model in models:
        if model.label in seen:
            raise ModelSpecError(
                f"--llm-model={model.spec!r} and --llm-model={seen[model.label]!r} would both be "
                f"labelled {model.label!r} in test ids; give one a label with LABEL=SPEC"
            )
        seen[model.label] = model.spec
    return models
