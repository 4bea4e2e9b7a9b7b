import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { wantedWasmThreads } from './wasm-threads';

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
});
