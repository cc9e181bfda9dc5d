import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Added for the port from Create React App: the sources keep JSX in .js files.
export default defineConfig({
  plugins: [react()],
  esbuild: { loader: 'jsx', include: /src\/.*\.js$/, exclude: [] },
  optimizeDeps: { esbuildOptions: { loader: { '.js': 'jsx' } } },
})
