"""What the case builder tells and asks the world around it, as small protocols: the plugin turns
:class:`CaseEvents` into hook calls (``pytest_llmcode_case_stage``, ``pytest_llmcode_case_built``),
and the prefetcher answers :class:`FirstAnswers` with answers it asked for ahead."""

from __future__ import annotations

from typing import Protocol

from pytest_llmcode.models.base import Completion, GenerationRequest
from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec

STAGES = ("generating", "installing", "building", "launching")  # what CaseEvents.stage is told


class CaseEvents(Protocol):
    def stage(self, spec: CaseSpec, stage: str) -> None:
        """The case enters a stage (one of :data:`STAGES`); may be told from a thread building ahead."""
        ...

    def built(self, case: BuiltCase) -> None:
        """The case was built (or failed, or could not be done): ``case.json`` is written."""
        ...


class NoEvents:
    def stage(self, spec: CaseSpec, stage: str) -> None:
        pass

    def built(self, case: BuiltCase) -> None:
        pass


class FirstAnswers(Protocol):
    def first_answer(self, spec: CaseSpec, request: GenerationRequest) -> Completion:
        """The answer to the case's first request (its round 0)."""
        ...


class AskTheModel:
    """Each first answer asked for when the case needs it."""

    def first_answer(self, spec: CaseSpec, request: GenerationRequest) -> Completion:
        return spec.model.generate(request)
