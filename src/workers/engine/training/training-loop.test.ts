import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/gradient-check';
import { TinySequenceModel, tinyBatch, tinyData, tinyExampleCount, type TinyBatch } from '../testing/tiny-sequence-model';
import { readCheckpoint } from './checkpoint';
import { quietRunContext, TrainingCancelledError, type RunContext, type RunProgress } from './run-context';
import { createSeededBatches } from './seeded-batches';
import { runTraining, type TrainingRunOptions } from './training-loop';
import { TrainingDivergedError } from './trainer';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'montage-loop-'));
  dirs.push(d);
  return d;
};

const data = () => tinyData(3);
const batches = createSeededBatches(tinyExampleCount, 6, 3);

function options(model: TinySequenceModel, d: ReturnType<typeof data>, over: Partial<TrainingRunOptions<TinyBatch>> = {}): TrainingRunOptions<TinyBatch> {
  return {
    model,
    batchAt: (s) => tinyBatch(d, batches.indicesAt(s)),
    totalSteps: 8,
    batchSize: 6,
    optimizer: { learningRate: 0.02, clipNorm: 5 },
    context: quietRunContext(),
    ...over,
  };
}

describe('runTraining', () => {
  beforeAll(() => useBackend('wasm'));
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('trains with falling loss, reports every step and leaks no tensors', async () => {
    const d = data();
    const model = new TinySequenceModel(3);
    const progress: RunProgress[] = [];
    const context: RunContext = { ...quietRunContext(), progress: (p) => progress.push(p) };
    const before = tf.memory().numTensors;
    const outcome = await runTraining(options(model, d, { totalSteps: 40, context }));
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome.losses).toHaveLength(40);
    expect(outcome.finalStep).toBe(40);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(outcome.losses.slice(-5))).toBeLessThan(mean(outcome.losses.slice(0, 5)));
    expect(progress.map((p) => p.point?.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(progress[0]?.text).toMatch(/^step 1\/40 · loss \d+\.\d{3} · warming up$/);
    expect(progress[20]?.text).toMatch(/^step 21\/40 · loss \d+\.\d{3} · \d+ seq\/s · ETA \d+s$/);
    expect(progress[20]?.point?.sequencesPerSec).toBeCloseTo((progress[20]?.point?.stepsPerSec ?? 0) * 6, 6);
    // The outcome's speed is the last progress point's.
    expect(outcome.stepsPerSec).toBe(progress[39]?.point?.stepsPerSec);
    expect(outcome.sequencesPerSec).toBe(progress[39]?.point?.sequencesPerSec);
    model.dispose();
    tf.dispose([d.x, d.y]);
  });

  it('resumes from its checkpoint and continues the same loss curve and weights', async () => {
    const d = data();
    const straight = new TinySequenceModel(3);
    const reference = await runTraining(options(straight, d));

    const dir = tempDir();
    const first = new TinySequenceModel(3);
    const abort = new AbortController();
    const cancelling: RunContext = { ...quietRunContext(abort.signal), progress: (p) => p.point?.step === 5 && abort.abort() };
    const attempt = runTraining(options(first, d, { context: cancelling, checkpoints: { directory: dir, every: 2 } }));
    await expect(attempt).rejects.toBeInstanceOf(TrainingCancelledError);
    first.dispose();
    // Cancelled after step 5: the checkpoint of step 4 is intact.
    expect((await readCheckpoint(dir).then((c) => (c ? (tf.dispose(Object.values(c.tensors)), c.step) : null)))).toBe(4);

    const second = new TinySequenceModel(777);
    const resumed = await runTraining(options(second, d, { checkpoints: { directory: dir, every: 2 } }));
    expect(resumed.resumedFrom).toBe(4);
    expect(resumed.losses).toEqual(reference.losses);
    for (const [name, v] of Object.entries(straight.variables)) {
      expect(Array.from((second.variables[name] as tf.Variable).dataSync())).toEqual(Array.from(v.dataSync()));
    }
    straight.dispose();
    second.dispose();
    tf.dispose([d.x, d.y]);
  });

  it('stops early when validation stops improving, and says so', async () => {
    const d = data();
    const model = new TinySequenceModel(3);
    const messages: string[] = [];
    const scores = [1, 0.9, 0.95, 0.97, 0.99, 0.5];
    let calls = 0;
    const outcome = await runTraining(
      options(model, d, {
        totalSteps: 20,
        context: { ...quietRunContext(), message: (m) => messages.push(m) },
        evaluation: { every: 2, patience: 3, run: () => scores[calls++] as number },
      }),
    );
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.finalStep).toBe(10);
    expect(outcome.bestValidation).toEqual({ loss: 0.9, step: 4 });
    expect(messages.at(-1)).toMatch(/stopping early/);
    model.dispose();
    tf.dispose([d.x, d.y]);
  });

  it('stays stopped when a run that stopped early is resumed from its checkpoint', async () => {
    const d = data();
    const dir = tempDir();
    const scores = [1, 0.9, 0.95, 0.97, 0.99, 0.5];
    let calls = 0;
    const first = new TinySequenceModel(3);
    const stopped = await runTraining(
      options(first, d, { totalSteps: 20, checkpoints: { directory: dir, every: 4 }, evaluation: { every: 2, patience: 3, run: () => scores[calls++] as number } }),
    );
    expect(stopped).toMatchObject({ stoppedEarly: true, finalStep: 10 });
    first.dispose();
    const second = new TinySequenceModel(777);
    const steps: number[] = [];
    const resumed = await runTraining(
      options(second, d, {
        totalSteps: 20,
        context: { ...quietRunContext(), progress: (p) => p.point && steps.push(p.point.step) },
        checkpoints: { directory: dir, every: 4 },
        evaluation: { every: 2, patience: 3, run: () => 0.1 },
      }),
    );
    expect(resumed).toMatchObject({ resumedFrom: 10, finalStep: 10, stoppedEarly: true });
    expect(steps).toEqual([]);
    second.dispose();
    tf.dispose([d.x, d.y]);
  });

  it('fails with a clear message when the loss becomes NaN, before spoiling the weights', async () => {
    const d = data();
    const model = new TinySequenceModel(3);
    const before = Array.from((model.variables['head/kernel'] as tf.Variable).dataSync());
    const poisoned = { loss: (b: TinyBatch) => tf.mul(model.loss(b), NaN) as tf.Scalar, variables: model.variables };
    const attempt = runTraining({ ...options(model, d), model: poisoned });
    await expect(attempt).rejects.toBeInstanceOf(TrainingDivergedError);
    await expect(runTraining({ ...options(model, d), model: poisoned })).rejects.toThrow(/^Training diverged at step 1: the loss became NaN\./);
    expect(Array.from((model.variables['head/kernel'] as tf.Variable).dataSync())).toEqual(before);
    model.dispose();
    tf.dispose([d.x, d.y]);
  });
});
