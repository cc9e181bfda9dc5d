import { defineConfig } from "vite";

// The original index.html mapped "three" and "jsm/" to a CDN with an import map;
// the same mapping, to the npm package of the same version.
export default defineConfig({
  resolve: {
    alias: [{ find: /^jsm\//, replacement: "three/examples/jsm/" }],
  },
});
