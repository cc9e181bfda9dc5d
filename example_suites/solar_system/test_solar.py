"""Behaviour checks of a 3D solar system explorer, judged from the page, its pixels and its scene."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from solar_helpers import (
    BODIES,
    FACTS,
    bodies,
    canvas,
    click_body,
    named,
    panel_for,
    shot,
    stats,
    wait_for_scene,
    wait_until_still,
)

from pytest_llmcode import BrowserLog, RunningApp
from pytest_llmcode.verify import assert_app_at_root, view, view_change


def test_loads_without_errors(app_page: Page, app_log: BrowserLog) -> None:
    app_page.wait_for_timeout(2_000)  # textures and models load after the first frame
    assert not app_log.console_errors, "console errors:\n" + "\n".join(app_log.console_errors)
    assert not app_log.failed_requests, "requests that failed:\n" + "\n".join(app_log.failed_requests)


def test_canvas_renders(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    result = stats(scene, shot(scene))
    assert result.foreground > 0.01, f"the canvas is nearly blank: {result.foreground:.2%} drawn over the background"
    assert result.colours >= 6, f"the canvas shows only {result.colours} colour(s)"


def test_scene_animates(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    first = shot(scene)
    scene.wait_for_timeout(1_000)
    change = stats(scene, first, shot(scene)).changed or 0.0
    assert change > 0.0005, f"two frames a second apart differ in only {change:.3%} of pixels"


def test_drag_rotates_the_view(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    box = canvas(scene).bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.8  # away from the Sun
    before = view(scene)
    scene.mouse.move(x, y)
    scene.mouse.down()
    for step in range(1, 11):
        scene.mouse.move(x + 25 * step, y - 8 * step)
    scene.mouse.up()
    scene.wait_for_timeout(300)
    assert view_change(before, view(scene)) > 1e-3, "dragging across the scene did not change the view"


def test_scroll_zooms(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    box = canvas(scene).bounding_box()
    assert box is not None
    scene.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = view(scene)
    for _ in range(5):
        scene.mouse.wheel(0, 400)
        scene.wait_for_timeout(60)
    scene.wait_for_timeout(300)
    assert view_change(before, view(scene)) > 1e-3, "scrolling over the scene did not zoom"


def test_sun_and_planets_are_in_the_scene(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    found = bodies(scene)
    missing = [name for name in BODIES if name not in found]
    assert not missing, f"not found in the scene: {', '.join(missing)} (found: {', '.join(found) or 'none'})"


def test_clicking_a_body_shows_its_facts(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    click_body(scene, "Sun")
    panel = panel_for(scene, "Sun")
    for fact, pattern in FACTS.items():
        expect(panel, f"the panel shows the {fact}").to_contain_text(pattern)


def test_clicking_another_body_updates_the_panel(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    click_body(scene, "Sun")
    wait_until_still(scene)  # the camera flies to the Sun
    visible = sorted(
        (b for name, b in bodies(scene).items() if name != "Sun" and b.clickable and b.radius >= 4),
        key=lambda b: -b.radius,
    )
    assert visible, "after focusing the Sun no planet is on screen to click"
    planet = visible[0].name
    click_body(scene, planet)
    panel = panel_for(scene, planet)
    expect(panel, f"the panel now shows {planet}").to_be_visible()
    expect(panel, "the panel no longer shows the Sun").not_to_contain_text(named("Sun"))


def test_app_is_at_the_workspace_root(llm_app: RunningApp) -> None:
    assert_app_at_root(llm_app.workspace)
