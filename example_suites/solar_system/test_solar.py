"""Behaviour checks of a 3D solar system explorer, judged from the page, its pixels and its scene.

Each test fails only for the behaviour it is named for; uncaught page errors are judged by the two
error checks, and only noted in the messages of the others."""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Error, FloatRect, Page
from solar_helpers import (
    BODIES,
    FACTS,
    bodies,
    canvas,
    gesture_moves_view,
    how_found,
    planets_moved,
    shot,
    spoken,
    stats,
    wait_for_scene,
    wait_until_still,
)
from solar_panels import (
    others_in_view,
    panel_title,
    primary_body,
    reveal,
    reveal_unnamed,
    snapshot,
    unnamed_in_view,
)

from pytest_llmcode import BrowserLog, RunningApp
from pytest_llmcode.verify import ScreenBody, SetupError, assert_app_at_root, settle, view, wait_frames


def _problems(log: BrowserLog) -> list[str]:
    return [
        *(f"uncaught error: {e}" for e in log.page_errors),
        *(f"console error: {e}" for e in log.console_errors),
        *(f"did not load: {r}" for r in log.missing_resources),
    ]


def test_loads_without_errors(app_page: Page, app_log: BrowserLog) -> None:
    wait_for_scene(app_page)
    try:  # textures and models load after the first frames
        app_page.wait_for_load_state("networkidle", timeout=30_000)
    except Error:
        pass  # still loading: judged by what was asked so far
    wait_frames(app_page, 2)
    problems = _problems(app_log)
    assert not problems, "the app reports errors on load:\n" + "\n".join(problems)


def test_no_errors_while_used(app_page: Page, app_log: BrowserLog) -> None:
    """Dragging, zooming and clicking bodies (whatever the app offers) throws no uncaught error."""
    scene = wait_for_scene(app_page)
    box = canvas(scene).bounding_box()
    assert box is not None
    steps: list[Callable[[], object]] = [
        lambda: _drag(scene, box),
        lambda: _zoom(scene, box),
        lambda: reveal(scene, "Sun"),
        lambda: reveal(scene, next(n for n, b in bodies(scene).items() if n != "Sun" and b.clickable)),
    ]
    for step in steps:
        try:
            step()
        except (AssertionError, StopIteration):
            pass  # a feature the app lacks: its own test says so
        settle(scene)
    wait_frames(scene, 2)
    assert not app_log.page_errors, "the app threw uncaught errors while used:\n" + "\n".join(app_log.page_errors)


