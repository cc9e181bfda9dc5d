"""What the plugin keeps in ``config.stash`` and ``item.stash`` (pytest's own API, not attributes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_llmcode.plugin.timing import ITEM_TIME

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from pytest_llmcode.browser.log import BrowserLog
    from pytest_llmcode.core.challenge import Challenge, ChallengeError
    from pytest_llmcode.core.errors import StageFailure
    from pytest_llmcode.pipeline.builder import CaseBuilder
    from pytest_llmcode.pipeline.serve import RunningApp
    from pytest_llmcode.plugin.options import Settings
    from pytest_llmcode.plugin.prefetch import Prefetcher

SETTINGS: pytest.StashKey[Settings] = pytest.StashKey()
CHALLENGES: pytest.StashKey[dict[Path, Challenge | ChallengeError]] = pytest.StashKey()
BUILDER: pytest.StashKey[CaseBuilder] = pytest.StashKey()
PREFETCHER: pytest.StashKey[Prefetcher] = pytest.StashKey()
ITEM_APP: pytest.StashKey[RunningApp] = pytest.StashKey()
ITEM_PAGE: pytest.StashKey[Page] = pytest.StashKey()
ITEM_LOG: pytest.StashKey[BrowserLog] = pytest.StashKey()
ITEM_FAILURE: pytest.StashKey[StageFailure] = pytest.StashKey()
CHALLENGE_ERROR: pytest.StashKey[ChallengeError] = pytest.StashKey()


def reset_item(item: pytest.Item) -> None:
    """Forget what a behaviour test's last run left on its item, before it runs again."""
    item.user_properties.clear()
    keys: tuple[pytest.StashKey[Any], ...] = (ITEM_APP, ITEM_PAGE, ITEM_LOG, ITEM_FAILURE, ITEM_TIME)
    for key in keys:
        if key in item.stash:
            del item.stash[key]
