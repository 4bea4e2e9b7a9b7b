// The latent-constraints phase on a tiny seeded toy corpus: a small VAE trained on melodies in all
// twelve major keys at two densities, then the GAN on its latents. Asserts what generation relies
// on: the GAN's decoded samples are more in the asked key, and nearer the asked density, than the
// VAE prior's scored against the same asks. Real training, no mocks, no clocks.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noEventToken, noteOnToken } from '../../shared/music/encoding';
import { selectBackend } from '../backend/select-backend';
import { MusicVae, namedMusicVaeConfig } from '../models/music-vae';
import { latentGanFile, latentGanWeightsFile } from '../models/latent-gan';
import { loadAttributeSampler } from '../session/latent-gan-sampling';
import { attributesOf, labelsOf, manifestMetricsOf, trainLatentGan } from './train-latent-gan';
import { quietTaskContext, type TaskContext } from './task-context';
import { trainMusicConfig } from '../../shared/jobs/task-kinds';
import { readMusicModelManifest } from '../models/music-model-files';
import { runTrainMusic } from './train-music-task';

const major = [0, 2, 4, 5, 7, 9, 11, 12, 14, 16];

/** 2-bar melodies: for each tonic (all 12, from G3), scale shapes at 4 notes per bar (quarters) and 8 (eighths). */
function toyCorpus(): Int32Array {
  const shapes = [
    [0, 1, 2, 3, 4, 5, 6, 7],
    [7, 6, 5, 4, 3, 2, 1, 0],
    [0, 2, 4, 7, 4, 2, 0, 4],
    [6, 5, 4, 3, 2, 3, 4, 5],
  ];
  const out: number[] = [];
  for (let tonic = 0; tonic < 12; tonic++) {
    const root = 55 + tonic;
    for (const shape of shapes) {
      for (const perBar of [4, 8]) {
        const length = 16 / perBar;
        for (let k = 0; k < 2 * perBar; k++) {
          out.push(noteOnToken(root + (major[shape[k % 8] as number] as number)));
          for (let i = 1; i < length; i++) out.push(noEventToken);
        }
      }
    }
  }
  return Int32Array.from(out);
}

