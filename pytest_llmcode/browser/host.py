"""Chromium for the behaviour checks: which binary, which flags, one browser per worker (or per
case), and pages opened ahead while the run waits."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pytest_llmcode.browser.downloads import DownloadFolder
from pytest_llmcode.browser.memory import BrowserMemory
from pytest_llmcode.core.errors import InfrastructureError
from pytest_llmcode.sandbox.base import Sandbox, browser_wrapper
from pytest_llmcode.sandbox.netns import NetNamespace

if TYPE_CHECKING:  # Playwright is imported only when a browser is needed
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize

SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags that make headless rendering dependable on machines with no GPU and no internet.
LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
    "--ignore-gpu-blocklist",
]


VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # of every page the checks open
SPARE_PAGES = 1  # blank pages opened ahead while the run waits for an answer (2 measured slower)


def find_chromium(playwright: Playwright, explicit: str | None) -> str | None:
    """The browser to launch: the user's path, else Playwright's own, else a system Chromium.

    ``None`` means Playwright's managed browser (its default executable).
    """
    if explicit:
        if not Path(explicit).exists():
            raise InfrastructureError(f"--llm-browser={explicit}: no such file")
        return explicit
    managed = playwright.chromium.executable_path
    if managed and Path(managed).exists():
        return None
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    raise InfrastructureError(
        "no Chromium found: run `python -m playwright install chromium`, or install a system "
        "Chromium (Debian/Ubuntu: `apt-get install chromium`), or pass --llm-browser=PATH"
    )


class ServedApp(Protocol):
    """What :meth:`BrowserHost.browser_for` needs of a served app (a ``RunningApp``)."""

    sandbox: Sandbox
    browser: Any  # a browser started for this app alone, closed with it

    @property
    def dir(self) -> Any: ...  # its CaseDir: ``.root`` holds a browser's wrapper script

    def on_stop(self, callback: Callable[[], None]) -> None: ...


class BrowserHost:
    """One Playwright and one browser per session (per worker), started on first use."""

    def __init__(self, explicit_path: str | None, headed: bool = False,
                 max_download_bytes: int = 64 * 2**20, memory_bytes: int = 4096 * 2**20) -> None:
        self.explicit_path = explicit_path
        self.headed = headed
        self.max_download_bytes = max_download_bytes
        self.memory_bytes = memory_bytes
        self._downloads: DownloadFolder | None = None
        self._memory: BrowserMemory | None = None
        self._playwright: Any = None
        self._browser: Browser | None = None
        self._shared: tuple[NetNamespace, Browser] | None = None  # the browser in the worker's serving network
        self._shared_folder: Path | None = None  # its wrapper script's folder
        self._warm: Browser | None = None  # the browser whose first page was drawn by warm_up
        self._spare: list[tuple[Browser, BrowserContext, Page]] = []  # see prepare_page

    def _launch(self, wrap: Callable[[str], str] | None = None) -> Browser:
        from playwright.sync_api import Error, sync_playwright

        if self._playwright is None:
            self._playwright = sync_playwright().start()
        args = list(LAUNCH_ARGS)
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        try:
            executable = find_chromium(self._playwright, self.explicit_path)
            if wrap is not None:  # the wrapper needs a path even for Playwright's own Chromium
                executable = wrap(executable or self._playwright.chromium.executable_path)
            if self.memory.limited:  # in the browsers' cgroup, then (if wrapped) into its network
                executable = self.memory.wrap(executable or self._playwright.chromium.executable_path)
            return self._playwright.chromium.launch(  # type: ignore[no-any-return]
                executable_path=executable, args=args, headless=not self.headed,
                downloads_path=self.downloads.path,
            )
        except Error as exc:
            raise InfrastructureError(f"Chromium did not start: {exc}") from exc

    @property
    def downloads(self) -> DownloadFolder:
        """The folder every browser of this host downloads into (see :mod:`.downloads`)."""
        if self._downloads is None:
            self._downloads = DownloadFolder(self.max_download_bytes)
        return self._downloads

    @property
    def memory(self) -> BrowserMemory:
        """The memory limit of every browser of this host (see :mod:`.memory`)."""
        if self._memory is None:
            self._memory = BrowserMemory(self.memory_bytes)
        return self._memory

    @property
    def browser(self) -> Browser:
        """The session's browser, on the host's network."""
        if self._browser is None:
            try:
                self._browser = self._launch()
            except InfrastructureError:
                self.close()
                raise
        return self._browser

    def browser_for(self, app: ServedApp) -> Browser:
        """The browser that can reach ``app``: the worker's, in the network where the worker serves
        its cases; or one inside the case's own network (started for it, closed with it); or, with
        no sandbox, the session's."""
        if not app.sandbox.isolated:
            return self.browser
        if app.sandbox.shared_network and app.sandbox.network is not None:
            return self.shared_browser(app.sandbox.network)
        if app.browser is None:
            browser = self._launch(lambda chromium: app.sandbox.browser_executable(chromium, app.dir.root))
            app.browser = browser
            app.on_stop(browser.close)
        return app.browser  # type: ignore[no-any-return]

    def shared_browser(self, namespace: NetNamespace) -> Browser:
        """The worker's browser, in the network namespace where the worker serves its cases."""
        if self._shared is None or self._shared[0] is not namespace or not self._shared[1].is_connected():
            self._close_shared()
            folder = self._shared_folder = Path(tempfile.mkdtemp(prefix="llmcode-browser-"))
            self._shared = (namespace, self._launch(lambda chromium: browser_wrapper(namespace, chromium, folder)))
        return self._shared[1]

    def _close_shared(self) -> None:
        if self._shared is not None:
            with contextlib.suppress(Exception):  # it may have died already
                self._shared[1].close()
            self._shared = None
        if self._shared_folder is not None:
            shutil.rmtree(self._shared_folder, ignore_errors=True)
            self._shared_folder = None

    def warm_up(self, namespace: NetNamespace) -> None:
        """Draw and capture a blank page in a throwaway context, once per browser: a browser's
        first page costs most (its compositor and GPU process start), so this is worth doing only
        while there is time to spare (the first answer on its way)."""
        from playwright.sync_api import Error

        browser = self.shared_browser(namespace)
        if self._warm is browser:
            return
        self._warm = browser
        try:
            context = browser.new_context(viewport=VIEWPORT)
            try:
                page = context.new_page()
                page.set_content("<!doctype html><title>warm-up</title><p>warm-up</p>")
                page.screenshot()
            finally:
                context.close()
        except Error:
            pass  # a browser that cannot draw is reported by the first test that needs it

    def prepare_page(self, namespace: NetNamespace) -> bool:
        """Open a blank page in a fresh context of the worker's browser, for a later test to take
        (see :meth:`new_page`): done while there is time to spare, it is off that test's path.
        False when SPARE_PAGES are waiting already."""
        from playwright.sync_api import Error

        if len(self._spare) >= SPARE_PAGES:
            return False
        browser = self.shared_browser(namespace)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            self._spare.append((browser, context, context.new_page()))
        except Error:
            return False  # a later test opens its own page, and meets the trouble there
        return True

    def new_page(self, browser: Browser) -> tuple[BrowserContext, Page]:
        """A blank page in a fresh context of ``browser`` (no storage, cookies or cache of another
        test): one prepared ahead if it is of this browser, else a new one."""
        while self._spare:
            owner, context, page = self._spare.pop(0)
            if owner is browser and browser.is_connected() and not page.is_closed():
                return context, page
            self._close_spare(context)
        context = browser.new_context(viewport=VIEWPORT)
        return context, context.new_page()

    @staticmethod
    def _close_spare(context: BrowserContext) -> None:
        with contextlib.suppress(Exception):  # its browser may be gone already
            context.close()

    def close(self) -> None:
        while self._spare:
            self._close_spare(self._spare.pop()[1])
        self._close_shared()
        if self._browser is not None:
            self._browser.close()
        if self._downloads is not None:
            self._downloads.close()
            self._downloads = None
        if self._memory is not None:
            self._memory.close()
            self._memory = None
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
