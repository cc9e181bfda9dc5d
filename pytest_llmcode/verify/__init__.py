"""Helpers for behaviour checks, for challenge authors: acting and failing as a person would
(``person``: set-up failures, plain messages, waits on events and state), the project's layout
(``layout``), pixels of screenshots decoded by the browser (``pixels``), the scene of any
three.js app (``three``), and downloads saved within a size and time bound (``downloads``).
Also exported from :mod:`pytest_llmcode`. Imported on first use (``pixels`` and ``three`` need
Playwright)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_llmcode.verify.downloads import DownloadTooLarge, save_download
    from pytest_llmcode.verify.layout import assert_app_at_root, layout_problems
    from pytest_llmcode.verify.person import (
        OPEN_TIMEOUT_MS,
        PATIENCE_MS,
        click,
        exists,
        find,
        plainly,
        saving,
        settle,
        settle_motion,
        storage_writes,
    )
    from pytest_llmcode.verify.pixels import FrameStats, ImageStats, frame_stats, image_stats, png_size
    from pytest_llmcode.verify.setup import SetupError
    from pytest_llmcode.verify.three import (
        ScreenBody,
        click_body,
        frame_rate,
        locate,
        scene_ready,
        unnamed,
        view,
        view_change,
        wait_frames,
    )

_EXPORTS = {
    "PATIENCE_MS": "person",
    "OPEN_TIMEOUT_MS": "person",
    "SetupError": "setup",
    "click": "person",
    "exists": "person",
    "find": "person",
    "plainly": "person",
    "saving": "person",
    "settle": "person",
    "settle_motion": "person",
    "storage_writes": "person",
    "DownloadTooLarge": "downloads",
    "save_download": "downloads",
    "assert_app_at_root": "layout",
    "layout_problems": "layout",
    "FrameStats": "pixels",
    "ImageStats": "pixels",
    "frame_stats": "pixels",
    "image_stats": "pixels",
    "png_size": "pixels",
    "ScreenBody": "three",
    "click_body": "three",
    "locate": "three",
    "scene_ready": "three",
    "unnamed": "three",
    "view": "three",
    "view_change": "three",
    "frame_rate": "three",
    "wait_frames": "three",
}

__all__ = [
    "OPEN_TIMEOUT_MS",
    "PATIENCE_MS",
    "DownloadTooLarge",
    "FrameStats",
    "ImageStats",
    "ScreenBody",
    "SetupError",
    "assert_app_at_root",
    "click",
    "click_body",
    "exists",
    "find",
    "frame_rate",
    "frame_stats",
    "image_stats",
    "layout_problems",
    "locate",
    "plainly",
    "png_size",
    "save_download",
    "saving",
    "scene_ready",
    "settle",
    "settle_motion",
    "storage_writes",
    "unnamed",
    "view",
    "view_change",
    "wait_frames",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_llmcode.verify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pytest_llmcode.verify.{module}"), name)
    globals()[name] = value
    return value
