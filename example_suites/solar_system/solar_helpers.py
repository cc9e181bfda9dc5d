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


def spoken(name: str) -> str:
    """A body's name as a sentence says it: "the Sun", "the 3rd body out from the centre", "Jupiter"."""
    return f"the {name}" if name == "Sun" or " " in name else name


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
