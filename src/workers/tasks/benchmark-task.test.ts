import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkConfig } from '../../shared/api/benchmarks';
import { selectBackend } from '../backend/select-backend';
import { runBenchmark } from './benchmark-task';
import { TaskCancelledError, TaskFailedError, type TaskContext, type TaskProgress } from './task-context';

const tiny: BenchmarkConfig = { steps: 8, batchSize: 8, sequenceLength: 8, hiddenUnits: 16, seed: 7 };

function recordingContext(onProgress?: (p: TaskProgress) => void) {
  const abort = new AbortController();
  const progress: TaskProgress[] = [];
  const messages: string[] = [];
  const context: TaskContext = {
    signal: abort.signal,
    progress: (p) => {
      progress.push(p);
      onProgress?.(p);
    },
    message: (text) => messages.push(text),
  };
  return { abort, progress, messages, context };
}

describe('runBenchmark', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
  });

  it('trains for the configured steps and reports speed, loss and one progress point per step', async () => {
    const before = tf.memory().numTensors;
    const { progress, messages, context } = recordingContext();
    const result = await runBenchmark(tiny, context);

    expect(result.task).toBe('benchmark');
    expect(result.backend).toBe('wasm');
    expect(result.loss).toHaveLength(8);
    expect(result.initialLoss).toBe(result.loss[0]);
    expect(result.finalLoss).toBe(result.loss[7]);
    expect(result.finalLoss).toBeLessThan(result.initialLoss);
    expect(result.stepsPerSec).toBeGreaterThan(0);
    expect(result.sequencesPerSec).toBeCloseTo(result.stepsPerSec * tiny.batchSize, 6);
    expect(result.durationMs).toBeGreaterThan(0);

    expect(progress.map((p) => p.point?.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.map((p) => p.fraction)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((s) => s / 8));
    expect(progress.map((p) => p.point?.loss)).toEqual(result.loss);
    // Step 1 is warm-up and carries no speed; the last point's speed is the result's.
    expect(progress[0]?.point?.stepsPerSec).toBeUndefined();
    expect(progress[0]?.text).toMatch(/^step 1\/8 · loss \d+\.\d{3} · warming up$/);
    expect(progress[7]?.point?.stepsPerSec).toBe(result.stepsPerSec);
    expect(progress[7]?.text).toMatch(/^step 8\/8 · loss \d+\.\d{3} · \d+\.\d steps\/s$/);
    const elapsed = progress.map((p) => p.point?.elapsedMs ?? -1);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));

    expect(messages).toContain('Data: 2,048 synthetic melodies of 8 eighth notes, seed 7');
    expect(messages).toContain('Model: LSTM 16 units, 4,247 parameters, batches of 8');
    expect(messages.at(-1)).toMatch(/^Done: .* steps\/s .*loss /);

    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same losses for the same seed and different ones for another', async () => {
    const a = await runBenchmark({ ...tiny, steps: 3 }, recordingContext().context);
    const b = await runBenchmark({ ...tiny, steps: 3 }, recordingContext().context);
    const c = await runBenchmark({ ...tiny, steps: 3, seed: 8 }, recordingContext().context);
    expect(b.loss).toEqual(a.loss);
    expect(c.loss).not.toEqual(a.loss);
  });

  it('stops between steps when cancelled and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const recorder = recordingContext((p) => {
      if (p.point?.step === 3) recorder.abort.abort();
    });
    await expect(runBenchmark({ ...tiny, steps: 50 }, recorder.context)).rejects.toBeInstanceOf(TaskCancelledError);
    expect(recorder.progress).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports the backend name it is given', async () => {
    const result = await runBenchmark({ ...tiny, steps: 2 }, recordingContext().context, { backendName: 'tensorflow-gpu' });
    expect(result.backend).toBe('tensorflow-gpu');
  });

  it('fails with a clear message when the loss stops being a number, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    // Adam moves each weight by about the learning rate, so an infinite one breaks the first update.
    const attempt = runBenchmark({ ...tiny, steps: 20 }, recordingContext().context, { learningRate: Infinity });
    await expect(attempt).rejects.toBeInstanceOf(TaskFailedError);
    await expect(attempt).rejects.toThrow(/^Training diverged at step 2 of 20: the loss became NaN\. Try fewer hidden units or shorter sequences\.$/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
