// "Benchmark this machine": trains the next-token LSTM on seeded synthetic melodies for a fixed
// number of steps with the engine's training loop (runTraining) and reports speed and the loss
// curve. Runs wherever it is called — the worker process, tests, bench scripts — on whichever
// tfjs backend is active.
import * as tf from '@tensorflow/tfjs';
import type { BenchmarkConfig } from '../../shared/api/benchmarks';
import type { WorkerResultOf } from '../../shared/jobs/protocol';
import { createNextTokenBatches, type TokenBatch } from '../data/next-token-batches';
import { generateSyntheticMelodies, melodyVocabulary } from '../data/synthetic-melodies';
import type { ProgressText } from '../engine/training/progress-reporter';
import { TrainingDivergedError } from '../engine/training/trainer';
import { runTraining, type TrainingOutcome } from '../engine/training/training-loop';
import { NextTokenLstm } from '../models/next-token-lstm';
import { TaskFailedError, type TaskContext } from './task-context';

export type BenchmarkResult = WorkerResultOf<'benchmark'>;

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

/** The benchmark's progress line: its speed figure is steps/s (the Machine view compares them). */
const stepsPerSecondText: ProgressText = (s, totalSteps) =>
  `step ${s.step}/${totalSteps} · loss ${s.loss.toFixed(3)} · ${s.stepsPerSec === undefined ? 'warming up' : `${s.stepsPerSec.toFixed(1)} steps/s`}`;

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

    // The benchmark never checkpoints, so its batches may come from the stateful shuffled source
    // (the batches of every earlier benchmark run); runTraining asks for steps 0, 1, 2… in order.
    let nextStep = 0;
    const batchAt = (step: number): TokenBatch => {
      if (step !== nextStep) throw new Error(`The benchmark draws its batches in order; step ${step} was asked for before ${nextStep}.`);
      nextStep += 1;
      return batches.next();
    };

    let outcome: TrainingOutcome;
    try {
      outcome = await runTraining({
        model,
        batchAt,
        totalSteps: steps,
        batchSize,
        optimizer: model.optimizerOptions,
        context,
        progressText: stepsPerSecondText,
      });
    } catch (err) {
      if (!(err instanceof TrainingDivergedError)) throw err;
      const what = err.quantity === 'loss' ? 'loss' : 'gradient norm';
      throw new TaskFailedError(`Training diverged at step ${err.step} of ${steps}: the ${what} became ${err.value}. Try fewer hidden units or shorter sequences.`);
    }

    const loss = outcome.losses;
    const initialLoss = loss[0] as number;
    const finalLoss = loss[loss.length - 1] as number;
    const stepsPerSec = outcome.stepsPerSec ?? 0;
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
