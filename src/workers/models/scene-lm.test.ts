import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { Trainer } from '../engine/training/trainer';
import { pickToken, SceneLm, type SceneLmBatch } from './scene-lm';

/** Windows of 9 tokens from the cycle 3 4 5 6 7 (vocabulary 10), each starting somewhere else. */
function cycleWindows(n: number, length = 8): Int32Array {
  const out = new Int32Array(n * (length + 1));
  for (let w = 0; w < n; w++) for (let t = 0; t <= length; t++) out[w * (length + 1) + t] = 3 + ((w + t) % 5);
  return out;
}

describe('SceneLm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
  });

  it('learns a cycle (the loss falls) and then continues it greedily', async () => {
    const model = new SceneLm({ vocabulary: 10, embedding: 8, hiddenUnits: 16, learningRate: 0.03, clipNorm: 5, seed: 3 });
    const windows = cycleWindows(10);
    const before = model.evaluate(windows, 8);
    const trainer = new Trainer<SceneLmBatch>(model, model.optimizerOptions);
    for (let step = 0; step < 60; step++) await trainer.trainStep({ tokens: windows, length: 8 });
    trainer.dispose();
    const after = model.evaluate(windows, 8);
    expect(after.loss).toBeLessThan(before.loss * 0.5);
    expect(after.accuracy).toBeGreaterThan(0.9);
    const [row] = await model.generate(Int32Array.from([3, 4, 5]), { count: 1, maxSteps: 5, temperature: 0, seed: 1 });
    expect(row).toEqual([6, 7, 3, 4, 5]);
    model.dispose();
  });

  it('draws repeatably by seed, never a banned token, only allowed ones, and stops a row at a stop token', async () => {
    const model = new SceneLm({ vocabulary: 12, embedding: 4, hiddenUnits: 8, learningRate: 0.01, clipNorm: 5, seed: 9 });
    const options = { count: 3, maxSteps: 30, temperature: 1.5, seed: 77, banned: [0, 1] };
    const a = await model.generate(Int32Array.from([2, 5]), options);
    // After the first draw (the LSTM keeps a gate-scale constant it makes once), none are left behind.
    const tensorsBefore = tf.memory().numTensors;
    const b = await model.generate(Int32Array.from([2, 5]), options);
    expect(a).toEqual(b);
    for (const row of a) for (const t of row) expect(t === 0 || t === 1).toBe(false);
    const only = await model.generate(Int32Array.from([2]), { ...options, allowed: (_, drawn) => (drawn.length % 2 === 0 ? [4] : [6, 7]) });
    for (const row of only) row.forEach((t, i) => expect(i % 2 === 0 ? [4] : [6, 7]).toContain(t));
    const stopped = await model.generate(Int32Array.from([2]), { ...options, stop: [4, 5, 6, 7, 8, 9, 10, 11, 2, 3] });
    for (const row of stopped) expect(row).toHaveLength(1);
    const streamed: [number, number][] = [];
    await model.generate(Int32Array.from([2]), { ...options, count: 2, maxSteps: 4, onToken: (r, t) => streamed.push([r, t]) });
    expect(streamed).toHaveLength(8);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it('picks tokens: the likeliest at temperature 0, within the allowed set, skipping banned ones', () => {
    const logits = Float32Array.from([5, 1, 3, 0]);
    const rng = { next: () => 0.5 };
    expect(pickToken(logits, 0, rng, new Set(), null)).toBe(0);
    expect(pickToken(logits, 0, rng, new Set([0]), null)).toBe(2);
    expect(pickToken(logits, 1, rng, new Set(), [1, 3])).toBeOneOf([1, 3]);
    expect(pickToken(logits, 1, { next: () => 0.999 }, new Set([0, 1, 2]), null)).toBe(3);
  });

  it('refuses windows that do not divide the batch and tokens outside the vocabulary', () => {
    const model = new SceneLm({ vocabulary: 5, embedding: 4, hiddenUnits: 4, learningRate: 0.01, clipNorm: 5, seed: 1 });
    expect(() => model.evaluate(new Int32Array(10), 8)).toThrow(/whole windows of 9/);
    expect(() => model.evaluate(Int32Array.from([1, 2, 9]), 2)).toThrow(/outside the vocabulary/);
    model.dispose();
  });
});
