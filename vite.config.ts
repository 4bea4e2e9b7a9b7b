// Builds the renderer (src/renderer) into dist/renderer. The same bundle is loaded by the Electron
// window (file://) and by serve mode (http://127.0.0.1), so asset paths are relative.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
