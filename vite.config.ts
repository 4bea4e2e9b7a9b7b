// Builds the renderer (src/renderer) into dist/renderer. The same bundle is loaded by the Electron
// window (file://) and by serve mode (http://127.0.0.1), so asset paths are relative. The app icon
// (assets/icon.svg: favicon and app bar) is emitted as a file, never inlined as a data: URL, so it
// loads under the strict same-origin CSP in both.
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
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
  },
});