describe('trainLatentGan on a toy corpus', () => {
  let dir: string;
  let vae: MusicVae;
  let tokens: Int32Array;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-latent-gan-phase-'));
    tokens = toyCorpus();
    vae = new MusicVae(
      namedMusicVaeConfig('melody-2bar', { seed: 4, encoderUnits: 32, decoderUnits: 48, latentSize: 8, learningRate: 0.01, betaWarmupSteps: 100, maxBeta: 0.2, samplingRate: 0 }),
    );
    const n = tokens.length / 32;
    let s = 7;
    for (let step = 0; step < 250; step++) {
      const batch = new Int32Array(32 * 32);
      for (let k = 0; k < 32; k++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const e = s % n;
        batch.set(tokens.subarray(e * 32, (e + 1) * 32), k * 32);
      }
      await vae.trainStep({ tokens: batch, step });
    }
    // The first decode keeps one tensor for good (the engine's step kernels set up): before the leak checks.
    await vae.sample(1, { seed: 0 });
  }, 600_000);
  afterAll(async () => {
    vae?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('labels the toy examples with their key and density', () => {
    const attributes = attributesOf(vae, tokens.subarray(0, 8 * 32));
    // Tonic 0 is G (root 55): G major's collection.
    expect(attributes.map((a) => a.scaleClass)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    expect(attributes.map((a) => a.density)).toEqual([4, 8, 4, 8, 4, 8, 4, 8]);
    const labels = labelsOf(attributes, { useKey: true, densityEdges: [6], registerEdges: [] });
    expect(Array.from(labels.density)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('gives samples more in the asked key and nearer the asked density than the prior, saves them, and a session samples through them', async () => {
    const before = tf.memory().numTensors;
    const messages: string[] = [];
    const context: TaskContext = { ...quietTaskContext(), message: (m) => messages.push(m) };
    const { gan, metrics } = await trainLatentGan(
      vae,
      tokens,
      tokens.subarray(0, 24 * 32),
      { steps: 300, batchSize: 64, seed: 3, densityBuckets: 2, samplesPerClass: 8, outDir: dir, gan: { hiddenUnits: 64, learningRate: 2e-3 } },
      context,
    );
    expect(gan.config.densityEdges).toEqual([8]);
    // The numbers the report quotes (seeded, so they repeat on one backend).
    console.log('toy latent GAN', JSON.stringify(metrics));
    expect(metrics.ganKeyInScale).toBeGreaterThan(metrics.priorKeyInScale as number);
    expect(metrics.ganKeyInScale).toBeGreaterThan((metrics.priorKeyInScale as number) + 0.1);
    expect(metrics.ganDensityError).toBeLessThan(metrics.priorDensityError);
    expect(metrics.ganDensityAccuracy).toBeGreaterThan(metrics.priorDensityAccuracy);
    expect(metrics.classifierDensityAccuracy).toBeGreaterThan(0.9);
    expect(messages.at(-1)).toMatch(/^Latent GAN done in .*: in-scale for the asked key \d+% \(prior \d+%\), density bucket \d+% \(prior \d+%\)$/);
    expect(Object.keys(manifestMetricsOf(metrics))).toContain('latentGanGanKeyInScale');
    expect((await readdir(dir)).sort()).toEqual([latentGanWeightsFile, latentGanFile].sort());
    gan.dispose();

    // The session's sampler loads it and aims draws; the same seed repeats.
    const sampler = await loadAttributeSampler(dir, vae);
    expect(sampler.gan).not.toBeNull();
    const none = { signal: new AbortController().signal, partial: () => {} };
    const a = await sampler.sample({ count: 4, temperature: 1, seed: 2, key: { tonic: 9, mode: 'minor' }, density: 4 }, none);
    const b = await sampler.sample({ count: 4, temperature: 1, seed: 2, key: { tonic: 9, mode: 'minor' }, density: 4 }, none);
    expect(a).toMatchObject({ method: 'sampleWithAttributes', count: 4, steps: 32, conditioned: true });
    expect(a.z).toHaveLength(4 * 8);
    expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
    sampler.dispose();

    // A folder without a GAN samples the prior, exactly as MusicVae.sample does.
    const plain = await loadAttributeSampler(join(dir, 'none'), vae);
    const prior = await plain.sample({ count: 3, temperature: 1, seed: 6, density: 4 }, none);
    expect(prior.conditioned).toBe(false);
    expect(Array.from(prior.tokens)).toEqual(Array.from(await vae.sample(3, { seed: 6 })));
    expect(tf.memory().numTensors).toBe(before);
  }, 600_000);
});

describe('the train-music job with a latent-GAN phase', () => {
  it('trains the GAN after the VAE when asked, saves it beside it and adds its figures to the manifest', async () => {
    await selectBackend({ force: 'wasm' });
    const outDir = await mkdtemp(join(tmpdir(), 'montage-train-music-gan-'));
    try {
      const messages: string[] = [];
      const progress: string[] = [];
      const config = trainMusicConfig.parse({
        configName: 'melody-2bar',
        examples: toyCorpus().subarray(0, 24 * 32),
        steps: 20,
        batchSize: 8,
        seed: 3,
        outDir,
        evalEvery: 10,
        continuationSteps: 0,
        latentGanSteps: 12,
        model: { encoderUnits: 12, decoderUnits: 16, latentSize: 6, learningRate: 0.01 },
      });
      await runTrainMusic(config, { signal: new AbortController().signal, message: (m) => messages.push(m), progress: (p) => progress.push(p.text) });
      const files = await readdir(outDir);
      expect(files).toContain(latentGanFile);
      expect(files).toContain(latentGanWeightsFile);
      const manifest = await readMusicModelManifest(outDir);
      expect(manifest?.metrics.latentGanSteps).toBe(12);
      expect(manifest?.metrics.latentGanClassifierDensityAccuracy).toBeGreaterThanOrEqual(0);
      expect(messages.some((m) => m.startsWith('Latent GAN done in'))).toBe(true);
      expect(progress.some((t) => /^Latent GAN step 12\/12 · critic/.test(t))).toBe(true);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 600_000);
});
