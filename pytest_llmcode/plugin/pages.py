"""A behaviour test's page: a fresh context of the worker's browser, set up for the checks, opened on
the case's app; the same for a test run in its turn (``app_page``) and one run at once with others
(:mod:`.at_once`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pytest_llmcode.core.errors import Stage, StageFailure

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

    from pytest_llmcode.browser.host import BrowserHost
    from pytest_llmcode.browser.log import BrowserLog
    from pytest_llmcode.pipeline.serve import RunningApp
    from pytest_llmcode.plugin.timing import TestTime

# one frame and one task after load: a render scheduled at startup has run (or thrown)
_SETTLE = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"

# nothing a person could see or use: no text, no control, no picture
_BLANK = """() => !document.body || (document.body.innerText.trim() === '' && ![...document.body.querySelectorAll(
  'input, button, select, textarea, img, svg, canvas, video, [role]')].some((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 2 && box.height > 2;
  }))"""


@dataclasses.dataclass
class AppPage:
    context: BrowserContext
    page: Page
    failure: StageFailure | None = None  # the page could not be used: every check of it is moot


def open_app_page(app: RunningApp, host: BrowserHost, browser: Browser, log: BrowserLog, spent: TestTime) -> AppPage:
    """A page in a fresh context of ``browser``, its log attached, opened on ``app``."""
    from playwright.sync_api import Error

    from pytest_llmcode.verify.person import OPEN_TIMEOUT_MS, STORAGE_SCRIPT
    from pytest_llmcode.verify.three import INIT_SCRIPT

    with spent.part("context"):
        context, page = host.new_page(browser)
    app.browser_host = host  # its downloads folder and memory limit (verify, verdict)
    opened = AppPage(context, page)
    kills = host.memory.kills()
    try:
        with spent.part("context"):
            context.set_default_timeout(10_000)
            context.set_default_navigation_timeout(OPEN_TIMEOUT_MS)  # loads and reloads, in a check too
            context.add_init_script(INIT_SCRIPT)  # lets checks see any three.js scene; inert elsewhere
            context.add_init_script(STORAGE_SCRIPT)  # counts the app's saves (see verify.person.saving)
            log.attach(context, app.url)
    except BaseException:
        close_app_page(opened, spent)
        raise
    try:
        with spent.part("navigation"):
            page.goto(app.url, wait_until="load")
            page.evaluate(_SETTLE)
            log.note_icons(page)
    except BaseException as exc:
        if not isinstance(exc, Error):  # an interrupt, or a time limit of the test: nothing may stay open
            close_app_page(opened, spent)
            raise
        killed = host.memory.kills() > kills
        opened.failure = StageFailure(
            Stage.VERIFY,
            f"the app at {app.url} could not be opened: "
            + (f"{host.memory.describe()} ({exc})" if killed else str(exc)),
            log_path=str(app.dir.log("launch")),
        )
    else:
        if log.page_errors and _blank(page):  # nothing to use: every check of this page is moot
            opened.failure = StageFailure(
                Stage.VERIFY, "the app threw an uncaught error while loading and shows a blank page:\n" + log.describe()
            )
    return opened


def _blank(page: Page) -> bool:
    from playwright.sync_api import Error

    try:
        return bool(page.evaluate(_BLANK))
    except Error:
        return True


def close_app_page(opened: AppPage, spent: TestTime) -> None:
    with spent.part("context"):
        opened.context.close()
