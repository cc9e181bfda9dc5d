"""The seam between the harness and a model: messages in, an answer text and usage out."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclasses.dataclass(frozen=True)
class GenerationRequest:
    """What a model is asked. ``reference`` (a folder or answer file) is only read by the built-in reference model."""

    messages: tuple[Message, ...]
    sample: int
    reference: Path | None = None
    timeout: float | None = None  # seconds the whole generation may take


@dataclasses.dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    cost_usd: float = 0.0


def add_usage(a: Usage, b: Usage) -> Usage:
    return Usage(*(x + y for x, y in zip(dataclasses.astuple(a), dataclasses.astuple(b), strict=True)))


@dataclasses.dataclass(frozen=True)
class Completion:
    text: str
    usage: Usage = Usage()
    thinking: str = ""
    model_id: str = ""
    first_token_s: float | None = None
    total_s: float = 0.0
    source: str = "local"  # "local" | "endpoint" | "cache" | "replay"
    attempts: int = 1
    cost_source: str = "none"  # "prices" (configured), "endpoint" (its own figure) or "none"


class GenerationError(Exception):
    """The model gave no usable answer (a failure of the model at the generate stage)."""

    def __init__(self, message: str, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.usage = usage or Usage()


class Model(Protocol):
    """Anything that turns a request into a completion."""

    label: str  # how the model appears in test ids and reports
    spec: str  # what the user asked for

    def generate(self, request: GenerationRequest) -> Completion: ...
