// tfjs's cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js…" on its first
// tensor; selectBackend silences it (see silenceFirstUseAdvice in select-backend.ts).
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectBackend } from './select-backend';

describe('the tfjs-node advice banner', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not printed when a worker computes on the cpu backend, and tfjs still warns about other things', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await selectBackend({ force: 'cpu' });
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).toEqual([2, 3]);
    const printed = warn.mock.calls.map((args) => args.join(' '));
    expect(printed.filter((line) => line.includes('Hi, looks like'))).toEqual([]);
    // Not silenced wholesale (PROD mode would drop this kind of warning too).
    expect(tf.env().getBool('PROD')).toBe(false);
  });
});
