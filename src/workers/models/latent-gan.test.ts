import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { askedAttributes, LatentGan, latentGanWeightsFile, loadLatentGan, saveLatentGan, type AttributeLabels, type LatentGanConfig } from './latent-gan';

const config = (overrides: Partial<LatentGanConfig> = {}): LatentGanConfig => ({
  representation: 'melody',
  latentSize: 4,
  useKey: true,
  densityEdges: [3, 5],
  registerEdges: [],
  densityCentres: [2, 4, 6],
  hiddenUnits: 32,
  learningRate: 3e-3,
  classifierWeight: 1,
  distanceWeight: 0.01,
  latentScale: 0.5,
  dropProbability: 0.25,
  seed: 5,
  ...overrides,
});

/**
 * Toy "encoded data": 600 latents in 4 dimensions whose key class (0…11) sits on a circle in the
 * first two dimensions and whose density class (0…2) sets the third; the fourth is noise.
 */
function toyLatents(): { mu: Float32Array; labels: AttributeLabels } {
  const n = 600;
  const mu = new Float32Array(n * 4);
  const labels: AttributeLabels = { scaleClass: new Int32Array(n), density: new Int32Array(n), register: new Int32Array(n).fill(-1) };
  let s = 1;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  for (let i = 0; i < n; i++) {
    const key = i % 12;
    const density = Math.floor(i / 12) % 3;
    labels.scaleClass[i] = key;
    labels.density[i] = density;
    mu.set([Math.cos((key * Math.PI) / 6) + 0.1 * rand(), Math.sin((key * Math.PI) / 6) + 0.1 * rand(), density - 1 + 0.1 * rand(), rand()], i * 4);
  }
  return { mu, labels };
}

describe('LatentGan', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-latent-gan-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('codes asked attributes as one-hot blocks (absent = zeros) and maps requests to classes', () => {
    const gan = new LatentGan(config());
    expect(gan.codeWidth).toBe(15);
    const code = gan.code([{ scaleClass: 2, density: 1 }, {}, { density: 2 }]);
    expect(Array.from(code.subarray(0, 15))).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(code.subarray(15, 30)).every((v) => v === 0)).toBe(true);
    expect(code[30 + 14]).toBe(1);
    // A minor → C major's collection; 4.4 notes per bar → the bucket whose median (4) is nearest.
    expect(askedAttributes(gan.config, { key: { tonic: 9, mode: 'minor' }, density: 4.4 })).toEqual({ scaleClass: 0, density: 1 });
    expect(askedAttributes(config({ useKey: false }), { key: { tonic: 9, mode: 'minor' } })).toEqual({});
    gan.dispose();
  });

  it('learns to give latents of the asked class, repeatably for a seed', async () => {
    const before = tf.memory().numTensors;
    const { mu, labels } = toyLatents();
    const gan = new LatentGan(config());
    const first = await gan.trainStep(mu, labels, 0, 64);
    for (let step = 1; step < 400; step++) await gan.trainStep(mu, labels, step, 64);
    const last = await gan.trainStep(mu, labels, 400, 64);
    expect(last.classifier).toBeLessThan(first.classifier);

    // Ask each key class: the samples' angle on the circle should be the asked one's (±1 class).
    const asks = Array.from({ length: 12 * 8 }, (_, i) => ({ scaleClass: i % 12 }));
    const z = await gan.sample(asks.length, asks, 9);
    let near = 0;
    for (let i = 0; i < asks.length; i++) {
      const angle = Math.atan2(z[i * 4 + 1] as number, z[i * 4] as number);
      const cls = (((Math.round(angle / (Math.PI / 6)) % 12) + 12) % 12) as number;
      const d = Math.min(Math.abs(cls - (i % 12)), 12 - Math.abs(cls - (i % 12)));
      if (d <= 1) near++;
    }
    expect(near / asks.length).toBeGreaterThan(0.6);
    // Density asks move the third dimension in order.
    const third = async (density: number): Promise<number> => {
      const zs = await gan.sample(64, { density }, 3);
      let sum = 0;
      for (let i = 0; i < 64; i++) sum += zs[i * 4 + 2] as number;
      return sum / 64;
    };
    const [low, high] = [await third(0), await third(2)];
    expect(high).toBeGreaterThan(low + 0.5);
    expect(Array.from(await gan.sample(5, { scaleClass: 3 }, 11))).toEqual(Array.from(await gan.sample(5, { scaleClass: 3 }, 11)));
    gan.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves beside a model and loads back the same weights; a folder without one answers null', async () => {
    const gan = new LatentGan(config({ seed: 8 }));
    await saveLatentGan(gan, dir, { steps: 0, metrics: { ganKeyInScale: 0.5, nothing: Number.NaN } });
    const loaded = await loadLatentGan(dir);
    expect(loaded?.file.metrics).toEqual({ ganKeyInScale: 0.5 });
    expect(Array.from(await loaded!.gan.sample(3, { scaleClass: 1 }, 2))).toEqual(Array.from(await gan.sample(3, { scaleClass: 1 }, 2)));
    loaded!.gan.dispose();
    gan.dispose();
    expect(await loadLatentGan(join(dir, 'nowhere'))).toBeNull();
    await writeFile(join(dir, latentGanWeightsFile), new Uint8Array(10));
    await expect(loadLatentGan(dir)).rejects.toThrow();
  });
});
