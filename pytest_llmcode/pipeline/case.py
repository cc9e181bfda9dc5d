"""One case: a challenge answered by a model, as one independent sample; and what building it left
(``case.json`` in its folder)."""

from __future__ import annotations

import dataclasses
from typing import Any

from pytest_llmcode._version import __version__
from pytest_llmcode.answers.evidence import CaseDir
from pytest_llmcode.core.challenge import Challenge
from pytest_llmcode.core.errors import InfrastructureError, Stage, StageFailure
from pytest_llmcode.models.base import Message, Model, Usage

CASE_FILE = "case.json"


@dataclasses.dataclass(frozen=True)
class CaseSpec:
    """One case: a challenge answered by a model, as one independent sample."""

    challenge: Challenge
    model: Model
    sample: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (str(self.challenge.path), self.model.label, self.sample)

    @property
    def id(self) -> str:
        """Its part of a test id: ``<model>-s<sample>``."""
        return f"{self.model.label}-s{self.sample}"

    @property
    def name(self) -> str:
        """``challenge/model/sN``: how progress lines and shards name it."""
        return f"{self.challenge.id}/{self.model.label}/s{self.sample}"


@dataclasses.dataclass
class BuiltCase:
    """What the expensive stages left behind; shared by all behaviour tests of the case."""

    spec: CaseSpec
    dir: CaseDir
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    usage: Usage = dataclasses.field(default_factory=Usage)
    failure: StageFailure | None = None
    error: InfrastructureError | None = None  # the harness could not do the case (endpoint down, ...)
    generation: dict[str, Any] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)
    run_id: str = ""
    sandbox: str = ""  # the backend its commands ran in
    rounds: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # each generation: see repair.py
    deps: dict[str, Any] = dataclasses.field(default_factory=dict)  # the dependency store's part, if any
    build: dict[str, Any] = dataclasses.field(default_factory=dict)  # the build store's part, if any
    # the messages of its last generation and the answer (in memory only), for a repair after verify
    conversation: tuple[tuple[Message, ...], str] | None = None

    def add_time(self, stage: Stage | str, seconds: float) -> None:
        """Add a stage's time (over repair rounds, a stage's times add up)."""
        self.timings[str(stage)] = round(self.timings.get(str(stage), 0.0) + seconds, 3)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def to_record(self) -> dict[str, Any]:
        """What ``case.json`` holds (and the ``pytest_llmcode_case_built`` hook is given)."""
        spec = self.spec
        return {
            "challenge": spec.challenge.id,
            "challenge_fingerprint": spec.challenge.fingerprint(),
            "model": spec.model.label,
            "model_spec": spec.model.spec,
            "sample": spec.sample,
            "run_id": self.run_id,
            "failed_stage": str(self.failure.stage) if self.failure else None,
            "failure": self.failure.message if self.failure else None,
            "failure_log_tail": self.failure.log_tail if self.failure else None,
            "failure_log_path": self.failure.log_path if self.failure else None,
            "error": str(self.error) if self.error else None,
            "generation": self.generation,
            "timings": self.timings,
            "usage": dataclasses.asdict(self.usage),
            "notes": self.notes,
            "sandbox": self.sandbox,
            "rounds": self.rounds,
            "dependencies": self.deps,
            "build": self.build,
            "repair_rounds": max(0, len(self.rounds) - 1),
            "tool_version": __version__,
        }

    def record(self) -> None:
        self.dir.write_json(CASE_FILE, self.to_record())

    @classmethod
    def from_record(cls, spec: CaseSpec, cdir: CaseDir, data: dict[str, Any]) -> BuiltCase:
        """The case as another pytest-xdist worker of the same run built it."""
        case = cls(spec=spec, dir=cdir, timings=data["timings"], usage=Usage(**data["usage"]),
                   generation=data["generation"], notes=data["notes"], run_id=data["run_id"],
                   sandbox=data.get("sandbox", ""), rounds=data.get("rounds", []))
        if data["failed_stage"]:
            case.failure = StageFailure(Stage(data["failed_stage"]), data["failure"],
                                        log_tail=data["failure_log_tail"] or "", log_path=data["failure_log_path"])
        if data["error"]:
            case.error = InfrastructureError(data["error"])
        return case


def stage_timeout(spec: CaseSpec, stage: str, overrides: dict[str, float | None]) -> float:
    """The time limit of a stage: ``--llm-timeout-<stage>``, else the challenge's."""
    value = overrides.get(stage)
    return float(value) if value else spec.challenge.timeouts[stage]
