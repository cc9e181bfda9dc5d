"""The plugin's fixtures: a case built once and shared by its behaviour tests (``llm_case``), its
app served (``llm_app``), the worker's browser (``llm_browser_host``), a page opened on the app in
a fresh context (``app_page``) and what the page logged (``app_log``). Registered as a plugin of
its own at ``pytest_configure``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from pytest_llmcode.core.challenge import CHALLENGE_FILE
from pytest_llmcode.core.errors import InfrastructureError
from pytest_llmcode.plugin import timing
from pytest_llmcode.plugin.at_once import AT_ONCE, ITEM_AHEAD
from pytest_llmcode.plugin.evidence import ITEM_SHOT, case_properties
from pytest_llmcode.plugin.pages import close_app_page, open_app_page
from pytest_llmcode.plugin.run import builder
from pytest_llmcode.plugin.stash import ITEM_APP, ITEM_FAILURE, ITEM_LOG, ITEM_PAGE, PREFETCHER, SETTINGS
from pytest_llmcode.reporting.record import Prop
from pytest_llmcode.reporting.tasks import hidden_test_name

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from pytest_llmcode.browser.host import BrowserHost
    from pytest_llmcode.browser.log import BrowserLog
    from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec
    from pytest_llmcode.pipeline.serve import RunningApp
    from pytest_llmcode.sandbox.netns import NetNamespace


@pytest.fixture(scope="module")
def llm_case(request: pytest.FixtureRequest) -> BuiltCase:
    """The generated and built app of this case (built once, shared by its behaviour tests)."""
    spec = getattr(request, "param", None)
    if spec is None:
        raise pytest.UsageError(
            f"{request.node.nodeid}: llm_case is only available to tests in a folder with a {CHALLENGE_FILE}"
        )
    run_builder = builder(request.config)
    network = run_builder.serving_network()
    if network is not None:
        _warm_up(request, network, spec)
    return run_builder.build(spec)


def _warm_up(request: pytest.FixtureRequest, network: NetNamespace, spec: CaseSpec) -> None:
    """Start the worker's browser before the first case is built. While the case's answer (or its
    build ahead) is still to come, also draw the browser's first page (once) and open the blank
    pages the next tests will take. A browser that cannot start is reported by the first test that
    needs it."""
    host: BrowserHost = request.getfixturevalue("llm_browser_host")
    try:
        host.shared_browser(network)
    except InfrastructureError:
        return
    prefetcher = request.config.stash.get(PREFETCHER, None)
    if prefetcher is None or not prefetcher.waiting_for(spec):
        return
    host.warm_up(network)
    while prefetcher.waiting_for(spec) and host.prepare_page(network):
        pass  # time to spare


@pytest.fixture(scope="module")
def llm_app(request: pytest.FixtureRequest, llm_case: BuiltCase) -> Iterator[RunningApp]:
    """The case's app, served on a loopback port (``.url``), stopped when its tests are done."""
    prefetcher = request.config.stash.get(PREFETCHER, None)
    # served ahead, while the case before was checked (see plugin/prefetch.py), else now
    app = prefetcher.app_for(llm_case) if prefetcher is not None else builder(request.config).launch(llm_case)
    try:
        yield app
    finally:
        at_once = request.config.stash.get(AT_ONCE, None)
        try:
            if at_once is not None:  # checks started ahead and never reached (after -x): stopped, unreported
                at_once.stop(app)
        finally:
            app.stop()


@pytest.fixture(scope="session")
def llm_browser_host(pytestconfig: pytest.Config) -> Iterator[BrowserHost]:
    """One Chromium per session (per xdist worker), launched on first use."""
    from pytest_llmcode.browser.host import BrowserHost

    resolved = pytestconfig.stash[SETTINGS]
    host = BrowserHost(resolved.browser, headed=resolved.headed, max_download_bytes=resolved.max_download_bytes,
                       memory_bytes=resolved.browser_memory_bytes)
    try:
        yield host
    finally:
        host.close()


@pytest.fixture(autouse=True)
def _llmcode_item(request: pytest.FixtureRequest) -> None:
    """Ties a behaviour test to its case: JUnit properties, and the case's failure if any."""
    if "llm_case" not in request.fixturenames:
        return
    item = request.node
    app: RunningApp = request.getfixturevalue("llm_app")
    item.stash[ITEM_APP] = app
    item.user_properties += case_properties(app.case)
    hidden = getattr(item, "callspec", None)
    if hidden is not None and "hidden_test" in hidden.params:  # a commit challenge's test: named by its group and id
        group = getattr(item, "originalname", item.name).removeprefix("test_")
        item.user_properties.append((Prop.HIDDEN_TEST, hidden_test_name(group, hidden.params["hidden_test"])))
    if app.case.error is not None:
        raise app.case.error  # an infrastructure error: the test errors, it does not fail
    if app.answers != len(app.case.rounds):
        # its case was repaired after it was launched (the app outlived the round: several models or samples
        # in one module): the new answer is served (or its tests run) now, or its failure at a stage judged
        from pytest_llmcode.pipeline.serve import relaunch

        relaunch(app, builder(request.config).launch)
    if app.failure is not None:
        item.stash[ITEM_FAILURE] = app.failure


@pytest.fixture
def app_log(request: pytest.FixtureRequest) -> BrowserLog:
    """Console errors, uncaught page errors and failed requests of this test's pages."""
    from pytest_llmcode.browser.log import BrowserLog

    log = BrowserLog()
    request.node.stash[ITEM_LOG] = log
    return log


@pytest.fixture
def app_page(
    request: pytest.FixtureRequest, llm_app: RunningApp, llm_browser_host: BrowserHost, app_log: BrowserLog
) -> Iterator[Page | None]:
    """A Playwright page (in a fresh browser context) opened on the case's app."""
    if llm_app.failure is not None:
        yield None  # the test is failed with the case's stage before its body runs
        return
    item = request.node
    at_once = request.config.stash.get(AT_ONCE, None)
    ahead = at_once.take(item) if at_once is not None else None
    if ahead is not None:  # checked already, beside an earlier test (see plugin/at_once.py)
        item.stash[ITEM_AHEAD], item.stash[ITEM_LOG], item.stash[timing.ITEM_TIME] = ahead, ahead.log, ahead.time
        if ahead.shot is not None:
            item.stash[ITEM_SHOT] = ahead.shot
        if ahead.failure is not None:
            item.stash[ITEM_FAILURE] = ahead.failure
        yield ahead.page
        return
    try:
        browser = llm_browser_host.browser_for(llm_app)
    except InfrastructureError:
        if llm_app.failure is None:
            raise
        # the app was stopped for a limit while the browser started in its network: that is the verdict
        item.stash[ITEM_FAILURE] = llm_app.failure
        yield None
        return
    spent = timing.of(item)
    opened = open_app_page(llm_app, llm_browser_host, browser, app_log, spent)
    item.stash[ITEM_PAGE] = opened.page
    try:
        if opened.failure is not None:
            item.stash[ITEM_FAILURE] = opened.failure
        elif at_once is not None:  # the case's next tests, checked meanwhile
            at_once.queue_after(item, opened.page, llm_app, llm_browser_host, browser)
        yield opened.page
    finally:
        close_app_page(opened, spent)
        if at_once is None or not at_once.busy():
            llm_browser_host.downloads.clear()  # one test's downloads never count against the next's
