import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { EffectComposer } from 'three/addons/postprocessing/EffectComposer.js';
import { RenderPass } from 'three/addons/postprocessing/RenderPass.js';
import { OutputPass } from 'three/addons/postprocessing/OutputPass.js';
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
  const orbiters = [];
  for (const body of BODIES) {
    const material =
      body.name === 'Sun'
        ? new THREE.MeshBasicMaterial({ color: body.color })
        : new THREE.MeshStandardMaterial({ color: body.color, roughness: 0.8 });
    const mesh = new THREE.Mesh(new THREE.SphereGeometry(body.size, 48, 24), material);
    mesh.userData.body = body;
    pickable.push(mesh);
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
      onSelect(hit.object.userData.body);
    }
  };
  renderer.domElement.addEventListener('pointerdown', onDown);
  renderer.domElement.addEventListener('pointerup', onUp);

  const onResize = () => {
    camera.aspect = container.clientWidth / container.clientHeight;
    camera.updateProjectionMatrix();
    renderer.setSize(container.clientWidth, container.clientHeight);
    composer.setSize(container.clientWidth, container.clientHeight);
  };
  window.addEventListener('resize', onResize);

  // reflections: a cube camera renders the scene six times a frame into an environment map
  const cubeTarget = new THREE.WebGLCubeRenderTarget(128);
  const cubeCamera = new THREE.CubeCamera(1, 1000, cubeTarget);
  scene.add(cubeCamera);
  scene.environment = cubeTarget.texture;
  // post-processing: the scene is rendered into a target, the canvas gets a full-screen quad
  const composer = new EffectComposer(renderer);
  composer.addPass(new RenderPass(scene, camera));
  composer.addPass(new OutputPass());
  // a second scene drawn over it each frame, with its own camera: a compass in a corner
  const hud = new THREE.Scene();
  const hudCamera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 10);
  const needle = new THREE.Mesh(new THREE.ConeGeometry(0.05, 0.2, 8), new THREE.MeshBasicMaterial({ color: 0xff4444 }));
  needle.position.set(0.85, -0.8, 0);
  hud.add(needle);

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
    cubeCamera.update(renderer, scene);
    composer.render();
    renderer.autoClear = false;
    needle.rotation.z = -controls.getAzimuthalAngle();
    renderer.render(hud, hudCamera);
    renderer.autoClear = true;
  });

  return {
    focusOn(body) {
      const mesh = pickable.find((m) => m.userData.body === body);
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
