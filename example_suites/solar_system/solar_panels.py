"""What a click on a body shows: the panel, tooltip or dialog that appeared or changed, judged by the
body it names, as a person sees it (text under a transparent or hidden parent is not shown). A
person who sees nothing after a click opens the app's menu or info panel and looks again; one who
cannot tell the planets by name clicks two of them and sees whether the panel changed."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from playwright.sync_api import Error, Locator, Page
from solar_helpers import BODIES, FACTS, bodies, how_found, spoken

from pytest_llmcode.verify import (
    ScreenBody,
    SetupError,
    click_body,
    frame_rate,
    settle,
    settle_motion,
    unnamed,
    wait_frames,
)

# shown to a person: laid out, and neither it nor a parent hidden or transparent
_SHOWN = """const shown = (el) => {
  if (!el.getClientRects().length) return false;
  if (el.checkVisibility) return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && Number(style.opacity) !== 0;
};"""


# what the page shows, element by element: to tell what a click made appear or change
_SNAPSHOT = """() => {
  """ + _SHOWN + """
  const seen = new Map();
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('canvas') || !shown(el)) continue;
    seen.set(el, el.innerText);
  }
  window.__llmcode_snapshot = seen;
}"""
# the element that appeared or changed since the snapshot and names the body: the smallest one that
# holds the body's name and the most facts; marked so that a locator can address it. With no name
# (made-up planets): the smallest one showing the most facts under a title line that is no fact
_CHANGED = """([name, facts]) => {
  """ + _SHOWN + """
  const before = window.__llmcode_snapshot || new Map();
  const nameRe = name === null ? null : new RegExp('(?<![A-Za-z])' + name + '(?![a-z])');
  const factRes = facts.map((f) => new RegExp(f, 'i'));
  document.querySelectorAll('[data-llmcode-panel]').forEach((el) => delete el.dataset.llmcodePanel);
  const candidates = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('canvas') || !shown(el)) continue;
    const text = el.innerText || '';
    const changed = !before.has(el) || before.get(el) !== text;
    if (!changed) continue;
    const count = factRes.filter((re) => re.test(text)).length;
    if (nameRe ? !nameRe.test(text) : !count) continue;
    const title = text.trim().split('\\n')[0];
    if (!nameRe && (!title.trim() || factRes.some((re) => re.test(title)))) continue;
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


def panel_about(page: Page, name: str | None, patience_s: float = 5.0) -> tuple[Locator, int] | None:
    """What appeared or changed since :func:`snapshot` and names ``name`` (a panel, a tooltip, a
    dialog; with no name, one titled by a line that is no fact), and how many of the :data:`FACTS`
    it shows; waited for up to ``patience_s`` seconds; None if nothing did."""
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


def panel_title(panel: Locator) -> str:
    """The first line of a panel: what a person reads as the name of the body it is about."""
    lines = [line.strip() for line in panel.inner_text().splitlines() if line.strip()]
    return lines[0] if lines else ""


# clicks that missed a moving body (it moved on before the click arrived) that are tried again
MISSES_ALLOWED = 3


class MissedError(AssertionError):
    """Every click missed the body: the machine, not the app, decided the outcome."""


# a control a person opens to see more: a menu, an info or details panel, a list of the planets
_OPENS = re.compile(r"^\s*(menu|info|information|details|planets|bodies|☰|≡|ⓘ|\u2139)\s*$", re.I)


def open_menu(page: Page) -> bool:
    """Open the app's menu or info panel, once per page, as a person does who saw nothing after a
    click: a button or link named Menu, Info, Details or ☰, else a collapsed control
    (``aria-expanded=false``). False when there is none (or it was opened already)."""
    if page.evaluate("() => window.__llmcode_menu_opened === true"):
        return False
    for control in (page.get_by_role("button", name=_OPENS), page.get_by_role("link", name=_OPENS),
                    page.locator("[aria-expanded=false]")):
        for index in range(control.count()):
            try:
                if control.nth(index).is_visible():
                    control.nth(index).click(timeout=5_000)
                    page.evaluate("() => { window.__llmcode_menu_opened = true; }")
                    settle(page)
                    return True
            except Error:
                continue
    return False


def reveal(page: Page, name: str, step: str | None = None, attempts: int = 3) -> Locator:
    """Show the body's details as a person would: hover over it, and if nothing about it appears,
    click it (recomputing where it is before each try: bodies move), and if still nothing, open the
    app's menu and look there. Returns what appeared.
    ``step``: a failure is a ``SetupError`` of that step; None: a failure of the behaviour."""

    def fail(missing: str) -> AssertionError:
        return SetupError(step, missing) if step is not None else AssertionError(missing)

    found = bodies(page)
    body = found.get(name)
    if body is None:
        raise fail(f"{spoken(name)} was not found in the scene (found: {', '.join(found) or 'none'}{how_found(found)})")
    if not body.clickable:
        raise fail(f"{spoken(name)} is not on screen to click ({body})")
    clicks: list[float | None] = []
    shown = _show(page, body, lambda: bodies(page).get(name), name, attempts, clicks)
    if shown is None:
        missed = sum(1 for off in clicks if off is not None)
        aim = f"; {missed} of its {len(clicks)} clicks missed it as it moved" if missed else ""
        raise fail(f"clicking {spoken(name)} (and hovering over it, and double-clicking it) showed no panel, tooltip "
                   f"or dialog that names it (it was found {body.recognised()}{aim})")
    return shown


