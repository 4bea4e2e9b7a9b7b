import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMelodyRange, melodyVocabularySize, noEventToken, noteOnToken } from '../../shared/music/encoding';
import { quietTaskContext } from '../tasks/task-context';
import { trainContinuation } from '../tasks/train-continuation';
import { selectBackend } from '../backend/select-backend';
import { continuationManifestFile, continuationWeightsFile, loadContinuation, saveContinuation } from './continuation-files';
import { ContinuationLstm } from './continuation-lstm';

const vocabulary = melodyVocabularySize(defaultMelodyRange);

/** A repeating 1-bar riff (C E G E, quarter notes) as 2-bar windows, shifted by 0…3 steps so windows differ. */
function riffWindows(n: number): Int32Array {
  const bar = [60, 64, 67, 64].flatMap((p) => [noteOnToken(p), noEventToken, noEventToken, noEventToken]);
  const out = new Int32Array(n * 32);
  for (let w = 0; w < n; w++) for (let t = 0; t < 32; t++) out[w * 32 + t] = bar[(t + 4 * (w % 4)) % 16] as number;
  return out;
}

describe('ContinuationLstm', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-continuation-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('learns a riff (the loss falls), saves and loads, and continues it after the primer with the asked steps', async () => {
    const windows = riffWindows(16);
    const fresh = new ContinuationLstm({ representation: 'melody', vocabulary, hiddenUnits: 32, seed: 5, learningRate: 0.02, clipNorm: 3 });
    const untrained = fresh.evaluate(windows.subarray(12 * 32), 32);
    fresh.dispose();
    const before = tf.memory().numTensors;
    const manifest = await trainContinuation({
      config: { representation: 'melody', vocabulary, melodyRange: { ...defaultMelodyRange }, hiddenUnits: 32, seed: 5, learningRate: 0.02 },
      train: windows.subarray(0, 12 * 32),
      heldOut: windows.subarray(12 * 32),
      windowSteps: 32,
      steps: 150,
      batchSize: 8,
      evalEvery: 50,
      patience: 10,
      outDir: dir,
      context: quietTaskContext(),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(manifest.steps).toBe(150);
    expect(manifest.metrics.loss).toBeLessThan(untrained.loss / 4);
    expect(manifest.metrics.accuracy).toBeGreaterThan(0.9);
    expect(manifest.metrics.perplexity).toBeLessThan(1.5);
    expect((await readdir(dir)).sort()).toEqual([continuationWeightsFile, continuationManifestFile].sort());

    const loaded = await loadContinuation(dir);
    expect(loaded).not.toBeNull();
    const model = loaded!.model;
    try {
      // The loaded model scores the windows as the trained one did.
      expect(model.evaluate(windows.subarray(12 * 32), 32).loss).toBeCloseTo(manifest.metrics.loss, 4);
      const primer = riffWindows(1).subarray(0, 16);
      const tokens = await model.continueFrom(primer, { steps: 64, count: 3, temperature: 0, seed: 1 });
      expect(tokens).toHaveLength(3 * 64);
      // Greedy: the riff goes on where the primer (one bar) left off: its first note again, in its rhythm.
      expect(Array.from(tokens.subarray(0, 8))).toEqual(Array.from(primer.subarray(0, 8)));
      for (let t = 0; t < 64; t++) expect(tokens[64 + t] === noEventToken).toBe(t % 4 !== 0);
      const a = await model.continueFrom(primer, { steps: 32, count: 2, temperature: 1, seed: 9 });
      const b = await model.continueFrom(primer, { steps: 32, count: 2, temperature: 1, seed: 9 });
      expect(a).toEqual(b);
      expect(() => model.evaluate(new Int32Array([vocabulary]), 1)).toThrow(/outside the vocabulary/);
    } finally {
      model.dispose();
    }
  });

  it('a folder without a companion loads as null; drums predict 512 classes from 9-bit inputs', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'montage-continuation-none-'));
    try {
      expect(await loadContinuation(empty)).toBeNull();
      const drums = new ContinuationLstm({ representation: 'drums', vocabulary: 512, hiddenUnits: 8, seed: 1, learningRate: 0.01, clipNorm: 1 });
      try {
        expect(drums.inputWidth).toBe(9);
        const loss = await drums.trainStep({ tokens: Int32Array.from({ length: 64 }, (_, i) => (i % 4 === 0 ? 5 : 4)), length: 32 });
        expect(loss).toBeCloseTo(Math.log(512), 0);
        await saveContinuation(drums, empty, { steps: 1, windowSteps: 32, metrics: { loss, accuracy: 0, perplexity: Math.exp(loss) }, examples: 2, heldOut: 0 });
        const again = await loadContinuation(empty);
        const out = await again!.model.continueFrom(new Int32Array([5, 4]), { steps: 16, count: 2, seed: 3 });
        expect(out.every((t) => t >= 0 && t < 512)).toBe(true);
        again!.model.dispose();
      } finally {
        drums.dispose();
      }
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
