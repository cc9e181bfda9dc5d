"""A Chromium for tests that read a written report as a person would, and the page's problems."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from pytest_llmcode.browser.host import find_chromium


@pytest.fixture(scope="module", name="browser")
def chromium() -> Iterator[Browser]:
    """A module's Chromium: ``browser = chromium`` in the test module."""
    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = playwright.chromium.launch(executable_path=find_chromium(playwright, None), args=args)
        yield launched
        launched.close()


def open_report(browser: Browser, path: Path) -> tuple[Page, list[str]]:
    """``path`` opened in a new page; the list fills with its console errors, uncaught errors and
    failed requests."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed request {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems
