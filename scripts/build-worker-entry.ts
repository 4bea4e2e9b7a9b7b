// Builds one worker entry (a job worker, the model session) into `outfile` the way
// scripts/build.mjs bundles workers: for integration tests that fork a fresh build of the entry
// they test, without rebuilding the whole of dist/.
import { build } from 'esbuild';
import { join } from 'node:path';

export async function buildWorkerEntry(entryPoint: string, outfile: string): Promise<void> {
  await build({
    absWorkingDir: join(import.meta.dirname, '..'),
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