def test_canvas_renders(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    result = stats(scene, shot(scene))
    assert result.foreground > 0.01, f"the canvas is nearly blank: {result.foreground:.2%} drawn over the background"
    assert result.colours >= 6, f"the canvas shows only {result.colours} colour(s)"


# the frames an idle machine draws of a simple scene in three seconds, and the most time given to
# an app drawing slowly to draw them
ANIMATION_FRAMES = 120
ANIMATION_PATIENCE_S = 20.0


def test_scene_animates(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    moved = planets_moved(scene)
    if moved is not None:  # the planets themselves must move (twinkling stars are not orbits)
        count, most = moved
        assert count, f"no planet moves in the scene over a second (the largest move: {most:.2%} of its radius)"
        return
    first, drawn, change, began = shot(scene), 0, 0.0, time.monotonic()
    # a slow orbit is watched three seconds; an app that moves its planets a step per frame, drawing
    # slowly under load, until it has drawn as many frames as an idle machine draws in that time
    rounds = 0
    while rounds < 3 or (drawn < ANIMATION_FRAMES and time.monotonic() - began < ANIMATION_PATIENCE_S):
        drawn += wait_frames(scene, 2, at_least_ms=1_000)
        rounds += 1
        change = stats(scene, first, shot(scene)).changed or 0.0
        if change > 0.0005:
            return
    raise AssertionError(f"two frames {time.monotonic() - began:.0f} seconds apart differ in only {change:.3%} of "
                         f"pixels ({drawn} frames drawn between them)")


# whether a press or a wheel at (x, y) reaches the scene: no label, panel or button lies over it there
_ON_SCENE = """([x, y]) => {
  const top = document.elementFromPoint(x, y);
  return !!top && (top.tagName === 'CANVAS' || !!top.querySelector('canvas'));
}"""
# where a gesture is made, as fractions of the scene's box, on no label (labels move with their
# planets: one may pass over the first place just then, and take the press or the wheel itself).
# A drag starts away from the Sun; a zoom is made near the middle.
_DRAG_STARTS = ((0.2, 0.8), (0.12, 0.9), (0.3, 0.92), (0.08, 0.7), (0.6, 0.9), (0.2, 0.15))
_ZOOM_PLACES = ((0.5, 0.5), (0.42, 0.6), (0.58, 0.4), (0.4, 0.38), (0.6, 0.62), (0.5, 0.72))


def _on_scene(scene: Page, box: FloatRect, places: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    """The first of ``places`` where the scene is the top element, else the first."""
    points = [(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy) for fx, fy in places]
    return next((point for point in points if scene.evaluate(_ON_SCENE, list(point))), points[0])


def _drag(scene: Page, box: FloatRect) -> None:
    x, y = _on_scene(scene, box, _DRAG_STARTS)
    scene.mouse.move(x, y)
    scene.mouse.down()
    for step in range(1, 11):
        scene.mouse.move(x + 25 * step, y - 8 * step)
    scene.mouse.up()


def _zoom(scene: Page, box: FloatRect) -> None:
    """Five turns of the wheel over the scene (out), where no label lies over it."""
    scene.mouse.move(*_on_scene(scene, box, _ZOOM_PLACES))
    for _ in range(5):
        scene.mouse.wheel(0, 400)


def _judge_gesture(scene: Page, gesture: Callable[[], None], failure: str) -> None:
    if view(scene) is not None:
        during, alone = gesture_moves_view(scene, gesture)
        assert during > 1e-3 and during > 1.5 * alone + 1e-3, (
            f"{failure} (the view changed by {during:.3g} with the gesture, {alone:.3g} in as long without it)")
        return
    # no scene to read (an old three.js): the picture must change more with the gesture than without it
    first = shot(scene)
    wait_frames(scene, 3, at_least_ms=400)
    second = shot(scene)
    alone = stats(scene, first, second).changed or 0.0
    gesture()
    wait_frames(scene, 3, at_least_ms=400)
    during = stats(scene, second, shot(scene)).changed or 0.0
    assert during > 0.01 and during > 2 * alone, (
        f"{failure} (the picture changed by {during:.1%} with the gesture, {alone:.1%} in as long without it)")


def test_drag_rotates_the_view(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    box = canvas(scene).bounding_box()
    assert box is not None
    _judge_gesture(scene, lambda: _drag(scene, box), "dragging across the scene did not change the view")


def test_scroll_zooms(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    box = canvas(scene).bounding_box()
    assert box is not None
    _judge_gesture(scene, lambda: _zoom(scene, box), "scrolling over the scene did not zoom")


def test_sun_and_planets_are_in_the_scene(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    found = bodies(scene)
    missing = [name for name in BODIES if name not in found]
    assert not missing, (f"not found in the scene: {', '.join(missing)} "
                         f"(found: {', '.join(found) or 'none'}{how_found(found)})")


def test_clicking_a_body_shows_its_facts(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    panel = reveal(scene, "Sun", step="find the Sun to click" if "Sun" not in bodies(scene) else None)
    text = " ".join(panel.inner_text().split())
    missing = [fact for fact, pattern in FACTS.items() if not pattern.search(text)]
    assert not missing, f"the panel of the Sun shows no {' and no '.join(missing)}: {text[:300]!r}"


def test_clicking_another_body_updates_the_panel(app_page: Page) -> None:
    scene = wait_for_scene(app_page)
    found = bodies(scene)
    # set-up: the details of one body shown (the Sun's, else a planet's), by whatever the app offers;
    # a person whose clicks showed nothing loads the page again and tries once more
    first = _show_first(scene, found)
    if first is None and not unnamed_in_view(scene):
        scene.reload(wait_until="load")
        first = _show_first(wait_for_scene(scene), bodies(scene), again=True)
    if first is None and unnamed_in_view(scene):
        # the clicks above may have shown a panel they could not tie to a name (a panel that then keeps its
        # first body would look stuck): start again from the page as it loads
        scene.reload(wait_until="load")
        _another_unnamed_body_updates_the_panel(wait_for_scene(scene))
        return
    if first is None:
        raise SetupError("show a body's details first", "clicking the Sun or three planets showed no panel, tooltip or "
                         f"dialog that names it{how_found(found)}")
    wait_until_still(scene)  # the camera may fly to that body
    visible = _others_after_zooming_out(scene, first)
    if not visible:
        raise SetupError("click another body", f"after showing {spoken(first)}'s details no other planet is on screen, "
                         "not even after zooming out")
    # a person who clicked a planet and saw nothing tries one more before concluding the panel keeps its body
    tried: list[str] = []
    panel = None
    while panel is None:
        planet = visible[0].name
        snapshot(scene)
        try:
            panel = reveal(scene, planet)
        except AssertionError as exc:  # the panel stayed as it was
            tried.append(str(exc))
            visible = [b for b in others_in_view(scene, first) if b.name != planet] if len(tried) < 2 else []
            if not visible:
                raise AssertionError(f"after {spoken(first)}'s details were shown, " + "; then ".join(tried)) from None
    about = primary_body(scene)
    assert about == planet, (f"after clicking {planet}, what changed on the page is about {about or 'no body'}: "
                             f"{' '.join(panel.inner_text().split())[:200]!r}")


def _others_after_zooming_out(scene: Page, shown: str, rounds: int = 3) -> list[ScreenBody]:
    """The planets a person could click after ``shown``'s details: those on screen, else those a person
    finds by zooming out (the app's camera may have flown so close to ``shown`` that it fills the view)."""
    visible = others_in_view(scene, shown)
    for _ in range(rounds if not visible else 0):
        box = canvas(scene).bounding_box()
        if box is None:
            break
        _zoom(scene, box)
        wait_until_still(scene)
        visible = others_in_view(scene, shown)
        if visible:
            break
    return visible


def _show_first(scene: Page, found: dict[str, ScreenBody], again: bool = False) -> str | None:
    """The Sun's details shown, else a planet's (the largest first): the name of the body, or None.
    ``again``: a last try, the Sun and the largest planet once each."""
    planets = sorted((n for n in found if n != "Sun" and found[n].clickable), key=lambda n: -found[n].radius)
    for name in ["Sun", *planets][: 2 if again else 4]:  # planets move: each gets a second try
        try:
            reveal(scene, name, attempts=1 if again else 3 if name == "Sun" else 2)
        except AssertionError:
            continue
        return name
    return None


def _another_unnamed_body_updates_the_panel(scene: Page) -> None:
    """Planets no name fits (made-up names, or not eight of them), told apart by their order outward
    from the Sun: a person clicks one, then another, and sees the panel's title change."""
    inferred = "(no planet's name fits these bodies: they are told apart by their order outward from the Sun)"
    first, title = None, ""
    for body in unnamed_in_view(scene)[:3]:
        panel = reveal_unnamed(scene, body)
        if panel is not None:
            first, title = body, panel_title(panel)
            break
    if first is None:
        raise SetupError("show a body's details first", "clicking the Sun or three planets showed no panel, tooltip "
                         f"or dialog with its facts {inferred}")
    wait_until_still(scene)
    now, target = title, ""
    for _ in range(3):  # a moving body may slip from under the pointer on a busy machine: a stuck panel stays stuck
        visible = unnamed_in_view(scene, first.name)
        if not visible:
            raise SetupError("click another body", f"after showing the {first.name}'s details no other planet is on "
                             f"screen {inferred}")
        target = visible[0].name
        panel = reveal_unnamed(scene, visible[0])
        now = panel_title(panel) if panel is not None else title
        if now and now != title:
            return
    assert now and now != title, (f"after clicking the {target} (three times), the panel still shows {title!r} (it "
                                  f"showed that for the {first.name}) {inferred}")


def test_app_is_at_the_workspace_root(llm_app: RunningApp) -> None:
    assert_app_at_root(llm_app.workspace)
