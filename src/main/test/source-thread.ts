// Starts a worker thread from its TypeScript source, compiled on the fly by tsx, so unit tests and
// benchmarks can run Montage's threads without dist/ built. The shipped host starts the built
// entries instead (esbuild's bundles in dist/workers).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../paths';

/** `file`: the thread's entry, relative to the package root (src/workers/…/x-thread.ts). */
export function startSourceThread(file: string): Worker {
  // tsx's ESM API by its exports map (require.resolve would give its CommonJS build).
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  const tsx = pathToFileURL(join(dirname(manifest), (exports['./esm/api'] as { import: { default: string } }).import.default)).href;
  const entry = pathToFileURL(join(packageRoot(), file)).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}
