// "Benchmark this machine": trains the next-token LSTM on seeded synthetic melodies for a fixed
// number of steps and reports speed and the loss curve. Runs wherever it is called — the worker
// process, tests, bench scripts — on whichever tfjs backend is active.
import * as tf from '@tensorflow/tfjs';
import type { BenchmarkConfig } from '../../shared/api/benchmarks';
import type { WorkerResult } from '../../shared/jobs/protocol';
import { createNextTokenBatches } from '../data/next-token-batches';
import { generateSyntheticMelodies, melodyVocabulary } from '../data/synthetic-melodies';
import { TrainingDivergedError } from '../engine/training/trainer';
import { NextTokenLstm } from '../models/next-token-lstm';
import { checkpoint, TaskFailedError, type TaskContext } from './task-context';

export type BenchmarkResult = Extract<WorkerResult, { task: 'benchmark' }>;

/** Melodies in the training corpus: the default run sees each about once. */
export const benchmarkCorpusSize = 2048;

const count = (n: number): string => n.toLocaleString('en-US');
const roughly = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : count(n));

export interface BenchmarkOptions {
  /** What the result reports as its backend; defaults to tfjs's active backend. */
  backendName?: string;
  /** Adam's learning rate; the model's default unless a bench script explores others. */
  learningRate?: number;
}

/**
 * Runs the benchmark on tfjs's active backend and resolves to its result. Rejects with
 * TaskCancelledError when context.signal is aborted (checked between steps) and with
 * TaskFailedError when training diverges.
 */
export async function runBenchmark(
  config: BenchmarkConfig,
  context: TaskContext,
  options: BenchmarkOptions = {},
): Promise<BenchmarkResult> {
  const backendName = options.backendName ?? tf.getBackend();
  const started = performance.now();
  const { steps, batchSize, sequenceLength, hiddenUnits, seed } = config;

  const melodies = generateSyntheticMelodies({ count: benchmarkCorpusSize, length: sequenceLength + 1, seed });
  const batches = createNextTokenBatches(
    melodies.map((m) => m.tokens),
    batchSize,
    seed,
  );
  context.message(`Data: ${count(benchmarkCorpusSize)} synthetic melodies of ${sequenceLength} eighth notes, seed ${seed}`);

  const model = new NextTokenLstm({
    vocabSize: melodyVocabulary.size,
    hiddenUnits,
    seed,
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
  });
  try {
    model.initialize();
    context.message(
      `Model: LSTM ${hiddenUnits} units, ${roughly(model.parameterCount)} parameters, batches of ${batchSize}`,
    );

    const loss: number[] = [];
    const trainingStarted = performance.now();
    // The first step builds kernels and allocates memory, so it is slower than the rest. Speeds
    // are measured from the end of step 1 to the end of the latest step, over the steps between.
    let warmedUp = trainingStarted;
    let stepsPerSec = 0;
    for (let step = 1; step <= steps; step++) {
      await checkpoint(context.signal);
      let value: number;
      try {
        value = await model.trainStep(batches.next());
      } catch (err) {
        if (!(err instanceof TrainingDivergedError)) throw err;
        const what = err.quantity === 'loss' ? 'loss' : 'gradient norm';
        throw new TaskFailedError(`Training diverged at step ${step} of ${steps}: the ${what} became ${err.value}. Try fewer hidden units or shorter sequences.`);
      }
      loss.push(value);
      const now = performance.now();
      const elapsedMs = now - trainingStarted;
      const fraction = step / steps;
      if (step === 1) {
        warmedUp = now;
        context.progress({
          fraction,
          text: `step 1/${steps} · loss ${value.toFixed(3)} · warming up`,
          point: { step, elapsedMs, loss: value },
        });
        continue;
      }
      stepsPerSec = ((step - 1) * 1000) / Math.max(now - warmedUp, 1e-3);
      context.progress({
        fraction,
        text: `step ${step}/${steps} · loss ${value.toFixed(3)} · ${stepsPerSec.toFixed(1)} steps/s`,
        point: { step, elapsedMs, loss: value, stepsPerSec, sequencesPerSec: stepsPerSec * batchSize },
      });
    }

    const initialLoss = loss[0] as number;
    const finalLoss = loss[loss.length - 1] as number;
    const sequencesPerSec = stepsPerSec * batchSize;
    context.message(
      `Done: ${stepsPerSec.toFixed(1)} steps/s (${sequencesPerSec.toFixed(0)} sequences/s), loss ${initialLoss.toFixed(2)} → ${finalLoss.toFixed(2)}`,
    );
    return {
      task: 'benchmark',
      backend: backendName,
      stepsPerSec,
      sequencesPerSec,
      initialLoss,
      finalLoss,
      durationMs: performance.now() - started,
      loss,
    };
  } finally {
    model.dispose();
  }
}
