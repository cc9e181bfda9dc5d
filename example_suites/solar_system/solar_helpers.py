"""Find the bodies of a solar system app and judge its canvas, as a person would see them.

Waits follow the app's own frame rate (an app drawing one frame in five seconds in software WebGL
gets the time it needs); a body's facts are found in whatever appeared or changed on the page after
a person clicked (or hovered) it: a panel, a tooltip or a dialog, judged by the body it names."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from playwright.sync_api import Error, Locator, Page

from pytest_llmcode.verify import (
    ImageStats,
    ScreenBody,
    SetupError,
    frame_rate,
    image_stats,
    locate,
    plainly,
    scene_ready,
    settle,
    view,
    view_change,
    wait_frames,
)

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


# a splash screen or intro overlay over the middle of the canvas, with a button to go on
_COVER = """() => {
  const canvases = [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().width > 50);
  if (!canvases.length) return null;
  const c = canvases.sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)[0];
  const box = c.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!top || top === c || c.contains(top) || top.contains(c)) return null;
  for (let e = top; e && e !== document.body; e = e.parentElement) {
    const b = e.getBoundingClientRect();
    if (b.width < box.width * 0.3 || b.height < box.height * 0.3) continue;  // a label or a small panel
    const button = e.querySelector('button, [role=button], a[href], input[type=button], input[type=submit]');
    if (button) { button.dataset.llmcodeGoOn = '1'; return (button.innerText || button.value || 'a button').trim(); }
  }
  return null;
}"""


def go_past_intro(page: Page) -> str | None:
    """Press the button of a splash screen covering the scene (Start, Explore, Enter...), as a person
    would before using the app; returns its text, or None when nothing covers the scene."""
    try:
        pressed: str | None = page.evaluate(_COVER)
    except Error:
        return None
    if pressed is not None:
        try:
            page.locator("[data-llmcode-go-on]").first.click(timeout=10_000)
        except Error:
            return None
        settle(page)
    return pressed


def wait_for_scene(page: Page) -> Page:
    """Wait until the app has drawn three frames of a three.js scene, past any intro screen. An app
    whose three.js announces nothing (releases before r94) but draws on a WebGL canvas is judged by
    its pixels alone (:func:`view` is then None)."""
    seen: dict[str, object] = {}
    began = time.monotonic()
    passed_intro = False
    while time.monotonic() - began < SCENE_PATIENCE_S:
        seen = scene_ready(page)
        if not passed_intro:
            passed_intro = go_past_intro(page) is not None
        if seen.get("ready") and int(str(seen.get("frames", 0))) >= 3:
            return page
        if time.monotonic() - began > 8 and _draws_webgl(page):
            return page  # no scene to see: pixels only
        page.wait_for_timeout(100)
    raise AssertionError(f"no three.js scene was drawn within {SCENE_PATIENCE_S:g} s (seen: {seen})")


def _draws_webgl(page: Page) -> bool:
    try:
        return bool(page.evaluate("""() => [...document.querySelectorAll('canvas')].some((c) => {
          const b = c.getBoundingClientRect();
          return b.width > 100 && b.height > 100 && !!(c.getContext('webgl2') || c.getContext('webgl'));
        })"""))
    except Error:
        return False


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


def wait_until_still(page: Page, patience_s: float = 20.0, deadline_s: float = 60.0) -> None:
    """Let a camera that is flying to a body arrive before aiming at anything: the view no longer
    changes from one drawn frame to the next (or ``deadline_s`` passed: a camera that never stops)."""
    previous = view(page)
    began = time.monotonic()
    while time.monotonic() - began < deadline_s:
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


def reveal(page: Page, name: str, step: str | None = None, attempts: int = 3) -> Locator:
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
    for attempt in range(attempts):
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
        snapshot(page)
        body = bodies(page).get(name) or body
        page.mouse.dblclick(body.x, body.y)  # some apps open a body's details on a double click
        double = panel_about(page, name, patience_s=patience)
        if double is not None:
            return double[0]
        if hovered is not None:
            return hovered[0]
        if attempt == 0:
            wait_frames(page, 2)
    raise fail(f"clicking the {name} (and hovering over it, and double-clicking it) showed no panel, tooltip or "
               "dialog that names it"
               f" (it was found {body.recognised()})")


_CLOSE = re.compile(r"^\s*(close|dismiss|back|done|ok|[x×✕✖])\s*$", re.I)


def others_in_view(page: Page, shown: str) -> list[ScreenBody]:
    """Bodies other than the Sun and ``shown`` that a person could click next, largest first. A
    dialog that covers them is closed first, as a person would: Escape, else its close button."""

    def clickable() -> list[ScreenBody]:
        return sorted((b for name, b in bodies(page).items() if name not in ("Sun", shown) and b.clickable
                       and b.radius >= 4), key=lambda b: -b.radius)

    found = clickable()
    if found:
        return found
    page.keyboard.press("Escape")
    settle(page)
    found = clickable()
    if found:
        return found
    for close in (page.get_by_role("button", name=_CLOSE), page.get_by_role("link", name=_CLOSE),
                  page.get_by_text(_CLOSE)):  # a close mark that is no button (a span with ×)
        shown = [close.nth(i) for i in range(close.count()) if close.nth(i).is_visible()]
        if shown:
            shown[0].click()
            settle(page)
            return clickable()
    return []


def planets_moved(page: Page, seconds: float = 1.0) -> tuple[int, float] | None:
    """How many planets moved in the scene (their centres, relative to the Sun) over ``seconds`` and
    at least two drawn frames, and the largest move in units of their own radius; None when fewer
    than three planets are found (the caller judges pixels instead)."""
    before = bodies(page)
    planets = [name for name in BODIES[1:] if name in before]
    if "Sun" not in before or len(planets) < 3:
        return None
    wait_frames(page, 2, at_least_ms=seconds * 1000)
    after = bodies(page)
    moves = []
    for name in planets:
        if name not in after:
            continue
        relative = [(a - s) - (b - t) for a, s, b, t in zip(after[name].world, after["Sun"].world,
                                                          before[name].world, before["Sun"].world, strict=True)]
        moves.append(sum(d * d for d in relative) ** 0.5 / max(before[name].size, 1e-6))
    return sum(1 for move in moves if move > 0.01), max(moves, default=0.0)


def gesture_moves_view(page: Page, gesture: Callable[[], None]) -> tuple[float, float]:
    """(how much the view changed over ``gesture`` and the frames after it, how much it changes by
    itself in as long): a camera that moves by itself must move more with the gesture than without
    it. The time the gesture took counts: the change by itself is scaled to the same time. A flight
    the app starts with (to a first body) ends first, as a person would wait for it."""
    wait_until_still(page, deadline_s=10.0)
    first = view(page)
    began = time.monotonic()
    wait_frames(page, 3, at_least_ms=400)
    alone = view_change(first, view(page))
    spent = time.monotonic() - began
    before = view(page)
    began = time.monotonic()
    gesture()
    wait_frames(page, 3, at_least_ms=400)
    took = time.monotonic() - began
    return view_change(before, view(page)), alone * max(1.0, took / max(spent, 1e-3))
