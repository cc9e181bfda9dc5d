"""pytest-llmcode: judge what a model's generated app does in a real browser."""

from __future__ import annotations

from pytest_llmcode.answer import AnswerError, parse_answer
from pytest_llmcode.challenge import Challenge, ChallengeError, load_challenge
from pytest_llmcode.stages import Stage, StageFailure

__version__ = "0.1.0"

__all__ = [
    "AnswerError",
    "Challenge",
    "ChallengeError",
    "Stage",
    "StageFailure",
    "__version__",
    "load_challenge",
    "parse_answer",
]
