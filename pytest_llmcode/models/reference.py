"""The built-in ``reference`` model: each challenge's known-good solution, as an answer text."""

from __future__ import annotations

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest
from pytest_llmcode.models.directory import answer_from_directory


class ReferenceModel:
    label = "reference"
    spec = "reference"

    def generate(self, request: GenerationRequest) -> Completion:
        if request.reference_dir is None or not request.reference_dir.is_dir():
            raise GenerationError(
                f"this challenge has no reference solution (expected a folder at {request.reference_dir})"
            )
        return Completion(text=answer_from_directory(request.reference_dir))
