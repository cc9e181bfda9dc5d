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

_LOCATE = """
(names) => {
  const s = window.__llmcode_three;
  if (!s || !s.scene || !s.camera) return { ready: false, frames: s ? s.frames : 0, scenes: s ? s.scenes.length : 0 };
  const { scene, camera, canvas } = s;
  scene.updateMatrixWorld();
  camera.updateMatrixWorld();
  const rect = canvas.getBoundingClientRect();
  const V = camera.position.constructor;
  const screenOf = (point) => {
    const p = point.clone().project(camera);
    return { x: rect.left + (p.x + 1) / 2 * rect.width, y: rect.top + (1 - p.y) / 2 * rect.height, z: p.z };
  };
  const nameOf = (object) => {
    for (let o = object; o && o !== scene; o = o.parent) {
      const n = `${o.name || ''} ${(o.userData && (o.userData.name || o.userData.body && o.userData.body.name)) || ''}`;
      if (n.trim()) return n;
    }
    return '';
  };
  const meshes = [];
  scene.traverseVisible((object) => {
    if (!object.isMesh || object.isInstancedMesh) return;
    const geometry = object.geometry;
    if (geometry && !geometry.boundingSphere) geometry.computeBoundingSphere();
    const centre = object.getWorldPosition(new V());
    const scale = object.getWorldScale(new V());
    const sphere = geometry && geometry.boundingSphere;
    const radius = (sphere ? sphere.radius : 1) * Math.max(scale.x, scale.y, scale.z);
    const type = (geometry && geometry.type) || '';
    const material = Array.isArray(object.material) ? object.material[0] : object.material;
    const shell = !!material && (material.side === 1 || (material.transparent && material.opacity < 0.6));
    meshes.push({ object, centre, radius, label: nameOf(object).toLowerCase(), shell,
                  round: /Sphere|Icosahedron|Octahedron|Dodecahedron/.test(type) });
  });
  const place = (m, how) => {
    const c = screenOf(m.centre);
    const edge = screenOf(m.centre.clone().add(camera.up.clone().setLength(m.radius)));
    const onScreen = c.x >= rect.left && c.x <= rect.right && c.y >= rect.top && c.y <= rect.bottom;
    const radius = Math.hypot(edge.x - c.x, edge.y - c.y);
    // where a person would click: its centre, else the part of it that no label or panel covers
    const free = (x, y) => {
      const top = document.elementFromPoint(x, y);
      return !top || top === canvas || top.contains(canvas);
    };
    const inside = (x, y) => x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
    let at = { x: c.x, y: c.y }, covered = false;
    if (onScreen && c.z > -1 && c.z < 1 && !free(c.x, c.y)) {
      const r = radius * 0.6;
      at = [[0, r], [-r, 0], [r, 0], [0, -r]].map(([dx, dy]) => ({ x: c.x + dx, y: c.y + dy }))
        .find((p) => inside(p.x, p.y) && free(p.x, p.y)) || at;
      covered = at.x === c.x && at.y === c.y;
    }
    return { x: at.x, y: at.y, centre: [c.x, c.y], radius, inFront: c.z > -1 && c.z < 1, onScreen, covered, how,
             mesh: m, world: [m.centre.x, m.centre.y, m.centre.z], size: m.radius };
  };
  const found = {};
  for (const m of meshes) {  // by name
    for (const name of names) {
      if (!m.label.split(/[^a-z0-9]+/).includes(name.toLowerCase())) continue;
      const candidate = place(m, 'name');
      if (!found[name] || candidate.radius > found[name].radius) found[name] = candidate;
    }
  }
  const taken = new Set(Object.values(found).map((b) => b.mesh));
  const missing = () => names.filter((name) => !found[name]);
  if (missing().length) {  // by an HTML label beside a mesh, each label to its own mesh
    const pairs = [];
    const placed = meshes.filter((m) => !taken.has(m)).map((m) => ({ m, p: place(m, 'label') }))
      .filter(({ p }) => p.inFront && p.onScreen);  // a label is beside a body one can see
    const named = [...document.querySelectorAll('body *')].filter((element) => {
      const text = (element.textContent || '').trim().toLowerCase();
      const box = element.getBoundingClientRect();
      return missing().some((n) => n.toLowerCase() === text) && !element.closest('canvas') && box.width && box.height;
    });
    // a label beside a body is placed on its own (absolute, fixed or moved by a transform, alone in
    // what places it); the entries of a menu or list are laid out together and label no mesh
    const placedAlone = (element) => {
      for (let e = element, depth = 0; e && e !== document.body && depth < 4; e = e.parentElement, depth += 1) {
        if (named.some((other) => other !== element && e.contains(other))) return false;
        const style = getComputedStyle(e);
        if (style.position === 'absolute' || style.position === 'fixed' || style.transform !== 'none') return true;
      }
      return false;
    };
    for (const element of named.filter(placedAlone)) {
      const text = (element.textContent || '').trim().toLowerCase();
      const name = missing().find((n) => n.toLowerCase() === text);
      const box = element.getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      for (const { m, p } of placed) {
        const d = Math.hypot(p.centre[0] - cx, p.centre[1] - cy) - p.radius;
        if (d < 120) pairs.push({ name, m, p, d });
      }
    }
    pairs.sort((a, b) => a.d - b.d);
    for (const { name, m, p } of pairs) {
      if (found[name] || taken.has(m)) continue;
      found[name] = p;
      taken.add(m);
    }
  }
  let inferred = 0;
  let rest = [];  // bodies outward that no name fits (made-up planets, or not eight of them)
  if (missing().length) {  // by place: the central body, then the spheres outward from it
    const round = meshes.filter((m) => m.round && !m.shell && m.radius > 0);
    const sizes = round.map((m) => m.radius).sort((a, b) => a - b);
    const median = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
    const bodies = round.filter((m) => m.radius < median * 60);  // not a sky sphere
    const sun = (found.Sun && found.Sun.mesh) || bodies.slice().sort((a, b) =>
      (a.centre.length() - b.centre.length()) || (b.radius - a.radius))[0];
    if (sun) {
      const others = bodies.filter((m) => m !== sun && m.centre.distanceTo(sun.centre) > sun.radius);
      // one body per place: meshes inside one another (a planet and its clouds or glow, as children or
      // concentric spheres) are one body, seen as the largest; a small sphere close to a larger body
      // (a moon) is not a planet
      const holds = (outer, inner) => {
        for (let e = inner.parent; e; e = e.parent) if (e === outer) return true;
        return false;
      };
      const group = others.map((_, i) => i);
      const root = (i) => (group[i] === i ? i : (group[i] = root(group[i])));
      others.forEach((m, i) => others.forEach((o, j) => {
        if (j <= i) return;
        const together = holds(o.object, m.object) || holds(m.object, o.object)
          || o.centre.distanceTo(m.centre) < 0.5 * Math.min(o.radius, m.radius);
        if (together) group[root(j)] = root(i);
      }));
      const places = new Map();
      others.forEach((m, i) => {
        const best = places.get(root(i));
        if (!best || m.radius > best.radius) places.set(root(i), m);
      });
      const seen = [...places.values()];
      const moon = (m) => seen.some((o) => o !== m && m.radius < 0.4 * o.radius
        && o.centre.distanceTo(m.centre) < 4 * o.radius);
      const kept = seen.filter((m) => !moon(m));
      kept.sort((a, b) => a.centre.distanceTo(sun.centre) - b.centre.distanceTo(sun.centre));
      const order = [sun, ...kept];
      if (!found[names[0]] && names[0].toLowerCase() === 'sun' && !taken.has(sun)) {
        found[names[0]] = place(sun, 'place');
        taken.add(sun);
        inferred += 1;
      }
      if (kept.length >= names.length - 1) {
        names.forEach((name, index) => {
          if (found[name] || index === 0 || taken.has(order[index])) return;
          found[name] = place(order[index], 'place');
          taken.add(order[index]);
          inferred += 1;
        });
      }
      rest = kept.filter((m) => !taken.has(m))
        .map((m) => Object.assign(place(m, 'place'), { order: kept.indexOf(m) + 1 }));
    }
  }
  for (const body of [...Object.values(found), ...rest]) delete body.mesh;
  return { ready: true, frames: s.frames, found, rest, inferred, meshes: meshes.length,
           canvas: [rect.left, rect.top, rect.width, rect.height] };
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
    covered: bool  # another element (a panel, a label) lies over that point
    how: str = "name"  # how it was recognised: by its name, by a label beside it, or by its place
    world: tuple[float, float, float] = (0.0, 0.0, 0.0)  # its centre in the scene
    size: float = 0.0  # its radius in the scene

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
                      (float(b["world"][0]), float(b["world"][1]), float(b["world"][2])), float(b["size"]))


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
