"""What the app's pages said during one behaviour test, and a page described in words."""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from pytest_llmcode.core.text import clip

if TYPE_CHECKING:  # Playwright is imported only when a browser is needed
    from playwright.sync_api import BrowserContext, ConsoleMessage


LOG_ENTRIES = 200  # of each kind, per test; the rest are counted, not kept
ENTRY_CHARS = 2_000  # of each entry (a page can log 1 MiB at a time): 200 entries of 5 kinds stay under 2 MiB
# resource types a server may answer with its HTML page (a single-page app's fallback) when the file is missing
_ASSET_TYPES = {"image", "script", "stylesheet", "font", "media"}
_ASSET = re.compile(
    r"\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|ktx2|basis|hdr|exr|glb|gltf|bin|obj|fbx|mp3|ogg|wav|mp4|webm|woff2?|ttf|otf"
    r"|js|mjs|css)$",
    re.I,
)
_FAILED_LOAD = "Failed to load resource"
ICON_URLS = """() => [...document.querySelectorAll('link[rel~="icon" i], link[rel~="apple-touch-icon" i]')]
  .map((link) => link.href)"""


def _bare(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


@dataclasses.dataclass
class BrowserLog:
    """What the app's pages said during one behaviour test.

    One rule for resources, whatever the server: a request of the page to the app that does not
    load (an HTTP error, a failed connection, or an HTML page served in place of an image, script,
    style, font or media file) is a *missing resource*, with its URL. The page's icons (``favicon.ico``
    and every ``<link rel=icon>``) are exempt. Chromium's "Failed to load resource" console messages
    are the same events seen again: they are counted as missing resources, not as console errors.
    Requests cut short by a navigation (a reload) are not failures."""

    console_errors: list[str] = dataclasses.field(default_factory=list)
    page_errors: list[str] = dataclasses.field(default_factory=list)
    offline_requests: list[str] = dataclasses.field(default_factory=list)  # other origins: no network here
    dialogs: list[str] = dataclasses.field(default_factory=list)
    console: list[str] = dataclasses.field(default_factory=list)
    origin: str = ""
    icons: set[str] = dataclasses.field(default_factory=set)  # URLs without query: exempt
    dropped: int = 0  # entries not kept (over LOG_ENTRIES of a kind)
    _missing: dict[str, str] = dataclasses.field(default_factory=dict)  # URL -> why

    def attach(self, context: BrowserContext, app_url: str) -> None:
        parts = urllib.parse.urlsplit(app_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self._keep(self.page_errors, str(error.error)))
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        context.on("dialog", self._on_dialog)

    def note_icons(self, page: Any) -> None:
        """Exempt the icons the page declares (``<link rel=icon>``): call once it has loaded."""
        from playwright.sync_api import Error

        try:
            self.icons |= {_bare(str(url)) for url in page.evaluate(ICON_URLS)}
        except Error:
            pass

    @property
    def missing_resources(self) -> list[str]:
        """Requests of the page that did not load, icons left out: ``URL (why)``."""
        return [f"{url} ({why})" for url, why in self._missing.items() if not self._is_icon(url)]

    @property
    def failed_requests(self) -> list[str]:  # the name of earlier versions
        return self.missing_resources

    def _keep(self, entries: list[str], text: str) -> None:
        if len(entries) < LOG_ENTRIES:
            entries.append(clip(text, ENTRY_CHARS))
        else:
            self.dropped += 1

    def _is_ours(self, url: str) -> bool:
        return not url.startswith(("http://", "https://")) or url.startswith(self.origin + "/") or url == self.origin

    def _is_icon(self, url: str) -> bool:
        bare = _bare(url)
        return bare.endswith("/favicon.ico") or bare in self.icons

    def _missing_resource(self, url: str, why: str) -> None:
        url = clip(url, ENTRY_CHARS)
        if url not in self._missing and len(self._missing) < LOG_ENTRIES:
            self._missing[url] = clip(why, 500)

    def _on_console(self, message: ConsoleMessage) -> None:
        location = message.location.get("url", "") if message.location else ""
        text = f"{message.type}: {message.text}" + (f" ({location})" if location else "")
        self._keep(self.console, text)
        if message.type != "error":
            return
        if message.text.startswith(_FAILED_LOAD) and location:
            if not self._is_ours(location):
                self._keep(self.offline_requests, text)  # a font or CDN file the sandbox cannot fetch
            else:
                status = re.search(r"status of (\d+)", message.text)
                self._missing_resource(location, f"HTTP {status.group(1)}" if status else message.text)
            return
        self._keep(self.console_errors, text)

    def _on_response(self, response: Any) -> None:
        url = response.url
        if not self._is_ours(url) or url.startswith("data:"):
            return
        if response.status >= 400:
            self._missing_resource(url, f"HTTP {response.status}")
            return
        kind = response.request.resource_type
        if (kind in _ASSET_TYPES or _ASSET.search(_bare(url))) and kind != "document" \
                and "text/html" in response.headers.get("content-type", ""):
            # a static server's single-page fallback answers a missing file with its HTML page
            self._missing_resource(url, "missing: the server answered with an HTML page")

    def _on_request_failed(self, request: Any) -> None:
        failure = str(request.failure or "")
        if "ERR_ABORTED" in failure or request.url.startswith("data:"):
            return  # cut short by a navigation (a reload), or by the page itself
        if self._is_ours(request.url):
            self._missing_resource(request.url, failure)
        else:
            self._keep(self.offline_requests, f"{request.url} ({failure})")

    def _on_dialog(self, dialog: Any) -> None:
        # a person answers "Are you sure?" with OK
        self._keep(self.dialogs, f"{dialog.type}: {dialog.message}")
        dialog.accept()

    def describe(self) -> str:
        parts = []
        for title, items in (
            ("uncaught page errors", self.page_errors),
            ("console errors", self.console_errors),
            ("resources that did not load", self.missing_resources),
            ("requests to other sites (no network in the sandbox; not counted)", self.offline_requests),
            ("dialogs (accepted)", self.dialogs),
        ):
            if items:
                more = f"\n  ... and {len(items) - 20} more" if len(items) > 20 else ""
                parts.append(f"{title}:\n" + "\n".join(f"  {item[:500]}" for item in items[:20]) + more)
        if self.dropped:
            parts.append(f"({self.dropped} more log entries dropped)")
        return "\n".join(parts)


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
    # the title and address are the page's own: cut like the tree, they go to a model
    return (f"address: {clip(page.url, 500)}\ntitle: {clip(' '.join(title.split()), 200) or '(none)'}\n"
            f"accessibility tree:\n{tree}")
