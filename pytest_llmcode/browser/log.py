"""What the app's pages said during one behaviour test, and a page described in words."""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is imported only when a browser is needed
    from playwright.sync_api import BrowserContext, ConsoleMessage


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
