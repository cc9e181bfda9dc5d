"""Chromium for the behaviour checks: which binary, which flags, and what the page logged."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import tempfile
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pytest_llmcode.sandbox.case import browser_wrapper
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.stages import InfrastructureError

if TYPE_CHECKING:  # Playwright is imported only when a browser is needed
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, ViewportSize

    from pytest_llmcode.app import RunningApp

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


class BrowserHost:
    """One Playwright and one browser per session (per worker), started on first use."""

    def __init__(self, explicit_path: str | None, headed: bool = False) -> None:
        self.explicit_path = explicit_path
        self.headed = headed
        self._playwright: Any = None
        self._browser: Browser | None = None
        self._shared: tuple[NetNamespace, Browser] | None = None  # the browser in the worker's serving network
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
            return self._playwright.chromium.launch(  # type: ignore[no-any-return]
                executable_path=executable, args=args, headless=not self.headed
            )
        except Error as exc:
            raise InfrastructureError(f"Chromium did not start: {exc}") from exc

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

    def browser_for(self, app: RunningApp) -> Browser:
        """The browser that can reach ``app``: the worker's, in the network where the worker serves
        its cases; or one inside the case's own network (started for it, closed with it); or, with
        no sandbox, the session's."""
        if not app.sandbox.isolated:
            return self.browser
        if app.sandbox.shared_network and app.sandbox.namespace is not None:
            return self.shared_browser(app.sandbox.namespace)
        if app.browser is None:
            browser = self._launch(lambda chromium: app.sandbox.browser_wrapper(chromium, app.dir.root))
            app.browser = browser
            app.on_stop(browser.close)
        return app.browser  # type: ignore[no-any-return]

    def shared_browser(self, namespace: NetNamespace) -> Browser:
        """The worker's browser, in the network namespace where the worker serves its cases."""
        if self._shared is None or self._shared[0] is not namespace or not self._shared[1].is_connected():
            if self._shared is not None:
                self._shared[1].close()
            self._shared = None
            folder = Path(tempfile.mkdtemp(prefix="llmcode-browser-"))
            self._shared = (namespace, self._launch(lambda chromium: browser_wrapper(namespace, chromium, folder)))
        return self._shared[1]

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
        if self._shared is not None:
            self._shared[1].close()
            self._shared = None
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


@dataclasses.dataclass
class BrowserLog:
    """What the app's pages said during one behaviour test."""

    console_errors: list[str] = dataclasses.field(default_factory=list)
    page_errors: list[str] = dataclasses.field(default_factory=list)
    failed_requests: list[str] = dataclasses.field(default_factory=list)
    offline_requests: list[str] = dataclasses.field(default_factory=list)  # other origins: no network here
    dialogs: list[str] = dataclasses.field(default_factory=list)
    console: list[str] = dataclasses.field(default_factory=list)
    origin: str = ""

    def attach(self, context: BrowserContext, app_url: str) -> None:
        parts = urllib.parse.urlsplit(app_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        context.on("dialog", self._on_dialog)

    def _is_ours(self, url: str) -> bool:
        return not url.startswith(("http://", "https://")) or url.startswith(self.origin + "/") or url == self.origin

    def _on_console(self, message: ConsoleMessage) -> None:
        location = message.location.get("url", "") if message.location else ""
        text = f"{message.type}: {message.text}" + (f" ({location})" if location else "")
        self.console.append(text)
        if message.type != "error" or _is_favicon(location):
            return
        if message.text.startswith("Failed to load resource") and location and not self._is_ours(location):
            self.offline_requests.append(text)  # a font or CDN file the sandbox cannot fetch
        else:
            self.console_errors.append(text)

    def _on_response(self, response: Any) -> None:
        if _is_favicon(response.url):
            return
        if response.status >= 400:
            self.failed_requests.append(f"{response.url} (HTTP {response.status})")
        elif _ASSET.search(response.url.split("?", 1)[0]) and "text/html" in response.headers.get("content-type", ""):
            # a static server's single-page fallback answers a missing file with its HTML page
            self.failed_requests.append(f"{response.url} (missing: the server answered with an HTML page)")

    def _on_request_failed(self, request: Any) -> None:
        entry = f"{request.url} ({request.failure})"
        (self.failed_requests if self._is_ours(request.url) else self.offline_requests).append(entry)

    def _on_dialog(self, dialog: Any) -> None:
        # a person answers "Are you sure?" with OK
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.accept()

    def describe(self) -> str:
        parts = []
        for title, items in (
            ("uncaught page errors", self.page_errors),
            ("console errors", self.console_errors),
            ("failed requests", self.failed_requests),
            ("requests to other sites (no network in the sandbox; not counted)", self.offline_requests),
            ("dialogs (accepted)", self.dialogs),
        ):
            if items:
                parts.append(f"{title}:\n" + "\n".join(f"  {item}" for item in items[:20]))
        return "\n".join(parts)


_ASSET = re.compile(
    r"\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|ktx2|basis|hdr|exr|glb|gltf|bin|obj|fbx|mp3|ogg|wav|mp4|webm|woff2?|ttf|otf)$",
    re.I,
)


def _is_favicon(url: str) -> bool:
    return url.split("?", 1)[0].endswith("/favicon.ico")


DESCRIPTION_LIMIT = 2_500


def describe_page(page: Any) -> str:
    """The page as a screen reader finds it (its accessibility tree: roles, names, text, states),
    with its address and title: what a screenshot shows, in words a model without eyes can use.
    Cut at DESCRIPTION_LIMIT characters."""
    from playwright.sync_api import Error

    try:
        title, tree = page.title(), page.aria_snapshot(timeout=5_000)
    except Error as exc:
        return f"(the page could not be described: {str(exc).splitlines()[0] if str(exc) else exc!r})"
    tree = tree.strip() or "(nothing: no text, control or image a person could perceive)"
    if len(tree) > DESCRIPTION_LIMIT:
        tree = tree[:DESCRIPTION_LIMIT] + "\n[cut]"
    return f"address: {page.url}\ntitle: {title or '(none)'}\naccessibility tree:\n{tree}"
