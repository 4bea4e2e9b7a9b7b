import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { musicModelConfigNames } from '../../shared/jobs/task-kinds';
import { melodyVocabularySize, noEventToken, noteOffToken, noteOnToken } from '../../shared/music/encoding';
import { musicModelManifest as manifestSchema } from '../../shared/models/manifest';
import { selectBackend } from '../backend/select-backend';
import { loadMusicVae, readMusicModelManifest, saveMusicVae, thinCurve } from './music-model-files';
import { betaAt, createMusicVae, musicVaeConfigs, namedMusicVaeConfig, samplingProbabilityAt, type MusicVae } from './music-vae';

const tiny = { encoderUnits: 16, decoderUnits: 24, conductorUnits: 12, latentSize: 8, learningRate: 0.01 } as const;

/** A 2-bar melody: each [pitch, sixteenths] note is a note-on then no-events; a rest is pitch 0 (a note-off). */
function melody(notes: [number, number][]): number[] {
  const out: number[] = [];
  for (const [pitch, length] of notes) {
    out.push(pitch === 0 ? noteOffToken : noteOnToken(pitch));
    for (let i = 1; i < length; i++) out.push(noEventToken);
  }
  if (out.length !== 32) throw new Error(`toy melody has ${out.length} steps`);
  return out;
}

/** Four 2-bar melodies (a scale up, a scale down, an arpeggio with rests, a repeated riff). */
const toyMelodies = [
  melody([[60, 4], [62, 4], [64, 4], [65, 4], [67, 4], [69, 4], [71, 4], [72, 4]]),
  melody([[72, 4], [71, 4], [69, 4], [67, 4], [65, 4], [64, 4], [62, 4], [60, 4]]),
  melody([[60, 2], [64, 2], [67, 2], [0, 2], [72, 8], [67, 2], [64, 2], [60, 4], [0, 8]]),
  melody([[55, 2], [55, 2], [58, 4], [55, 2], [55, 2], [60, 4], [55, 2], [55, 2], [58, 4], [53, 8]]),
];

/** The toy corpus, twice over: a batch of 8 × 32 tokens (or 8 × 64 for 4 bars: each melody played twice). */
function toyBatch(bars: 2 | 4 = 2): Int32Array {
  const rows = [...toyMelodies, ...toyMelodies].map((m) => (bars === 4 ? [...m, ...m] : m));
  return Int32Array.from(rows.flat());
}

/** Drum patterns as 9-bit masks (kick 1, snare 2, closed hat 4, open hat 8 …), 8 × 32 steps. */
function toyDrums(): Int32Array {
  const rock = Array.from({ length: 32 }, (_, s) => (s % 8 === 0 ? 1 : 0) | (s % 8 === 4 ? 2 : 0) | (s % 2 === 0 ? 4 : 0));
  const disco = Array.from({ length: 32 }, (_, s) => (s % 4 === 0 ? 1 : 0) | (s % 8 === 4 ? 2 : 0) | (s % 4 === 2 ? 8 : 0));
  const half = Array.from({ length: 32 }, (_, s) => (s % 16 === 0 ? 1 : 0) | (s % 16 === 8 ? 2 : 0) | (s % 4 === 0 ? 256 : 0));
  const fill = Array.from({ length: 32 }, (_, s) => (s < 24 ? (s % 8 === 0 ? 1 : 0) | (s % 2 === 0 ? 4 : 0) : [16, 32, 64][s % 3] as number));
  return Int32Array.from([rock, disco, half, fill, rock, disco, half, fill].flat());
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function train(model: MusicVae, batch: Int32Array, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) losses.push(await model.trainStep({ tokens: batch, step }));
  return losses;
}

