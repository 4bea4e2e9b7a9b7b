import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { quietRunContext } from '../engine/training/run-context';
import { runTraining } from '../engine/training/training-loop';
import { MelodyVae, melodyVaeConfig, melodyVaeDefaults, type MelodyVaeSpec } from './melody-vae';

const tiny: MelodyVaeSpec = { steps: 8, vocabulary: 6, encoderUnits: 12, decoderUnits: 10, latentSize: 4, learningRate: 0.02, seed: 5 };

/** A toy batch: four melodies (rising, falling, a repeated note, alternating), twice → 8 × 8 tokens. */
function toyBatch(): Int32Array {
  const melodies = [
    [0, 1, 2, 3, 4, 5, 4, 3],
    [5, 4, 3, 2, 1, 0, 1, 2],
    [2, 2, 2, 2, 3, 3, 3, 3],
    [0, 5, 0, 5, 0, 5, 0, 5],
  ];
  return Int32Array.from([...melodies, ...melodies].flat());
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function losses(steps: number): Promise<number[]> {
  const model = new MelodyVae(tiny);
  const batch = toyBatch();
  try {
    const out: number[] = [];
    for (let i = 0; i < steps; i++) out.push(await model.trainStep(batch));
    return out;
  } finally {
    model.dispose();
  }
}

describe('MelodyVae', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
  });

  it('fills defaults (MusicVAE small melody model) and refuses a config it cannot build', () => {
    expect(melodyVaeConfig({ seed: 1 })).toEqual({ ...melodyVaeDefaults, seed: 1 });
    expect(() => melodyVaeConfig({ seed: 1, latentSize: 0 })).toThrow(/latentSize must be a positive integer/);
    expect(() => melodyVaeConfig({ seed: 1, steps: 1 })).toThrow(/steps must be at least 2/);
  });

  it('names and counts its weights', () => {
    const model = new MelodyVae(tiny);
    try {
      const lstm = (input: number, units: number, context = 0) => (input + units + context + 1) * 4 * units;
      // Forward and backward encoder LSTMs, μ and σ heads, initial state, decoder LSTM with z as context, output.
      const expected = 2 * lstm(6, 12) + 2 * (24 * 4 + 4) + (4 * 20 + 20) + lstm(6, 10, 4) + (10 * 6 + 6);
      expect(model.parameterCount).toBe(expected);
      expect(Object.keys(model.variables)).toContain('encoder/forward/kernel');
      expect(Object.keys(model.variables)).toContain('decoder/lstm/contextKernel');
    } finally {
      model.dispose();
    }
  });

  it('encodes a batch to μ and σ of [batch, latent] and decodes z to melodies of the configured length', async () => {
    const before = tf.memory().numTensors;
    const model = new MelodyVae(tiny);
    try {
      const { mu, sigma } = model.encode(toyBatch());
      expect(mu.shape).toEqual([8, 4]);
      expect(sigma.shape).toEqual([8, 4]);
      expect(Math.min(...sigma.dataSync())).toBeGreaterThan(0);
      const decoded = await model.decode(mu);
      expect(decoded).toBeInstanceOf(Int32Array);
      expect(decoded).toHaveLength(8 * 8);
      expect(decoded.every((t) => t >= 0 && t < 6)).toBe(true);
      // The decoder's step caches one constant on first use; after that decoding leaves nothing.
      const settled = tf.memory().numTensors;
      expect(await model.decode(mu, { steps: 3 })).toHaveLength(8 * 3);
      expect(tf.memory().numTensors).toBe(settled);
      const sampled = await model.sample(2, 8, 11);
      expect(sampled).toHaveLength(16);
      expect(await model.sample(2, 8, 11)).toEqual(sampled);
      tf.dispose([mu, sigma]);
      expect(() => model.encode(new Int32Array(7))).toThrow(/whole sequences of 8 tokens/);
      expect(() => model.encode(Int32Array.from({ length: 8 }, () => 6))).toThrow(/token 6 is outside the vocabulary of 6/);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns a toy batch: seeded steps repeat exactly and the loss falls', async () => {
    const run = await losses(25);
    expect(run.every(Number.isFinite)).toBe(true);
    expect(mean(run.slice(-5))).toBeLessThan(mean(run.slice(0, 5)) * 0.9);
    expect(await losses(4)).toEqual(run.slice(0, 4));
  });

  it('trains with the engine training loop and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const model = new MelodyVae(tiny);
    const batch = toyBatch();
    const outcome = await runTraining({
      model,
      batchAt: () => batch,
      totalSteps: 20,
      batchSize: 8,
      optimizer: model.optimizerOptions,
      context: quietRunContext(),
    });
    model.dispose();
    expect(outcome.losses).toHaveLength(20);
    expect(mean(outcome.losses.slice(-5))).toBeLessThan(mean(outcome.losses.slice(0, 5)));
    expect(tf.memory().numTensors).toBe(before);
  });
});
