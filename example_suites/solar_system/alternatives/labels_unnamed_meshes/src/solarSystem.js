import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { BODIES } from './bodies.js';

// Builds the scene in `container` and calls onSelect(body) when a body is clicked.
export function createSolarSystem(container, onSelect) {
  const renderer = new THREE.WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setSize(container.clientWidth, container.clientHeight);
  container.appendChild(renderer.domElement);

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x05060f);
  const camera = new THREE.PerspectiveCamera(50, container.clientWidth / container.clientHeight, 0.1, 2000);
  camera.position.set(0, 70, 120);

  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = true;
  controls.minDistance = 8;
  controls.maxDistance = 400;

  scene.add(new THREE.AmbientLight(0xffffff, 0.35));
  const sunlight = new THREE.PointLight(0xffffff, 3, 0, 0);
  scene.add(sunlight);
  scene.add(makeStars());

  const pickable = [];
  const bodyOf = new WeakMap();
  const labels = [];
  const projected = new THREE.Vector3();
  const orbiters = [];
  for (const body of BODIES) {
    const material =
      body.name === 'Sun'
        ? new THREE.MeshBasicMaterial({ color: body.color })
        : new THREE.MeshStandardMaterial({ color: body.color, roughness: 0.8 });
    const mesh = new THREE.Mesh(new THREE.SphereGeometry(body.size, 48, 24), material);
    bodyOf.set(mesh, body);
    pickable.push(mesh);
    const label = document.createElement('div');
    label.className = 'label';
    label.textContent = body.name;
    container.appendChild(label);
    labels.push({ label, mesh, body });
    if (body.distance === 0) {
      scene.add(mesh);
      continue;
    }
    const pivot = new THREE.Group();
    pivot.rotation.y = Math.random() * Math.PI * 2;
    mesh.position.x = body.distance;
    pivot.add(mesh);
    scene.add(pivot);
    scene.add(makeOrbit(body.distance));
    orbiters.push({ pivot, mesh, body });
  }

  let focused = null;
  const pointer = new THREE.Vector2();
  const raycaster = new THREE.Raycaster();
  let downAt = null;
  const onDown = (event) => {
    downAt = { x: event.clientX, y: event.clientY };
  };
  const onUp = (event) => {
    if (!downAt || Math.hypot(event.clientX - downAt.x, event.clientY - downAt.y) > 5) return; // a drag
    const rect = renderer.domElement.getBoundingClientRect();
    pointer.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    const hit = raycaster.intersectObjects(pickable, false)[0];
    if (hit) {
      focused = hit.object;
      onSelect(bodyOf.get(hit.object));
    }
  };
  renderer.domElement.addEventListener('pointerdown', onDown);
  renderer.domElement.addEventListener('pointerup', onUp);

  const onResize = () => {
    camera.aspect = container.clientWidth / container.clientHeight;
    camera.updateProjectionMatrix();
    renderer.setSize(container.clientWidth, container.clientHeight);
  };
  window.addEventListener('resize', onResize);

  const clock = new THREE.Clock();
  const target = new THREE.Vector3();
  renderer.setAnimationLoop(() => {
    const dt = clock.getDelta();
    for (const { pivot, body } of orbiters) pivot.rotation.y += body.speed * dt;
    if (focused) {
      focused.getWorldPosition(target);
      controls.target.lerp(target, 0.1);
    }
    controls.update();
    renderer.render(scene, camera);
    for (const { label, mesh, body } of labels) {
      mesh.getWorldPosition(projected).project(camera);
      const x = (projected.x + 1) / 2 * container.clientWidth;
      const y = (1 - projected.y) / 2 * container.clientHeight;
      label.style.display = projected.z < 1 ? 'block' : 'none';
      label.style.transform = `translate(-50%, -100%) translate(${x}px, ${y - body.size * 4 - 6}px)`;
    }
  });

  return {
    focusOn(body) {
      const mesh = pickable.find((m) => bodyOf.get(m) === body);
      if (!mesh) return;
      focused = mesh;
      mesh.getWorldPosition(target);
      const offset = camera.position.clone().sub(controls.target).setLength(body.size * 8 + 10);
      camera.position.copy(target).add(offset);
    },
    dispose() {
      renderer.setAnimationLoop(null);
      window.removeEventListener('resize', onResize);
      controls.dispose();
      renderer.dispose();
      container.removeChild(renderer.domElement);
      for (const { label } of labels) label.remove();
    },
  };
}

function makeOrbit(radius) {
  const points = [];
  for (let i = 0; i <= 128; i += 1) {
    const angle = (i / 128) * Math.PI * 2;
    points.push(new THREE.Vector3(Math.cos(angle) * radius, 0, Math.sin(angle) * radius));
  }
  const geometry = new THREE.BufferGeometry().setFromPoints(points);
  return new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: 0x2b3350 }));
}

function makeStars() {
  const positions = [];
  for (let i = 0; i < 1500; i += 1) {
    const v = new THREE.Vector3().randomDirection().multiplyScalar(600 + Math.random() * 300);
    positions.push(v.x, v.y, v.z);
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  return new THREE.Points(geometry, new THREE.PointsMaterial({ color: 0xffffff, size: 1.2 }));
}
