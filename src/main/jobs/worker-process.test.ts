// The host's side of the worker channel with a stand-in worker (echo-worker.fixture.mjs): typed
// arrays cross it as typed arrays both ways (structured clone, serialization 'advanced'), which
// is what lets results carry samples or audio without JSON number lists.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WorkerTask, WorkerToHost } from '../../shared/jobs/protocol';
import { startWorker } from './worker-process';

const fixture = fileURLToPath(new URL('./echo-worker.fixture.mjs', import.meta.url));

function roundTrip(job: WorkerTask): Promise<{ messages: WorkerToHost[]; code: number | null }> {
  return new Promise((resolve) => {
    const messages: WorkerToHost[] = [];
    startWorker(fixture, 'job-1', job, {
      onMessage: (m) => messages.push(m),
      onExit: (code) => resolve({ messages, code }),
    });
  });
}

describe('worker channel', () => {
  it('carries Float32Array, Int32Array and Uint8Array payloads both ways as binary', async () => {
    const big = new Float32Array(1 << 20).map((_, i) => i * 0.5);
    const payload = { f32: new Float32Array([1.5, -2, Math.PI]), i32: new Int32Array([-7, 2 ** 31 - 1]), u8: new Uint8Array([0, 7, 255]), big };
    const { messages, code } = await roundTrip({ task: 'probe', payload } as unknown as WorkerTask);
    expect(code).toBe(0);
    const [result] = messages;
    if (result?.type !== 'result') throw new Error(`expected a result, got ${JSON.stringify(result)}`);
    const echoed = result.result as unknown as {
      payload: typeof payload;
      made: { u8: Uint8Array; f32: Float32Array };
      arrived: Record<string, string>;
    };
    // The worker received typed arrays, not objects of numbered keys …
    expect(echoed.arrived).toEqual({ f32: 'Float32Array', i32: 'Int32Array', u8: 'Uint8Array', big: 'Float32Array' });
    // … and the host gets typed arrays back, values intact.
    expect(echoed.payload.f32).toBeInstanceOf(Float32Array);
    expect(Array.from(echoed.payload.f32)).toEqual([1.5, -2, Math.fround(Math.PI)]);
    expect(echoed.payload.i32).toEqual(new Int32Array([-7, 2 ** 31 - 1]));
    expect(echoed.payload.u8).toEqual(new Uint8Array([0, 7, 255]));
    expect(echoed.payload.big).toBeInstanceOf(Float32Array);
    expect(echoed.payload.big.length).toBe(1 << 20);
    expect(echoed.payload.big[(1 << 20) - 1]).toBe(((1 << 20) - 1) * 0.5);
    expect(echoed.made.u8).toEqual(new Uint8Array([1, 2, 255]));
    expect(echoed.made.f32).toEqual(new Float32Array([0.25, -1]));
  });
});
