"""See the scene of any three.js app (plain three, react-three-fiber, ...) from outside.

three.js announces every ``Scene`` and ``WebGLRenderer`` it creates to
``window.__THREE_DEVTOOLS__`` when that global exists. The init script below provides
it before the app loads, and wraps each renderer's ``render`` to remember the scene and
camera of the last frame. From those, objects are found by name and projected to screen
coordinates, and the view (camera against scene) can be compared before and after a
gesture. Nothing here depends on hooks that the app was asked to provide.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from playwright.sync_api import Page

INIT_SCRIPT = """
(() => {
  if (window.__llmcode_three) return;
  const state = { scenes: [], renderers: [], scene: null, camera: null, canvas: null, frames: 0 };
  const hub = new EventTarget();
  hub.addEventListener('observe', (event) => {
    const thing = event.detail;
    if (!thing) return;
    if (thing.isScene) state.scenes.push(thing);
    if (typeof thing.render === 'function' && thing.domElement) {
      state.renderers.push(thing);
      const render = thing.render;
      thing.render = function (scene, camera, ...rest) {
        if (scene && scene.isScene) {
          state.scene = scene;
          state.camera = camera;
          state.canvas = thing.domElement;
          state.frames += 1;
        }
        return render.call(this, scene, camera, ...rest);
      };
    }
  });
  window.__THREE_DEVTOOLS__ = hub;
  window.__llmcode_three = state;
})();
"""

_LOCATE = """
(names) => {
  const s = window.__llmcode_three;
  if (!s || !s.scene || !s.camera) return { ready: false, frames: s ? s.frames : 0, scenes: s ? s.scenes.length : 0 };
  const { scene, camera, canvas } = s;
  scene.updateMatrixWorld();
  const rect = canvas.getBoundingClientRect();
  const found = {};
  const nameOf = (object) => {
    for (let o = object; o && o !== scene; o = o.parent) {
      const n = `${o.name || ''} ${(o.userData && (o.userData.name || o.userData.body && o.userData.body.name)) || ''}`;
      if (n.trim()) return n;
    }
    return '';
  };
  const meshes = [];
  scene.traverseVisible((object) => {
    if (!object.isMesh) return;
    const label = nameOf(object).toLowerCase();
    meshes.push(object);
    for (const name of names) {
      if (!label.split(/[^a-z0-9]+/).includes(name.toLowerCase())) continue;
      const centre = object.getWorldPosition(object.position.clone());
      const ndc = centre.clone().project(camera);
      const geometry = object.geometry;
      if (geometry && !geometry.boundingSphere) geometry.computeBoundingSphere();
      const scale = object.getWorldScale(object.position.clone());
      const sphere = geometry && geometry.boundingSphere ? geometry.boundingSphere.radius : 1;
      const radius = sphere * Math.max(scale.x, scale.y, scale.z);
      const edge = centre.clone().add(camera.up.clone().setLength(radius)).project(camera);
      const x = rect.left + (ndc.x + 1) / 2 * rect.width;
      const y = rect.top + (1 - ndc.y) / 2 * rect.height;
      const ex = rect.left + (edge.x + 1) / 2 * rect.width;
      const ey = rect.top + (1 - edge.y) / 2 * rect.height;
      const candidate = {
        name, x, y, radius: Math.hypot(ex - x, ey - y), inFront: ndc.z > -1 && ndc.z < 1,
        onScreen: x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom,
      };
      const top = candidate.onScreen ? document.elementFromPoint(x, y) : null;
      candidate.covered = !!top && top !== canvas && !top.contains(canvas);
      const previous = found[name];
      if (!previous || candidate.radius > previous.radius) found[name] = candidate;
    }
  });
  // names from nearby labels: an HTML label that reads exactly the name, beside a mesh
  const missing = names.filter((name) => !found[name]);
  if (missing.length) {
    const project = (object) => {
      const p = object.getWorldPosition(object.position.clone()).project(camera);
      return { x: rect.left + (p.x + 1) / 2 * rect.width, y: rect.top + (1 - p.y) / 2 * rect.height, z: p.z };
    };
    const placed = meshes.map((object) => ({ object, ...project(object) })).filter((m) => m.z > -1 && m.z < 1);
    for (const element of document.querySelectorAll('body *')) {
      const text = (element.textContent || '').trim().toLowerCase();
      const name = missing.find((n) => n.toLowerCase() === text);
      if (!name || found[name] || element.closest('canvas')) continue;
      const box = element.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      let best = null;
      for (const m of placed) {
        const d = Math.hypot(m.x - cx, m.y - cy);
        if (d < 90 && (!best || d < best.d)) best = { ...m, d };
      }
      if (!best) continue;
      const geometry = best.object.geometry;
      if (geometry && !geometry.boundingSphere) geometry.computeBoundingSphere();
      const r = geometry && geometry.boundingSphere ? geometry.boundingSphere.radius : 1;
      const centre = best.object.getWorldPosition(best.object.position.clone());
      const edge = centre.add(camera.up.clone().setLength(r)).project(camera);
      const ey = rect.top + (1 - edge.y) / 2 * rect.height;
      const top = document.elementFromPoint(best.x, best.y);
      found[name] = {
        name, x: best.x, y: best.y, radius: Math.abs(ey - best.y), inFront: true,
        onScreen: best.x >= rect.left && best.x <= rect.right && best.y >= rect.top && best.y <= rect.bottom,
        covered: !!top && top !== canvas && !top.contains(canvas), fromLabel: true,
      };
    }
  }
  return { ready: true, frames: s.frames, found, canvas: [rect.left, rect.top, rect.width, rect.height] };
}
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


@dataclasses.dataclass(frozen=True)
class ScreenBody:
    name: str
    x: float
    y: float
    radius: float
    in_front: bool
    on_screen: bool
    covered: bool  # another element (a panel, a label) lies over that point

    @property
    def clickable(self) -> bool:
        return self.in_front and self.on_screen and not self.covered


def scene_ready(page: Page) -> dict[str, Any]:
    """What the init script saw: whether a three.js scene has been rendered yet."""
    result: dict[str, Any] = page.evaluate(_LOCATE, [])
    return result


def locate(page: Page, names: list[str]) -> dict[str, ScreenBody]:
    """Screen positions (CSS pixels) of the meshes named (or inside groups named) ``names``."""
    result = page.evaluate(_LOCATE, names)
    if not result.get("ready"):
        return {}
    return {
        name: ScreenBody(name, b["x"], b["y"], b["radius"], b["inFront"], b["onScreen"], b["covered"])
        for name, b in result["found"].items()
    }


def view(page: Page) -> list[float] | None:
    """The camera's view of the scene (view and projection matrices, zoom), or None."""
    result: list[float] | None = page.evaluate(_VIEW)
    return result


def view_change(before: list[float] | None, after: list[float] | None) -> float:
    if before is None or after is None:
        return 0.0
    return max(abs(a - b) for a, b in zip(before, after, strict=True))
