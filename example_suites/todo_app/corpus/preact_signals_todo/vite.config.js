import { defineConfig } from "vite";

// The JSX settings of the demos site's own vite.config.ts (docs/vite.config.ts).
export default defineConfig({
	esbuild: {
		jsx: "automatic",
		jsxImportSource: "preact",
	},
});
