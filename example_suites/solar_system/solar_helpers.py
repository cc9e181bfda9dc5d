"""Find the bodies of a solar system app and judge its canvas, as a person would see them."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pytest_llmcode.verify import ImageStats, ScreenBody, image_stats, locate, scene_ready, view, view_change

BODIES = ["Sun", "Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
FACTS = {
    "radius": re.compile(r"radius|diameter", re.I),
    "orbital period": re.compile(r"orbit|period|year", re.I),
    "average temperature": re.compile(r"temp|°", re.I),
}


def wait_for_scene(page: Page) -> Page:
    """Wait until the app has rendered frames of a three.js scene (or say what was seen)."""
    for _ in range(50):
        seen = scene_ready(page)
        if seen.get("ready") and seen.get("frames", 0) >= 3:
            return page
        page.wait_for_timeout(100)
    raise AssertionError(f"no three.js scene was rendered within 5 s (seen: {seen})")


def canvas(page: Page) -> Locator:
    found = page.locator("canvas")
    expect(found.first, "a canvas on the page").to_be_visible()
    largest = max(range(found.count()), key=lambda i: (found.nth(i).bounding_box() or {"width": 0})["width"])
    return found.nth(largest)


def shot(page: Page) -> bytes:
    return canvas(page).screenshot()


def stats(page: Page, first: bytes, second: bytes | None = None) -> ImageStats:
    return image_stats(page.context, first, second)


def bodies(page: Page) -> dict[str, ScreenBody]:
    return locate(page, BODIES)


def named(name: str) -> re.Pattern[str]:
    # text content runs block elements together ("×SaturnRadius"): no \b after the name
    return re.compile(rf"(?<![A-Za-z]){name}(?![a-z])")


def panel_for(page: Page, name: str) -> Locator:
    """The innermost element that shows the body's name and its radius: the details panel."""
    return (
        page.locator("body *")
        .filter(has_text=named(name))
        .filter(has_text=FACTS["radius"])
        .filter(visible=True)
        .last
    )


def wait_until_still(page: Page, timeout_ms: int = 5_000) -> None:
    """Let a camera that is flying to a body arrive before aiming at anything."""
    previous = view(page)
    for _ in range(timeout_ms // 200):
        page.wait_for_timeout(200)
        current = view(page)
        if view_change(previous, current) < 1e-3:
            return
        previous = current


def click_body(page: Page, name: str) -> None:
    """Click where the body is on screen, recomputed before each try (bodies move)."""
    for _ in range(3):
        body = bodies(page).get(name)
        assert body is not None, f"{name} was not found in the scene"
        assert body.clickable, f"{name} is not on screen to click ({body})"
        page.mouse.click(body.x, body.y)
        try:
            expect(panel_for(page, name)).to_be_visible(timeout=2_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"clicking {name} at its place on screen showed no panel with its name and radius")