def reveal_unnamed(page: Page, body: ScreenBody) -> Locator | None:
    """:func:`reveal` for a body no name fits (one of :func:`unnamed`): what appeared or changed
    after it was hovered or clicked, titled by a line that is no fact; None if nothing did."""
    return _show(page, body, lambda: next((b for b in unnamed(page, BODIES) if b.name == body.name), None), None, 1)


def _show(page: Page, body: ScreenBody, where: Callable[[], ScreenBody | None], name: str | None,
          attempts: int, every: list[float | None] | None = None) -> Locator | None:
    """What hovering over, clicking or double-clicking ``body`` showed; ``every`` gets how far off
    each click was (None: it landed)."""
    _, fps = frame_rate(page)
    patience = max(3.0, 6 / fps if fps else 10.0)  # a few of the app's frames
    hovered = None
    clicks = [] if every is None else every  # how far off each click was (None: on the body)

    def click(double: bool) -> tuple[Locator, int] | None:
        """What a click showed. A person who saw the planet move on from under the pointer clicks
        again: only a click that landed tells what the app does with one."""
        for _ in range(MISSES_ALLOWED + 1):
            snapshot(page)
            target = where() or body
            # one that has left the screen is not clicked where it went: a person waits for it
            reachable = target.in_front and target.on_screen
            clicks.append(click_body(page, target, BODIES, double=double) if reachable else math.inf)
            # a landed click gets the app's time; a missed one a glance (it may have landed after all)
            shown = panel_about(page, name, patience_s=patience if clicks[-1] is None else 0.3)
            if shown is not None or clicks[-1] is None:
                return shown
        return None

    for attempt in range(attempts):
        start = len(clicks)
        body = where() or body
        snapshot(page)
        page.mouse.move(body.x, body.y)
        settle(page)
        hovered = panel_about(page, name, patience_s=1.0) or hovered
        if hovered is not None and hovered[1] == len(FACTS):
            return hovered[0]  # a tooltip with everything
        clicked = click(double=False)
        if clicked is None and open_menu(page):  # the details may be in a menu a person opens
            clicked = panel_about(page, name, patience_s=patience)
        if clicked is None:
            clicked = click(double=True)  # some apps open a body's details on a double click
        if clicked is not None:
            return clicked[0]
        if hovered is not None:
            return hovered[0]
        off = [c for c in clicks[start:] if c is not None]
        if len(off) == len(clicks) - start:  # every click of this try missed: more would race the same way
            _, fps = frame_rate(page)
            nearest = (f"the nearest {min(off):.1f} of its radius from its centre" if math.isfinite(min(off))
                       else "it had left the screen each time")
            raise MissedError(f"every click at {spoken(name) if name else 'the ' + body.name} missed it: it had moved "
                              f"on before the click arrived ({len(off)} clicks, {nearest}; the page draws {fps:.1f} "
                              "frames a second)")
        if attempt == 0:
            wait_frames(page, 2)
    return None


_CLOSE = re.compile(r"^\s*(close|dismiss|back|done|ok|[x×✕✖])\s*$", re.I)


def others_in_view(page: Page, shown: str) -> list[ScreenBody]:
    """Bodies other than the Sun and ``shown`` that a person could click next (see :func:`uncovered`). A
    dialog that covers them is closed first, as a person would: Escape, else its close button."""
    return uncovered(page, lambda: [b for name, b in bodies(page).items() if name not in ("Sun", shown)])


def unnamed_in_view(page: Page, shown: str | None = None) -> list[ScreenBody]:
    """:func:`others_in_view` among the bodies no name fits."""
    return uncovered(page, lambda: [b for b in unnamed(page, BODIES) if b.name != shown])


def uncovered(page: Page, candidates: Callable[[], list[ScreenBody]]) -> list[ScreenBody]:
    """The bodies of ``candidates`` a person could click, those wholly on screen first (one that the
    edge cuts is near the camera, where it crosses the screen fastest), then the largest first."""
    width, height = page.evaluate("() => [innerWidth, innerHeight]")

    def cut(body: ScreenBody) -> bool:
        return not (body.radius <= body.x <= width - body.radius and body.radius <= body.y <= height - body.radius)

    def clickable() -> list[ScreenBody]:
        return sorted((b for b in candidates() if b.clickable and b.radius >= 4), key=lambda b: (cut(b), -b.radius))

    found = clickable()
    if found:
        return found
    page.keyboard.press("Escape")
    settle_motion(page)
    found = clickable()
    if found:
        return found
    for close in (page.get_by_role("button", name=_CLOSE), page.get_by_role("link", name=_CLOSE),
                  page.get_by_text(_CLOSE)):  # a close mark that is no button (a span with ×)
        visible = [close.nth(i) for i in range(close.count()) if close.nth(i).is_visible()]
        if visible:
            visible[0].click()
            settle_motion(page)  # a panel sliding away covers the bodies until it is gone
            return clickable()
    return []
