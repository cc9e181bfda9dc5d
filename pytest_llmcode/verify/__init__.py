"""Helpers for behaviour checks, for challenge authors: the project's layout (``layout``), pixels
of screenshots decoded by the browser (``pixels``), and the scene of any three.js app (``three``).
Also exported from :mod:`pytest_llmcode`. Imported on first use (``pixels`` and ``three`` need
Playwright)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_llmcode.verify.layout import assert_app_at_root, layout_problems
    from pytest_llmcode.verify.pixels import FrameStats, ImageStats, frame_stats, image_stats, png_size
    from pytest_llmcode.verify.three import ScreenBody, locate, scene_ready, view, view_change

_EXPORTS = {
    "assert_app_at_root": "layout",
    "layout_problems": "layout",
    "FrameStats": "pixels",
    "ImageStats": "pixels",
    "frame_stats": "pixels",
    "image_stats": "pixels",
    "png_size": "pixels",
    "ScreenBody": "three",
    "locate": "three",
    "scene_ready": "three",
    "view": "three",
    "view_change": "three",
}

__all__ = [
    "FrameStats",
    "ImageStats",
    "ScreenBody",
    "assert_app_at_root",
    "frame_stats",
    "image_stats",
    "layout_problems",
    "locate",
    "png_size",
    "scene_ready",
    "view",
    "view_change",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_llmcode.verify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pytest_llmcode.verify.{module}"), name)
    globals()[name] = value
    return value
