"""pytest-llmcode: judge what a model's generated app does in a real browser.

The public API for challenge authors is what ``__all__`` names: the served app of a case
(:class:`RunningApp`), what its page logged (:class:`BrowserLog`), the challenge format, the stage
errors, and the check helpers of :mod:`pytest_llmcode.verify`. Everything else is private and may
change. Names are imported on first use, so that importing the plugin stays light (no Playwright).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pytest_llmcode._version import __version__

if TYPE_CHECKING:
    from pytest_llmcode.answers.parse import AnswerError, parse_answer
    from pytest_llmcode.browser.log import BrowserLog
    from pytest_llmcode.core.challenge import Challenge, ChallengeError, load_challenge
    from pytest_llmcode.core.errors import InfrastructureError, Stage, StageFailure
    from pytest_llmcode.core.process import RunResult
    from pytest_llmcode.pipeline.serve import RunningApp
    from pytest_llmcode.verify.layout import assert_app_at_root
    from pytest_llmcode.verify.pixels import FrameStats, ImageStats, frame_stats, image_stats, png_size
    from pytest_llmcode.verify.setup import SetupError
    from pytest_llmcode.verify.three import ScreenBody, locate, scene_ready, view, view_change

_EXPORTS = {
    "AnswerError": "pytest_llmcode.answers.parse",
    "parse_answer": "pytest_llmcode.answers.parse",
    "BrowserLog": "pytest_llmcode.browser.log",
    "Challenge": "pytest_llmcode.core.challenge",
    "ChallengeError": "pytest_llmcode.core.challenge",
    "load_challenge": "pytest_llmcode.core.challenge",
    "InfrastructureError": "pytest_llmcode.core.errors",
    "Stage": "pytest_llmcode.core.errors",
    "StageFailure": "pytest_llmcode.core.errors",
    "RunResult": "pytest_llmcode.core.process",
    "RunningApp": "pytest_llmcode.pipeline.serve",
    "assert_app_at_root": "pytest_llmcode.verify.layout",
    "SetupError": "pytest_llmcode.verify.setup",
    "FrameStats": "pytest_llmcode.verify.pixels",
    "ImageStats": "pytest_llmcode.verify.pixels",
    "frame_stats": "pytest_llmcode.verify.pixels",
    "image_stats": "pytest_llmcode.verify.pixels",
    "png_size": "pytest_llmcode.verify.pixels",
    "ScreenBody": "pytest_llmcode.verify.three",
    "locate": "pytest_llmcode.verify.three",
    "scene_ready": "pytest_llmcode.verify.three",
    "view": "pytest_llmcode.verify.three",
    "view_change": "pytest_llmcode.verify.three",
}

__all__ = [
    "AnswerError",
    "BrowserLog",
    "Challenge",
    "ChallengeError",
    "FrameStats",
    "ImageStats",
    "InfrastructureError",
    "RunResult",
    "RunningApp",
    "ScreenBody",
    "SetupError",
    "Stage",
    "StageFailure",
    "__version__",
    "assert_app_at_root",
    "frame_stats",
    "image_stats",
    "load_challenge",
    "locate",
    "parse_answer",
    "png_size",
    "scene_ready",
    "view",
    "view_change",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_llmcode' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