describe('MusicVae', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-music-vae-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names three configurations: 2- and 4-bar melodies over the melody vocabulary, 2-bar drums over 512 classes', () => {
    expect(Object.keys(musicVaeConfigs).sort()).toEqual([...musicModelConfigNames].sort());
    expect(musicVaeConfigs['melody-2bar']).toMatchObject({ representation: 'melody', steps: 32, segments: 1, vocabulary: melodyVocabularySize() });
    expect(musicVaeConfigs['melody-4bar']).toMatchObject({ representation: 'melody', steps: 64, segments: 4, vocabulary: 38 });
    expect(musicVaeConfigs['drums-2bar']).toMatchObject({ representation: 'drums', steps: 32, segments: 1, vocabulary: 512 });
    expect(namedMusicVaeConfig('melody-2bar', { seed: 3, latentSize: 16 })).toMatchObject({ seed: 3, latentSize: 16, encoderUnits: 128 });
    expect(() => namedMusicVaeConfig('melody-4bar', { seed: 1, conductorUnits: 0 })).toThrow(/conductorUnits/);
  });

  it('anneals β linearly and raises the scheduled-sampling probability along an inverse sigmoid', () => {
    const c = { maxBeta: 0.5, betaWarmupSteps: 100, samplingRate: 100 };
    expect([0, 50, 100, 1000].map((s) => betaAt(c, s))).toEqual([0, 0.25, 0.5, 0.5]);
    expect(betaAt({ maxBeta: 0.2, betaWarmupSteps: 0 }, 0)).toBe(0.2);
    const p = [0, 200, 460, 1000, 100_000].map((s) => samplingProbabilityAt(c, s));
    expect(p[0]).toBeCloseTo(1 / 101, 6);
    expect(p[2]).toBeCloseTo(0.5, 1);
    expect(p).toEqual([...p].sort((a, b) => a - b));
    expect(p[4]).toBe(1);
    expect(samplingProbabilityAt({ samplingRate: 0 }, 5000)).toBe(0);
  });

  it.each([
    ['melody-2bar', 32, 38, () => toyBatch(2)],
    ['melody-4bar', 64, 38, () => toyBatch(4)],
    ['drums-2bar', 32, 512, () => toyDrums()],
  ] as const)('%s: encodes to μ, σ of [batch, latent] and decodes z to whole sequences in its vocabulary', async (name, steps, vocabulary, data) => {
    const before = tf.memory().numTensors;
    const model = createMusicVae(name, { ...tiny, seed: 2 });
    try {
      expect(model.config).toMatchObject({ steps, vocabulary });
      expect(model.inputWidth).toBe(name === 'drums-2bar' ? 9 : 38);
      const names = Object.keys(model.variables);
      expect(names).toContain('encoder/forward/kernel');
      expect(names).toContain('decoder/lstm/contextKernel');
      expect(names.includes('decoder/conductor/kernel')).toBe(name === 'melody-4bar');
      expect(model.variables['encoder/forward/kernel']?.shape).toEqual([model.inputWidth, 4 * 16]);
      expect(model.variables['decoder/output/kernel']?.shape).toEqual([24, vocabulary]);

      const tokens = data();
      const { mu, sigma } = model.encode(tokens);
      expect(mu.shape).toEqual([8, 8]);
      expect(sigma.shape).toEqual([8, 8]);
      expect(Math.min(...sigma.dataSync())).toBeGreaterThan(0);
      const sampled = await model.decode(mu, { seed: 4 });
      const greedy = await model.decode(mu, { temperature: 0 });
      tf.dispose([mu, sigma]);
      for (const drawn of [sampled, greedy]) {
        expect(drawn).toBeInstanceOf(Int32Array);
        expect(drawn).toHaveLength(8 * steps);
        expect(drawn.every((t) => t >= 0 && t < vocabulary)).toBe(true);
      }
      expect(await model.sample(3, { seed: 9, temperature: 0.7 })).toEqual(await model.sample(3, { seed: 9, temperature: 0.7 }));
      if (name === 'melody-4bar') {
        const z = tf.zeros([1, 8]) as tf.Tensor2D;
        await expect(model.decode(z, { steps: 20 })).rejects.toThrow(/whole bars of 16 steps/);
        z.dispose();
        expect(await model.sample(1, { steps: 32, seed: 1 })).toHaveLength(32);
      }
      const m = model.evaluate(tokens);
      expect(m.loss).toBeGreaterThan(0);
      expect(m.accuracy).toBeGreaterThanOrEqual(0);
      expect(m.accuracy).toBeLessThanOrEqual(1);
      expect(() => model.encode(new Int32Array(steps - 1))).toThrow(new RegExp(`whole sequences of ${steps} tokens`));
      expect(() => model.encode(Int32Array.from({ length: steps }, () => vocabulary))).toThrow(/outside the vocabulary/);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns a toy corpus of a few repeated melodies: the loss falls and reconstruction accuracy rises, repeatably for a seed', async () => {
    const before = tf.memory().numTensors;
    const batch = toyBatch();
    const model = createMusicVae('melody-2bar', { ...tiny, seed: 5, betaWarmupSteps: 20, samplingRate: 20 });
    try {
      const accuracyBefore = model.reconstructionAccuracy(batch);
      const losses = await train(model, batch, 60);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) * 0.6);
      const accuracyAfter = model.reconstructionAccuracy(batch);
      expect(accuracyAfter).toBeGreaterThan(accuracyBefore + 0.3);
      const figures = model.takeTrainingMetrics();
      // Step 59: β has reached maxBeta and about half the decoder inputs are the model's own draws.
      expect(figures?.beta).toBe(0.5);
      expect(figures?.samplingProbability).toBeCloseTo(1 - 20 / (20 + Math.exp(59 / 20)), 6);
      expect(figures?.kl).toBeGreaterThan(0);
      expect(model.takeTrainingMetrics()).toBeNull();

      const again = createMusicVae('melody-2bar', { ...tiny, seed: 5, betaWarmupSteps: 20, samplingRate: 20 });
      try {
        expect(await train(again, batch, 4)).toEqual(losses.slice(0, 4));
      } finally {
        again.dispose();
      }
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['melody-4bar', () => toyBatch(4)],
    ['drums-2bar', () => toyDrums()],
  ] as const)('%s learns its toy corpus too', async (name, data) => {
    const batch = data();
    const model = createMusicVae(name, { ...tiny, seed: 6, samplingRate: 0 });
    try {
      const accuracyBefore = model.reconstructionAccuracy(batch);
      const losses = await train(model, batch, 40);
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) * 0.7);
      expect(model.reconstructionAccuracy(batch)).toBeGreaterThan(accuracyBefore + 0.2);
    } finally {
      model.dispose();
    }
  });

  it('saves to a folder and loads back from it alone: same weights, same tokens for a fixed seed', async () => {
    const before = tf.memory().numTensors;
    const folder = join(dir, 'saved');
    const model = createMusicVae('melody-4bar', { ...tiny, seed: 8 });
    try {
      await train(model, toyBatch(4), 3);
      await saveMusicVae(model, folder, { configName: 'melody-4bar', stepsTrained: 3, metrics: { accuracy: 0.5, loss: 1.5 }, curve: thinCurve([3, 2, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.4]) });
      expect((await readdir(folder)).sort()).toEqual(['model.json', 'music-model.json', 'weights-00000003.bin']);
      const manifest = await readMusicModelManifest(folder);
      expect(manifestSchema.safeParse(manifest).success).toBe(true);
      expect(manifest).toMatchObject({ format: 'montage-music-model', version: 1, kind: 'melody', configName: 'melody-4bar', vocabulary: 38, steps: 64 });
      expect(manifest?.config).toMatchObject({ segments: 4, melodyRange: { minPitch: 48, maxPitch: 83 } });

      const loaded = await loadMusicVae(folder);
      try {
        expect(loaded.step).toBe(3);
        expect(loaded.model.config).toEqual(model.config);
        for (const [name, v] of Object.entries(model.variables)) expect(loaded.model.variables[name]?.dataSync()).toEqual(v.dataSync());
        const original = await model.sample(4, { seed: 21 });
        expect(await loaded.model.sample(4, { seed: 21 })).toEqual(original);
        expect(await loaded.model.sample(4, { seed: 21, temperature: 0 })).toEqual(await model.sample(4, { seed: 21, temperature: 0 }));
      } finally {
        loaded.model.dispose();
      }
      await expect(loadMusicVae(join(dir, 'nothing-here'))).rejects.toThrow(/no finished music model/);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('thins a long curve to at most 1000 points, keeping the first and last step', () => {
    const n = 2500;
    const losses = Array.from({ length: n }, (_, i) => 1 / (i + 1));
    const curve = thinCurve(losses, losses, []);
    expect(curve.steps).toHaveLength(1000);
    expect(curve.steps[0]).toBe(1);
    expect(curve.steps.at(-1)).toBe(n);
    expect(curve.kl).toHaveLength(1000);
    expect(curve.accuracy).toEqual([]);
  });
});
