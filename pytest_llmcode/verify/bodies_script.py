"""The page-side script that finds the bodies of a three.js scene on the screen, for
:mod:`pytest_llmcode.verify.three`: by the names of meshes (or of the groups holding them), else by an
HTML label beside one, else by their place (the central body, then the spheres outward). For each it
gives where a person would click it (a point no label, panel or other body covers) and how it was
recognised. It reads the scene and camera the init script of :mod:`pytest_llmcode.verify.three` keeps
in ``window.__llmcode_three``."""

from __future__ import annotations

LOCATE = """
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
  // the other bodies on the line of sight through a point of the mesh, each in front of it or not:
  // spheres (no shell around the camera, none holding the mesh or held by it, like its clouds)
  const spheres = meshes.filter((o) => o.round && !o.shell && o.radius > 0);
  const holds = (outer, inner) => {  // outer is one of inner's ancestors
    for (let e = inner.parent; e; e = e.parent) if (e === outer) return true;
    return false;
  };
  const related = (a, b) => holds(a, b) || holds(b, a);
  const crossing = (m, x, y) => {
    const ndc = [(x - rect.left) / rect.width * 2 - 1, -((y - rect.top) / rect.height * 2 - 1)];
    const from = new V(ndc[0], ndc[1], -1).unproject(camera);
    const direction = new V(ndc[0], ndc[1], 1).unproject(camera).sub(from).normalize();
    const entry = (o) => {  // how far along the line of sight it enters the sphere o, or null
      const to = o.centre.clone().sub(from);
      const along = to.dot(direction);
      const across = to.lengthSq() - along * along;
      return across > o.radius * o.radius ? null : along - Math.sqrt(o.radius * o.radius - across);
    };
    const own = entry(m);
    if (own === null) return [];
    const apart = (o) => o.centre.distanceTo(m.centre) >= Math.max(o.radius, m.radius) && !related(o.object, m.object);
    return spheres.filter((o) => o !== m && apart(o))
      .map((o) => ({ t: entry(o) })).filter(({ t }) => t !== null && t > 0).map(({ t }) => ({ front: t < own }));
  };
  const place = (m, how) => {
    const c = screenOf(m.centre);
    // its edge seen from the camera: up on the screen (the world's up foreshortens under a camera looking down)
    const edge = screenOf(m.centre.clone().add(new V().setFromMatrixColumn(camera.matrixWorld, 1).setLength(m.radius)));
    const onScreen = c.x >= rect.left && c.x <= rect.right && c.y >= rect.top && c.y <= rect.bottom;
    const radius = Math.hypot(edge.x - c.x, edge.y - c.y);
    // where a person would click: its centre, else a part of it that no label or panel covers and no
    // other body passes in front of; best where no other body is behind it either (an app may send the
    // click to every body under the pointer)
    const free = (x, y) => {
      const top = document.elementFromPoint(x, y);
      return !top || top === canvas || top.contains(canvas);
    };
    const inside = (x, y) => x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
    let at = { x: c.x, y: c.y }, covered = false;
    if (onScreen && c.z > -1 && c.z < 1) {
      const r = radius * 0.6;
      const points = [[0, 0], [0, r], [-r, 0], [r, 0], [0, -r]].map(([dx, dy]) => ({ x: c.x + dx, y: c.y + dy }))
        .filter((p) => inside(p.x, p.y) && free(p.x, p.y));
      const seen = points.map((p) => ({ p, others: crossing(m, p.x, p.y) }));
      const best = seen.find((s) => !s.others.length) || seen.find((s) => !s.others.some((t) => t.front));
      if (best) at = best.p;
      covered = !best;
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
      // a moon: a small sphere beside a larger body. It is that body's moon for sure when the two share
      // a group of their own (no other planet in it, nor the central body); when the meshes say nothing
      // (each placed in the scene by hand), the spheres nearest a larger body are moons only as long as
      // there are more bodies than names: planets passing one another on their orbits stay planets
      const tied = [], loose = [];
      for (const m of seen) {
        let best = null;
        for (const o of seen) {
          const d = o.centre.distanceTo(m.centre);
          if (o === m || m.radius >= 0.4 * o.radius || d >= 4 * o.radius) continue;
          const up = new Set();
          for (let e = m.object.parent; e; e = e.parent) up.add(e);
          let common = o.object.parent;
          while (common && !up.has(common)) common = common.parent;
          const own = !!common && common !== scene && !holds(common, sun.object) && seen.every((x) =>
            x === m || x === o || x.radius < 0.4 * o.radius || !holds(common, x.object));
          const score = d / o.radius;
          if (!best || own > best.own || (own === best.own && score < best.score)) best = { m, own, score };
        }
        if (best) (best.own ? tied : loose).push(best);
      }
      const kept = seen.filter((m) => !tied.some((t) => t.m === m));
      loose.sort((a, b) => a.score - b.score);
      for (const { m } of loose) {
        if (kept.length <= names.length - 1) break;
        kept.splice(kept.indexOf(m), 1);
      }
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
