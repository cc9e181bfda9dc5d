"""The built-in ``reference`` model: each challenge's known-good solution, as an answer text."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Model
from pytest_llmcode.models.directory import answer_from_directory, answer_from_file
from pytest_llmcode.models.registry import SpecContext


class ReferenceModel:
    label = "reference"
    spec = "reference"

    def generate(self, request: GenerationRequest) -> Completion:
        path = request.reference
        if path is not None and path.is_file():
            return Completion(text=answer_from_file(path))
        if path is None or not path.is_dir():
            raise GenerationError(
                f"this challenge has no reference solution (expected a folder or an answer file at {path})"
            )
        return Completion(text=answer_from_directory(path))


class ReferenceFamily:
    """The spec ``reference``."""

    def forms(self, context: SpecContext) -> Sequence[str]:
        return ["'reference'"]

    def resolve(self, body: str, context: SpecContext) -> list[Model] | None:
        return [ReferenceModel()] if body == "reference" else None


FAMILY = ReferenceFamily()
