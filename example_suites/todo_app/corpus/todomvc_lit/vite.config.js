import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// Added for the port from wireit + rollup to Vite; like TodoMVC's own Svelte and Vue
// examples, it copies todomvc-common's base.js (and base.css, which index.html links).
export default defineConfig({
    plugins: [
        viteStaticCopy({
            targets: [
                { src: 'node_modules/todomvc-common/base.js', dest: '.', rename: { stripBase: true } },
                { src: 'node_modules/todomvc-common/base.css', dest: '.', rename: { stripBase: true } },
            ],
        }),
    ],
    base: './',
});
