"""Find the bodies of a solar system app and judge its canvas, as a person would see them.

Waits follow the app's own frame rate (an app drawing one frame in five seconds in software WebGL
gets the time it needs); a body's facts are found in whatever appeared or changed on the page after
a person clicked (or hovered) it: a panel, a tooltip or a dialog, judged by the body it names."""

from __future__ import annotations

import re

from playwright.sync_api import Error, Locator, Page

from pytest_llmcode.verify import (
    ImageStats,
    ScreenBody,
    SetupError,
    image_stats,
    locate,
    plainly,
    scene_ready,
    settle,
    view,
    view_change,
)
from pytest_llmcode.verify.three import frame_rate, wait_frames

BODIES = ["Sun", "Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
FACTS = {
    "radius": re.compile(r"radius|diameter", re.I),
    "orbital period": re.compile(r"orbit|period|year", re.I),
    "average temperature": re.compile(r"temp|°", re.I),
}
SCENE_PATIENCE_S = 60.0  # for the first frames: a heavy app in software WebGL is slow to start


def named(name: str) -> re.Pattern[str]:
    # text content runs block elements together ("×SaturnRadius"): no \b after the name
    return re.compile(rf"(?<![A-Za-z]){name}(?![a-z])")


def wait_for_scene(page: Page) -> Page:
    """Wait until the app has drawn three frames of a three.js scene (or say what was seen)."""
    seen: dict[str, object] = {}
    for _ in range(int(SCENE_PATIENCE_S * 10)):
        seen = scene_ready(page)
        if seen.get("ready") and int(str(seen.get("frames", 0))) >= 3:
            return page
        page.wait_for_timeout(100)
    raise AssertionError(f"no three.js scene was drawn within {SCENE_PATIENCE_S:g} s (seen: {seen})")


def canvas(page: Page) -> Locator:
    found = page.locator("canvas")
    try:
        found.first.wait_for(state="visible", timeout=10_000)
    except Error as exc:
        raise plainly("no canvas on the page", exc) from None
    largest = max(range(found.count()), key=lambda i: (found.nth(i).bounding_box() or {"width": 0})["width"])
    return found.nth(largest)


def shot(page: Page) -> bytes:
    """The canvas as shown (a clip of the page: no wait for the canvas to be still)."""
    box = canvas(page).bounding_box()
    assert box is not None, "the canvas has no size"
    return page.screenshot(clip=box, animations="allow", timeout=60_000)


def stats(page: Page, first: bytes, second: bytes | None = None) -> ImageStats:
    return image_stats(page.context, first, second)


def bodies(page: Page) -> dict[str, ScreenBody]:
    return locate(page, BODIES)


def how_found(found: dict[str, ScreenBody]) -> str:
    """A note on bodies recognised other than by their names, for messages."""
    ways = sorted({body.recognised() for body in found.values() if body.how != "name"})
    return f" (recognised {'; '.join(ways)})" if ways else ""


def wait_until_still(page: Page, patience_s: float = 20.0) -> None:
    """Let a camera that is flying to a body arrive before aiming at anything: the view no longer
    changes from one drawn frame to the next."""
    previous = view(page)
    for _ in range(60):
        drawn = wait_frames(page, 2, at_least_ms=100, patience_s=patience_s)
        current = view(page)
        if drawn == 0 or view_change(previous, current) < 1e-3:
            return
        previous = current


# what the page shows, element by element: to tell what a click made appear or change
_SNAPSHOT = """() => {
  const seen = new Map();
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('canvas') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    seen.set(el, el.innerText);
  }
  window.__llmcode_snapshot = seen;
}"""
# the element that appeared or changed since the snapshot and names the body: the smallest one that
# holds the body's name and the most facts; marked so that a locator can address it
_CHANGED = """([name, facts]) => {
  const before = window.__llmcode_snapshot || new Map();
  const nameRe = new RegExp('(?<![A-Za-z])' + name + '(?![a-z])');
  const factRes = facts.map((f) => new RegExp(f, 'i'));
  document.querySelectorAll('[data-llmcode-panel]').forEach((el) => delete el.dataset.llmcodePanel);
  const candidates = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('canvas') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const text = el.innerText || '';
    if (!nameRe.test(text)) continue;
    const changed = !before.has(el) || before.get(el) !== text;
    if (!changed) continue;
    const count = factRes.filter((re) => re.test(text)).length;
    candidates.push({ el, count, size: text.length });
  }
  if (!candidates.length) return null;
  const most = Math.max(...candidates.map((c) => c.count));
  const best = candidates.filter((c) => c.count === most).sort((a, b) => a.size - b.size)[0];
  best.el.dataset.llmcodePanel = '1';
  return best.el.innerText.slice(0, 600);
}"""
# the body a panel is about: the one named by its heading, else the first one its text names
_PRIMARY = """([names]) => {
  const panel = document.querySelector('[data-llmcode-panel]');
  if (!panel) return null;
  const first = (text) => {
    let best = null;
    for (const n of names) {
      const m = new RegExp('(?<![A-Za-z])' + n + '(?![a-z])').exec(text || '');
      if (m && (!best || m.index < best.index)) best = { name: n, index: m.index };
    }
    return best && best.name;
  };
  const heading = panel.querySelector('h1, h2, h3, h4, h5, h6, [role=heading], strong, b, dt, th');
  return (heading && first(heading.innerText)) || first(panel.innerText);
}"""


def snapshot(page: Page) -> None:
    page.evaluate(_SNAPSHOT)


def panel_about(page: Page, name: str, patience_s: float = 5.0) -> tuple[Locator, int] | None:
    """What appeared or changed since :func:`snapshot` and names ``name`` (a panel, a tooltip, a
    dialog), and how many of the :data:`FACTS` it shows; waited for up to ``patience_s`` seconds;
    None if nothing did."""
    facts = [pattern.pattern for pattern in FACTS.values()]
    for _ in range(max(1, int(patience_s * 10))):
        text = page.evaluate(_CHANGED, [name, facts])
        if text is not None:
            return page.locator("[data-llmcode-panel]").first, sum(1 for f in FACTS.values() if f.search(text))
        page.wait_for_timeout(100)
    return None


def primary_body(page: Page) -> str | None:
    """The body the panel found by :func:`panel_about` is about."""
    result: str | None = page.evaluate(_PRIMARY, [BODIES])
    return result


def reveal(page: Page, name: str, step: str | None = None) -> Locator:
    """Show the body's details as a person would: hover over it, and if nothing about it appears,
    click it (recomputing where it is before each try: bodies move). Returns what appeared.
    ``step``: a failure is a ``SetupError`` of that step; None: a failure of the behaviour."""

    def fail(missing: str) -> AssertionError:
        return SetupError(step, missing) if step is not None else AssertionError(missing)

    found = bodies(page)
    body = found.get(name)
    if body is None:
        raise fail(f"the {name} was not found in the scene (found: {', '.join(found) or 'none'}{how_found(found)})")
    if not body.clickable:
        raise fail(f"the {name} is not on screen to click ({body})")
    _, fps = frame_rate(page)
    patience = max(3.0, 6 / fps if fps else 10.0)  # a few of the app's frames
    hovered = None
    for attempt in range(3):
        body = bodies(page).get(name) or body
        snapshot(page)
        page.mouse.move(body.x, body.y)
        settle(page)
        hovered = panel_about(page, name, patience_s=1.0) or hovered
        if hovered is not None and hovered[1] == len(FACTS):
            return hovered[0]  # a tooltip with everything
        snapshot(page)
        body = bodies(page).get(name) or body  # it moved on while the hover was judged
        page.mouse.click(body.x, body.y)
        clicked = panel_about(page, name, patience_s=patience)
        if clicked is not None:
            return clicked[0]
        if hovered is not None:
            return hovered[0]
        if attempt == 0:
            wait_frames(page, 2)
    raise fail(f"clicking the {name} (and hovering over it) showed no panel, tooltip or dialog that names it"
               f" (it was found {body.recognised()})")
