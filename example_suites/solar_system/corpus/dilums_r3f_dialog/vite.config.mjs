import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Create React App compiled JSX in .js files; Vite does so only for .jsx unless told.
export default defineConfig({
  plugins: [react({ include: /\.(js|jsx)$/ })],
  esbuild: { loader: "jsx", include: /src\/.*\.js$/, exclude: [] },
  optimizeDeps: { esbuildOptions: { loader: { ".js": "jsx" } } },
});
