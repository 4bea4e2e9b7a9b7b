import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyWorkerScript, wantedWasmThreads, writeWorkerScript } from './wasm-threads';

/** The pool script's text as tfjs-backend-wasm ships it (a string for a Blob URL). */
function shippedWorkerContents(): string {
  const require = createRequire(import.meta.url);
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '..', 'wasm-out');
  return (require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string }).wasmWorkerContents;
}

const probe = async (threads: number): Promise<{ detail: string; product: number[] }> => {
  const env: NodeJS.ProcessEnv = { ...process.env, MONTAGE_WASM_THREADS: String(threads) };
  delete env.VITEST;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/workers/backend/wasm-threads-probe.ts'], { env, timeout: 60_000 });
  return JSON.parse(stdout) as { detail: string; product: number[] };
};

describe('threaded wasm', () => {
  it('starts the pthreads build with two threads, computes what one thread computes, and lets the process exit', async () => {
    const [one, two] = await Promise.all([probe(1), probe(2)]);
    expect(one.detail).toBe('SIMD on, 1 thread');
    expect(two.detail).toBe('SIMD on, 2 threads');
    expect(two.product).toHaveLength(2000);
    expect(two.product).toEqual(one.product);
  });

  it('takes the thread count from MONTAGE_WASM_THREADS, else the cores but one (one under Vitest), 1 to 8', () => {
    expect(wantedWasmThreads({ MONTAGE_WASM_THREADS: '3' })).toBe(3);
    expect(wantedWasmThreads({ MONTAGE_WASM_THREADS: '64' })).toBe(8);
    expect(wantedWasmThreads({ MONTAGE_WASM_THREADS: 'lots', VITEST: 'true' })).toBe(1);
    expect(wantedWasmThreads({}, 2)).toBe(1);
    expect(wantedWasmThreads({}, 1)).toBe(1);
    expect(wantedWasmThreads({}, 6)).toBe(5);
    expect(wantedWasmThreads({}, 32)).toBe(8);
  });

  it('ignores a script another user planted at the old predictable temp path', async () => {
    // Before: <tmp>/montage-tfjs-wasm-pthread-<hash>.cjs was run as is if it existed.
    const source = shippedWorkerContents().replace(/\n/g, '\\n');
    const oldPath = join(tmpdir(), `montage-tfjs-wasm-pthread-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.cjs`);
    const marker = join(mkdtempSync(join(tmpdir(), 'montage-marker-')), 'planted-code-ran');
    writeFileSync(oldPath, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    try {
      const two = await probe(2);
      expect(two.detail).toBe('SIMD on, 2 threads');
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(oldPath, { force: true });
      rmSync(dirname(marker), { recursive: true, force: true });
    }
  });

  it('writes the pool script 0600 into a fresh 0700 folder, never reuses a file already there, and refuses one changed after writing', () => {
    const contents = shippedWorkerContents();
    const dir = mkdtempSync(join(tmpdir(), 'montage-wasm-test-'));
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      const script = writeWorkerScript(contents, dir);
      expect(statSync(script.path).mode & 0o777).toBe(0o600);
      expect(() => verifyWorkerScript(script)).not.toThrow();
      expect(readFileSync(script.path, 'utf8')).not.toContain('\n');

      // Something planted at the path before Montage writes is refused, not used.
      rmSync(script.path);
      writeFileSync(script.path, 'planted();');
      expect(() => writeWorkerScript(contents, dir)).toThrow(/a file is already there\); refusing to use it/);

      // Changed between writing and loading: refused (useThreadedWasm then falls back to one thread with this reason).
      writeFileSync(script.path, 'planted();');
      expect(() => verifyWorkerScript(script)).toThrow(/does not match what Montage wrote .*refusing to run it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
