// The continuation phase of a train-music job: trains a music model's companion LSTM
// (models/continuation-lstm.ts) on the same training windows as the VAE, measures it on the same
// held-out windows, and saves it into the model folder (models/continuation-files.ts). Runs with
// the engine's runTraining (cancel between steps, early stopping on the held-out loss; no
// checkpoints: the phase is short and starts again from scratch). Progress lines say
// "continuation step s/N"; their fraction runs over the part of the job the caller gives it.
import { formatDuration, type ProgressText } from '../engine/training/progress-reporter';
import { createSeededBatches } from '../engine/training/seeded-batches';
import { TrainingDivergedError } from '../engine/training/trainer';
import { runTraining } from '../engine/training/training-loop';
import { ContinuationLstm, type ContinuationBatch, type ContinuationConfig, type ContinuationMetrics } from '../models/continuation-lstm';
import { saveContinuation, type ContinuationManifest } from '../models/continuation-files';
import { TaskFailedError, type TaskContext } from './task-context';

export interface TrainContinuationOptions {
  config: Omit<ContinuationConfig, 'learningRate' | 'clipNorm'> & Partial<Pick<ContinuationConfig, 'learningRate' | 'clipNorm'>>;
  /** Training and held-out windows of `windowSteps` tokens, one after another. */
  train: Int32Array;
  heldOut: Int32Array;
  windowSteps: number;
  steps: number;
  batchSize: number;
  evalEvery: number;
  patience: number;
  /** The model folder the companion is saved into. */
  outDir: string;
  source?: string;
  context: TaskContext;
  /** The part of the job's progress this phase fills (default 0…1). */
  progressRange?: readonly [number, number];
}

const countLabel = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US'));

/** Held-out windows measured at most (a prefix of the held-out split, which is shuffled already). */
const maxHeldOutWindows = 1024;

export const continuationLearningRate = 2e-3;
export const continuationClipNorm = 3;

/** Trains and saves the companion; resolves to its manifest. Cancels and fails as runTraining does. */
export async function trainContinuation(options: TrainContinuationOptions): Promise<ContinuationManifest> {
  const { windowSteps: length, batchSize, context, steps: totalSteps } = options;
  const started = performance.now();
  const [from, to] = options.progressRange ?? [0, 1];
  const config: ContinuationConfig = { learningRate: continuationLearningRate, clipNorm: continuationClipNorm, ...options.config };
  const trainCount = options.train.length / length;
  const heldOut = options.heldOut.subarray(0, Math.min(options.heldOut.length, maxHeldOutWindows * length));
  const model = new ContinuationLstm(config);
  try {
    context.message(
      `Continuation model: LSTM ${config.hiddenUnits} over ${config.representation === 'drums' ? 'drum masks' : 'melody tokens'}, ${countLabel(model.parameterCount)} parameters, ` +
        `${countLabel(trainCount)} windows of ${length / 16} bars, batches of ${batchSize}`,
    );
    const batches = createSeededBatches(trainCount, batchSize, (config.seed + 101) >>> 0);
    const batchAt = (step: number): ContinuationBatch => {
      const out = new Int32Array(batchSize * length);
      batches.indicesAt(step).forEach((e, k) => out.set(options.train.subarray(e * length, (e + 1) * length), k * length));
      return { tokens: out, length };
    };
    let evaluated: { step: number; metrics: ContinuationMetrics } | null = null;
    const evaluate = (step: number): ContinuationMetrics => {
      if (evaluated?.step !== step) evaluated = { step, metrics: model.evaluate(heldOut, length) };
      return evaluated.metrics;
    };
    let lastStep = 0;
    const text: ProgressText = (s, total) => {
      lastStep = s.step;
      let line = `continuation step ${s.step}/${total} · loss ${s.loss.toFixed(3)}`;
      if (s.step % options.evalEvery === 0) {
        const h = evaluate(s.step);
        line += ` · held-out ${h.loss.toFixed(3)}, ${(100 * h.accuracy).toFixed(1)}%`;
      }
      if (s.sequencesPerSec === undefined) return line;
      const eta = s.step < total && s.etaMs !== undefined ? ` · ETA ${formatDuration(s.etaMs)}` : '';
      return `${line} · ${s.sequencesPerSec.toFixed(0)} seq/s${eta}`;
    };
    let outcome;
    try {
      outcome = await runTraining({
        model,
        batchAt,
        totalSteps,
        batchSize,
        optimizer: model.optimizerOptions,
        context: {
          signal: context.signal,
          message: (line) => context.message(`Continuation: ${line}`),
          // No metric points: the job's series is the VAE's (a per-token loss would not share its scale).
          progress: (p) => context.progress({ fraction: from + (to - from) * p.fraction, text: p.text }),
        },
        progressText: text,
        evaluation: { every: options.evalEvery, patience: options.patience, run: () => evaluate(lastStep).loss },
      });
    } catch (err) {
      if (!(err instanceof TrainingDivergedError)) throw err;
      throw new TaskFailedError(`The continuation model diverged at step ${err.step} of ${totalSteps}; the music model itself is saved.`);
    }
    const metrics = evaluate(outcome.finalStep);
    const manifest = await saveContinuation(model, options.outDir, {
      steps: outcome.finalStep,
      windowSteps: length,
      metrics,
      examples: trainCount,
      heldOut: heldOut.length / length,
      ...(options.source ? { source: options.source } : {}),
    });
    context.message(
      `Continuation model done in ${formatDuration(performance.now() - started)}: ${outcome.finalStep} steps${outcome.stoppedEarly ? ' (stopped early)' : ''}, ` +
        `held-out next-token accuracy ${(100 * metrics.accuracy).toFixed(1)}%, perplexity ${metrics.perplexity.toFixed(2)}`,
    );
    return manifest;
  } finally {
    model.dispose();
  }
}
