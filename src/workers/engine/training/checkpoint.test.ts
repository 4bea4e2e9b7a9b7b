import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/gradient-check';
import { probeInput, TinySequenceModel, tinyBatch, tinyData, tinyExampleCount } from '../testing/tiny-sequence-model';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { quietRunContext } from './run-context';
import { createSeededBatches } from './seeded-batches';
import { runTraining } from './training-loop';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'montage-ckpt-'));
  dirs.push(d);
  return d;
};

describe('checkpoints', () => {
  beforeAll(() => useBackend('wasm'));
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('round-trips named tensors and metadata in the tfjs weights format', async () => {
    const dir = tempDir();
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor1d([5, 6, 7]);
    await writeCheckpoint(dir, { step: 12, tensors: { 'model/a': a, 'optimizer/b': b }, metadata: { note: 'hi' } });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['weights-00000012.bin']);
    // Standard tfjs decoding reads it.
    const bytes = readFileSync(join(dir, 'weights-00000012.bin'));
    const decoded = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, json.weightsManifest[0].weights);
    expect(Array.from(decoded['model/a']?.dataSync() ?? [])).toEqual([1, 2, 3, 4]);
    const loaded = await readCheckpoint(dir);
    expect(loaded?.step).toBe(12);
    expect(loaded?.metadata).toEqual({ note: 'hi' });
    expect(Array.from(loaded?.tensors['optimizer/b']?.dataSync() ?? [])).toEqual([5, 6, 7]);
    tf.dispose([a, b, ...Object.values(decoded), ...Object.values(loaded?.tensors ?? {})]);
  });

  it('keeps the previous checkpoint when a save dies before model.json is replaced', async () => {
    const dir = tempDir();
    const t = tf.tensor1d([1, 2]);
    await writeCheckpoint(dir, { step: 1, tensors: { t }, metadata: {} });
    // What a kill leaves mid-save: the next weights file (whole or torn) and a temp model.json.
    writeFileSync(join(dir, 'weights-00000002.bin'), new Uint8Array([1, 2, 3]));
    writeFileSync(join(dir, 'model.json.123.tmp'), '{"torn":');
    const loaded = await readCheckpoint(dir);
    expect(loaded?.step).toBe(1);
    expect(Array.from(loaded?.tensors.t?.dataSync() ?? [])).toEqual([1, 2]);
    // The next successful save clears the leftovers.
    await writeCheckpoint(dir, { step: 3, tensors: { t }, metadata: {} });
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights-00000003.bin']);
    tf.dispose([t, ...Object.values(loaded?.tensors ?? {})]);
  });

  it('reads nothing from an empty directory and refuses foreign files', async () => {
    const dir = tempDir();
    expect(await readCheckpoint(dir)).toBeNull();
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'layers-model' }));
    await expect(readCheckpoint(dir)).rejects.toThrow(/not a Montage checkpoint/);
  });

  it('loads in a fresh process to identical outputs', async () => {
    const dir = tempDir();
    const data = tinyData(1);
    const batches = createSeededBatches(tinyExampleCount, 6, 1);
    const model = new TinySequenceModel(1);
    await runTraining({
      model,
      batchAt: (s) => tinyBatch(data, batches.indicesAt(s)),
      totalSteps: 5,
      batchSize: 6,
      optimizer: { learningRate: 0.02 },
      context: quietRunContext(),
      checkpoints: { directory: dir, every: 5 },
    });
    const probe = probeInput();
    const expected = Array.from(model.predict(probe).dataSync());
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/workers/engine/testing/checkpoint-probe.ts', dir], {
      cwd: process.cwd(),
      env: { ...process.env, MONTAGE_WASM_THREADS: '1' },
    });
    const child = JSON.parse(stdout) as { step: number; prediction: number[] };
    expect(child.step).toBe(5);
    expect(child.prediction).toEqual(expected);
    model.dispose();
    tf.dispose([probe, data.x, data.y]);
  });
});
