// Builds everything into dist/: the renderer with Vite, and the Node side (CLI, host, workers,
// Electron main and preload) with esbuild. Dependencies stay external (native better-sqlite3,
// tfjs wasm files). `--if-stale` skips the build when dist/ is newer than every source file;
// `--node-only` skips the renderer.
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', 'cli', 'montage.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) return true;
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return sources > statSync(stamp).mtimeMs;
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = Date.now();
// `--node-only` rebuilds the host, CLI and workers and leaves the renderer bundle as it is.
if (!process.argv.includes('--node-only')) await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};
await esbuild({
  ...node,
  format: 'esm',
  entryPoints: {
    'workers/ml-worker': 'src/workers/ml-worker.ts',
    'workers/midi-parse-thread': 'src/workers/midi-parse-thread.ts',
    // The render thread installs node-web-audio-api's globals, then loads render-core (Tone.js).
    'workers/render-thread': 'src/workers/render/render-thread.ts',
    'workers/render-core': 'src/workers/render/render-core.ts',
    'workers/model-session': 'src/workers/session/model-session.ts',
    // Decodes audio files to 16 kHz mono for speech recognition (node-web-audio-api), off the event loop.
    'workers/speech-decode-thread': 'src/workers/speech/speech-decode-thread.ts',
    // For you's evaluation, fitting and ranking, off the host's event loop.
    'workers/recommend-thread': 'src/workers/recommend/recommend-thread.ts',
    'electron/main': 'src/main/electron/main.ts',
    'cli/montage': 'src/cli/montage.ts',
  },
  outdir: 'dist',
  external: ['electron'],
});
// Sandboxed Electron preloads must be CommonJS.
await esbuild({
  ...node,
  format: 'cjs',
  entryPoints: { 'electron/preload': 'src/main/electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});
console.log(`montage: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
