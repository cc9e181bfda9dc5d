"""See the scene of any three.js app (plain three, react-three-fiber, ...) from outside.

three.js announces every ``Scene`` and ``WebGLRenderer`` it creates to
``window.__THREE_DEVTOOLS__`` when that global exists. The init script below provides it before
the app loads, and wraps each renderer's ``render`` to learn which scene is the one a person sees:
the scene drawn to the canvas by a perspective camera (the camera the user's controls move). A
scene drawn into a cube camera's target (reflections) is never it; with post-processing, where the
canvas only gets a full-screen quad, the perspective render into a target is. Frames of that scene
are counted and timed, so that waits follow the app's own frame rate.

Bodies are found as a person finds them: by the names of meshes (or of the groups holding them),
else by an HTML label beside one (each label to its own mesh), else by their place: the central
body, then the spheres outward from it (moons and atmospheres set aside). A body found by its place
says so (``how``), and messages say it. Nothing here depends on hooks the app was asked to provide.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from playwright.sync_api import Page

from pytest_llmcode.verify.bodies_script import LOCATE as _LOCATE

INIT_SCRIPT = """
(() => {
  if (window.__llmcode_three) return;
  const state = { scenes: [], renderers: [], scene: null, camera: null, canvas: null, frames: 0, times: [],
                  rank: -1, rankAt: 0 };
  const hub = new EventTarget();
  const rankOf = (renderer, scene, camera) => {
    const target = renderer.getRenderTarget ? renderer.getRenderTarget() : null;
    if (target && (target.isWebGLCubeRenderTarget || target.isCubeRenderTarget)) return -1;
    if (!camera || (camera.parent && camera.parent.isCubeCamera)) return -1;
    return (camera.isPerspectiveCamera ? 4 : 0) + (target ? 0 : 2);
  };
  hub.addEventListener('observe', (event) => {
    const thing = event.detail;
    if (!thing) return;
    if (thing.isScene) state.scenes.push(thing);
    if (typeof thing.render === 'function' && thing.domElement) {
      state.renderers.push(thing);
      const render = thing.render;
      thing.render = function (scene, camera, ...rest) {
        if (scene && scene.isScene) {
          const rank = rankOf(this, scene, camera);
          const now = performance.now();
          // the best render seen lately wins; a better one takes over at once, a worse one only
          // once the best has not been seen for a while (the app switched scenes): for several of
          // its frames, however slowly the app draws (a post-processing pass renders between them)
          const wait = Math.max(500, 4 * (state.gap || 0));
          if (rank >= 0 && (rank >= state.rank || now - state.rankAt > wait)) {
            if (rank === state.rank && state.rankAt) state.gap = now - state.rankAt;
            state.scene = scene;
            state.camera = camera;
            state.canvas = this.domElement;
            state.rank = rank;
            state.rankAt = now;
            state.frames += 1;
            state.times.push(now);
            if (state.times.length > 30) state.times.shift();
          }
        }
        return render.call(this, scene, camera, ...rest);
      };
    }
  });
  // frames of an app whose three.js announces nothing (before r94): its animation-frame callbacks
  state.raf = 0;
  state.rafTimes = [];
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => request((now) => {
    state.raf += 1;
    state.rafTimes.push(performance.now());
    if (state.rafTimes.length > 30) state.rafTimes.shift();
    return callback(now);
  });
  window.__THREE_DEVTOOLS__ = hub;
  window.__llmcode_three = state;
})();
"""

_VIEW = """
() => {
  const s = window.__llmcode_three;
  if (!s || !s.scene || !s.camera) return null;
  s.camera.updateMatrixWorld();
  s.scene.updateMatrixWorld();
  const view = s.camera.matrixWorldInverse.clone().multiply(s.scene.matrixWorld);
  const projection = s.camera.projectionMatrix.elements;
  return [...view.elements, ...projection, s.camera.zoom || 1];
}
"""

_FRAMES = """() => {
  const s = window.__llmcode_three;
  if (!s) return { frames: 0, fps: 0 };
  const announced = s.renderers.length > 0;  // else: the app's animation frames stand for its draws
  const t = announced ? s.times : s.rafTimes;
  const fps = t.length > 1 ? (t.length - 1) * 1000 / Math.max(1, t[t.length - 1] - t[0]) : 0;
  return { frames: announced ? s.frames : s.raf, fps, since: t.length ? performance.now() - t[t.length - 1] : null };
}"""


@dataclasses.dataclass(frozen=True)
class ScreenBody:
    name: str
    x: float
    y: float
    radius: float
    in_front: bool
    on_screen: bool
    covered: bool  # another element (a panel, a label) or another body lies over every point tried
    how: str = "name"  # how it was recognised: by its name, by a label beside it, or by its place
    world: tuple[float, float, float] = (0.0, 0.0, 0.0)  # its centre in the scene
    size: float = 0.0  # its radius in the scene
    order: int = 0  # for a body no name fits (see :func:`unnamed`): its place outward from the centre

    @property
    def clickable(self) -> bool:
        return self.in_front and self.on_screen and not self.covered

    def recognised(self) -> str:
        """How a person would say it was found."""
        return {"name": "by its name", "label": "by the label beside it",
                "place": "by its place (the meshes have no names: the central body, then outward)"}[self.how]


def unnamed(page: Page, names: list[str]) -> list[ScreenBody]:
    """The bodies outward from the central one that none of ``names`` fits (an app with made-up
    planets, or not as many as ``names``), in their order outward, each named by it ("the 3rd body
    out from the centre")."""
    result = page.evaluate(_LOCATE, names)
    return [_screen_body(f"{_ordinal(b['order'])} body out from the centre", b) for b in result.get("rest", [])]


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _screen_body(name: str, b: dict[str, Any]) -> ScreenBody:
    return ScreenBody(name, b["x"], b["y"], b["radius"], b["inFront"], b["onScreen"], b["covered"], b["how"],
                      (float(b["world"][0]), float(b["world"][1]), float(b["world"][2])), float(b["size"]),
                      int(b.get("order", 0)))


# where the aimed-at body is when each pointer event of a click arrives (a capture listener, ahead of
# the app's own): how far from its centre the pointer was, in units of its radius on the screen, and
# where the camera was (an app that flies the camera to a body on the press moved it, not the clock)
_ARM = """([names, name, order]) => {
  if (!window.__llmcode_locate) window.__llmcode_locate = """ + _LOCATE + """;
  if (!window.__llmcode_aim) {
    const record = (event) => {
      const aim = window.__llmcode_aim;
      if (!aim.names) return;
      const found = window.__llmcode_locate(aim.names);
      const body = aim.order ? (found.rest || []).find((b) => b.order === aim.order) : (found.found || {})[aim.name];
      const camera = window.__llmcode_three.camera.matrixWorld.elements.join(',');
      const off = body && body.radius > 0  // null: not found then, so no telling
        ? Math.hypot(event.clientX - body.centre[0], event.clientY - body.centre[1]) / body.radius : null;
      aim.events.push({ type: event.type, off, camera });
    };
    for (const type of ['pointerdown', 'pointerup']) window.addEventListener(type, record, true);
  }
  window.__llmcode_aim = { names, name, order, events: [] };
}"""
# a miss: a press off the body, or a release off it with the camera where it was at the press (the
# body moved on by itself); the largest distance of those, or null
_MISSED = """() => {
  const events = (window.__llmcode_aim || { events: [] }).events;
  window.__llmcode_aim = { events: [] };
  let press = null;
  const off = [];
  for (const e of events) {
    if (e.type === 'pointerdown') press = e;
    if (e.off !== null && e.off > 1 && (e.type === 'pointerdown' || (press && press.camera === e.camera))) {
      off.push(e.off);
    }
  }
  return off.length ? Math.max(...off) : null;
}"""


def click_body(page: Page, body: ScreenBody, names: list[str], *, double: bool = False) -> float | None:
    """Click (or double-click) ``body`` where it is on the screen, as found by :func:`locate` with
    ``names`` (or by :func:`unnamed`). Bodies move: on a slow machine one may have moved on before
    the click arrives. Returns None when the pointer was on the body as each of the click's
    pointer events arrived; else how far off it was then, in units of the body's radius on screen
    (a miss: the app cannot be blamed for what it did with that click)."""
    page.evaluate(_ARM, [names, body.name, body.order])
    if double:
        page.mouse.dblclick(body.x, body.y)
    else:
        page.mouse.click(body.x, body.y)
    off: float | None = page.evaluate(_MISSED)
    return off


def scene_ready(page: Page) -> dict[str, Any]:
    """What the init script saw: whether a three.js scene has been rendered yet."""
    result: dict[str, Any] = page.evaluate(_LOCATE, [])
    return result


def frame_rate(page: Page) -> tuple[int, float]:
    """(frames of the scene drawn so far, frames per second lately)."""
    result = page.evaluate(_FRAMES)
    return int(result["frames"]), float(result["fps"])


def wait_frames(page: Page, count: int = 2, at_least_ms: float = 0, patience_s: float = 60.0) -> int:
    """Wait until the app has drawn ``count`` more frames of its scene (and ``at_least_ms`` passed):
    whatever a gesture or the clock changed is then on screen, however slowly the app draws. Gives
    up after ``patience_s``; returns the frames drawn meanwhile."""
    start, _ = frame_rate(page)
    began = time.monotonic()
    while True:
        frames, _ = frame_rate(page)
        elapsed = time.monotonic() - began
        if frames - start >= count and elapsed * 1000 >= at_least_ms:
            return frames - start
        if elapsed > patience_s:
            return frames - start
        page.wait_for_timeout(30)


def locate(page: Page, names: list[str]) -> dict[str, ScreenBody]:
    """Screen positions (CSS pixels) of the bodies ``names`` (see the module for how they are found)."""
    result = page.evaluate(_LOCATE, names)
    if not result.get("ready"):
        return {}
    return {name: _screen_body(name, b) for name, b in result["found"].items()}


def view(page: Page) -> list[float] | None:
    """The camera's view of the scene (view and projection matrices, zoom), or None."""
    result: list[float] | None = page.evaluate(_VIEW)
    return result


def view_change(before: list[float] | None, after: list[float] | None) -> float:
    if before is None or after is None:
        return 0.0
    return max(abs(a - b) for a, b in zip(before, after, strict=True))
