"""How a person finds and uses the screenshot page: by labels, roles and visible text."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pytest_llmcode import RunningApp
from pytest_llmcode.verify import SetupError, image_stats, png_size, save_download

POST_ID = "1790412345678901234"
POST_URL = f"https://x.com/adaballoons/status/{POST_ID}"
POST_TEXT = "Launch day! Our tiny weather balloon reached 31 km"
UNKNOWN_POST_URL = "https://x.com/adaballoons/status/1111111111111111111"
NOT_A_POST_URL = "https://example.com/adaballoons/about"
CAPTURE_BOUND_S = 10  # a correct capture of one card takes 1-2 s here

ERROR_WORDS = re.compile(
    r"error|invalid|not (a )?valid|not an? (link|url|post|tweet|status)|is ?n[o']?t an? |could ?n[o']?t|cannot|"
    r"can't|unable|not found|failed|does ?n[o']?t exist|no such|wrong|please (enter|check|provide)|\u26a0",
    re.I,
)
_SET_VALUE = """(el, value) => {
  const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}"""
_OPTION_COLOURS = """(select) => {
  const probe = document.createElement('span');
  document.body.append(probe);
  const colours = [...select.options].map((option) => {
    for (const text of [option.value, option.textContent.trim()]) {
      probe.style.color = '';
      probe.style.color = text;
      if (probe.style.color) {
        const m = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
        return { value: option.value, rgb: m.slice(0, 3) };
      }
    }
    return { value: option.value, rgb: null };
  });
  probe.remove();
  return colours;
}"""


def open_screen(page: Page, app: RunningApp) -> None:
    """Open /screen, as its link or its address would; a set-up step of the tests of the page."""
    response = page.goto(app.url + "screen", wait_until="load")
    if response is not None and response.status >= 400:
        raise SetupError("open the screenshot page", f"{app.url}screen answered HTTP {response.status}")


def post_link_field(page: Page) -> Locator:
    named = page.get_by_role("textbox", name=re.compile(r"post|tweet|link|url", re.I))
    return named.first if named.count() else page.get_by_role("textbox").first


def capture_button(page: Page) -> Locator:
    button = page.get_by_role("button", name=re.compile(r"\bcapture\b", re.I)).first
    expect(button, "a button labelled Capture").to_be_visible(timeout=5000)
    return button


def background_control(page: Page) -> Locator:
    return page.get_by_label(re.compile(r"background|colou?r|\bbg\b", re.I)).first


def padding_control(page: Page) -> Locator:
    return page.get_by_label(re.compile(r"padding|spacing|margin", re.I)).first


def _kind(control: Locator) -> str:
    return str(control.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '').toLowerCase()"))


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _present(control: Locator, what: str, step: str | None) -> None:
    try:
        expect(control, what).to_be_attached(timeout=5000)
    except AssertionError:
        if step is None:
            raise
        raise SetupError(step, f"no {what}") from None


def set_background(page: Page, hex_colour: str, step: str | None = None) -> tuple[int, int, int]:
    """Choose a background colour as a person would; returns the colour actually chosen. ``step``:
    its absence is a ``SetupError`` of that step."""
    control = background_control(page)
    _present(control, "background colour option (labelled Background)", step)
    kind = _kind(control)
    if kind.startswith("select"):
        wanted = _rgb(hex_colour)
        options = [o for o in control.evaluate(_OPTION_COLOURS) if o["rgb"]]
        assert options, "the background option offers no colours"
        best = min(options, key=lambda o: sum(abs(a - b) for a, b in zip(o["rgb"], wanted, strict=True)))
        control.select_option(best["value"])
        return tuple(best["rgb"])  # type: ignore[return-value]
    control.evaluate(_SET_VALUE, hex_colour)
    return _rgb(hex_colour)


def set_padding(page: Page, pixels: int, step: str | None = None) -> None:
    control = padding_control(page)
    _present(control, "padding option (labelled Padding)", step)
    if _kind(control).startswith("select"):
        values = control.evaluate("s => [...s.options].map((o) => o.value)")
        numeric = [(abs(float(m.group()) - pixels), v) for v in values if (m := re.search(r"\d+(\.\d+)?", v))]
        assert numeric, "the padding option offers no sizes"
        control.select_option(min(numeric)[1])
    else:
        control.evaluate(_SET_VALUE, str(pixels))


def visible_error(page: Page) -> str:
    alerts = page.get_by_role("alert").filter(has_text=re.compile(r"\S"))
    if alerts.count() and alerts.first.is_visible():
        return alerts.first.inner_text()
    found = page.get_by_text(ERROR_WORDS)
    for index in range(min(found.count(), 10)):
        if found.nth(index).is_visible():
            return found.nth(index).inner_text()
    return ""


def capture(page: Page, app: RunningApp, name: str, step: str | None = None) -> bytes:
    """Click Capture and return the downloaded file (kept in the case's downloads/ folder). ``step``:
    no download is a ``SetupError`` of that step (a test of what is in the PNG)."""
    try:
        return _capture(page, app, name)
    except AssertionError as exc:
        if step is None:
            raise
        raise SetupError(step, str(exc)) from None


def _capture(page: Page, app: RunningApp, name: str) -> bytes:
    button = capture_button(page)
    try:
        with page.expect_download(timeout=CAPTURE_BOUND_S * 1000) as info:
            button.click()
        download = info.value
    except PlaywrightTimeout:
        shown = visible_error(page)
        raise AssertionError(
            f"no download within {CAPTURE_BOUND_S}s of clicking Capture"
            + (f"; the page shows: {shown[:200]!r}" if shown else "")
        ) from None
    return save_download(download, app, name)  # within the run's download limit and a time bound


def check_png(page: Page, data: bytes) -> tuple[int, int]:
    """The download is a PNG of a sensible size that shows something; returns its size."""
    size = png_size(data)
    assert size is not None, f"the download is not a PNG (it starts with {data[:24]!r})"
    width, height = size
    assert 200 <= width <= 8000 and 100 <= height <= 8000, f"the PNG is {width}x{height} pixels"
    stats = image_stats(page.context, data)
    assert stats.foreground >= 0.05 and stats.colours >= 3, (
        f"the PNG is blank: {stats.foreground:.1%} of it differs from its commonest colour, "
        f"{stats.colours} colour(s) in all"
    )
    return size


def preview_shown(page: Page) -> str | None:
    """None if the captured post shows on the page (its text, or a picture of it at least 200x100
    pixels); otherwise what is missing."""
    if page.get_by_text(POST_TEXT).first.is_visible():
        return None
    pictures = page.locator("canvas, img[src^='data:'], img[src^='blob:']")
    for index in range(pictures.count()):
        box = pictures.nth(index).bounding_box()
        if box and box["width"] >= 200 and box["height"] >= 100 and pictures.nth(index).is_visible():
            return None
    return "neither the post's text nor a picture of it shows on the page after Capture"
