import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { createNextTokenBatches } from '../data/next-token-batches';
import { generateSyntheticMelodies, melodyVocabulary } from '../data/synthetic-melodies';
import { NextTokenLstm } from './next-token-lstm';

const spec = { vocabSize: melodyVocabulary.size, hiddenUnits: 16, seed: 3 };

async function train(steps: number): Promise<number[]> {
  const melodies = generateSyntheticMelodies({ count: 256, length: 17, seed: 3 });
  const batches = createNextTokenBatches(
    melodies.map((m) => m.tokens),
    8,
    3,
  );
  const model = new NextTokenLstm(spec);
  model.initialize();
  try {
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push(await model.trainStep(batches.next()));
    return losses;
  } finally {
    model.dispose();
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('NextTokenLstm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
  });

  it('counts its parameters', () => {
    // 4 gates × (39 inputs + 16 recurrent + 1 bias) × 16 units, then a 16 → 39 softmax layer.
    expect(new NextTokenLstm(spec).parameterCount).toBe(4 * (39 + 16 + 1) * 16 + 16 * 39 + 39);
  });

  it('starts near the uniform loss and learns the melodies within 30 steps', async () => {
    const losses = await train(30);
    expect(losses).toHaveLength(30);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(Math.abs((losses[0] as number) - Math.log(melodyVocabulary.size))).toBeLessThan(0.2);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.5);
  });

  it('repeats a run exactly for a seed', async () => {
    expect(await train(5)).toEqual(await train(5));
  });

  it('keeps a constant number of tensors across steps and frees them all on dispose', async () => {
    const before = tf.memory().numTensors;
    const batches = createNextTokenBatches(
      generateSyntheticMelodies({ count: 32, length: 9, seed: 1 }).map((m) => m.tokens),
      4,
      1,
    );
    const model = new NextTokenLstm(spec);
    model.initialize();
    await model.trainStep(batches.next());
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) await model.trainStep(batches.next());
    expect(tf.memory().numTensors).toBe(afterFirst);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to train before initialize()', async () => {
    const batch = createNextTokenBatches([Int32Array.from([2, 3, 4])], 1, 1).next();
    await expect(new NextTokenLstm(spec).trainStep(batch)).rejects.toThrow('initialize()');
  });
});
