// The loop every Montage model trains with: resume from the checkpoint in the host-given
// directory if there is one, then step until totalSteps (or early stopping), checking for cancel
// between steps, reporting progress, evaluating and checkpointing on schedule. Batches are drawn
// by step number (batchAt), so a resumed run continues exactly where the checkpoint left off:
// same weights, optimizer moments, step and batches, and the loss history carries on.
import * as tf from '@tensorflow/tfjs';
import type { AdamOptions } from './adam';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { EarlyStopping, type EarlyStoppingState } from './early-stopping';
import { ProgressReporter, type ProgressSnapshot, type ProgressText } from './progress-reporter';
import { yieldForCancel, type RunContext } from './run-context';
import { Trainer, type TrainableModel } from './trainer';

export interface TrainingRunOptions<Batch> {
  model: TrainableModel<Batch>;
  /**
   * The batch for a 0-based step; must depend on the step alone (see seeded-batches.ts) when the
   * run checkpoints, so a resumed run draws the same batches. The loop disposes every tensor in it
   * after the step (plain typed arrays are left alone).
   */
  batchAt(step: number): Batch;
  totalSteps: number;
  /** Sequences (examples) per step, for the speed figures. */
  batchSize: number;
  optimizer: AdamOptions;
  /** Cancel signal, progress and messages (RunContext; a worker task passes its TaskContext). */
  context: RunContext;
  /** Wording of the progress line; defaults to sequences/s and ETA (progress-reporter.ts). */
  progressText?: ProgressText;
  checkpoints?: {
    /** Where this run's checkpoint lives; the host decides (workers never pick locations). */
    directory: string;
    /** Save after every this many steps, and at the end. */
    every: number;
    /** Stored with the checkpoint, e.g. the model spec. */
    metadata?: Record<string, unknown>;
  };
  evaluation?: {
    every: number;
    /** A validation loss (lower is better). */
    run(): Promise<number> | number;
    patience: number;
    minDelta?: number;
  };
}

export interface TrainingOutcome {
  /** Loss of every step so far, resumed steps included. */
  losses: number[];
  resumedFrom: number;
  finalStep: number;
  stoppedEarly: boolean;
  bestValidation?: { loss: number; step: number };
  /**
   * Speed of this run from the end of its first step to its last (the latest progress point's);
   * absent when the run took fewer than two steps.
   */
  stepsPerSec?: number;
  sequencesPerSec?: number;
}

interface SavedMetadata {
  losses?: number[];
  earlyStopping?: EarlyStoppingState;
}

export async function runTraining<Batch>(options: TrainingRunOptions<Batch>): Promise<TrainingOutcome> {
  const { model, context, totalSteps } = options;
  const trainer = new Trainer(model, options.optimizer);
  try {
    let losses: number[] = [];
    let stopperState: EarlyStoppingState | undefined;
    const directory = options.checkpoints?.directory;
    const restored = directory ? await readCheckpoint(directory) : null;
    if (restored) {
      try {
        restoreModel(model.variables, restored.tensors);
        const optimizerState: tf.NamedTensorMap = {};
        for (const [k, t] of Object.entries(restored.tensors)) if (k.startsWith('optimizer/')) optimizerState[k.slice('optimizer/'.length)] = t;
        trainer.optimizer.importState(optimizerState, restored.step);
      } finally {
        tf.dispose(Object.values(restored.tensors));
      }
      const meta = restored.metadata as SavedMetadata;
      losses = meta.losses ? meta.losses.slice(0, restored.step) : [];
      stopperState = meta.earlyStopping;
      context.message(`Resumed from the checkpoint at step ${restored.step} of ${totalSteps}.`);
    }
    const resumedFrom = trainer.step;
    const stopper = options.evaluation ? new EarlyStopping(options.evaluation, stopperState) : null;

    const save = async (): Promise<void> => {
      if (!options.checkpoints) return;
      const tensors: tf.NamedTensorMap = {};
      for (const [name, v] of Object.entries(model.variables)) tensors[`model/${name}`] = v;
      const exported = trainer.optimizer.exportState();
      for (const [name, t] of Object.entries(exported.tensors)) tensors[`optimizer/${name}`] = t;
      try {
        await writeCheckpoint(options.checkpoints.directory, {
          step: trainer.step,
          tensors,
          metadata: { ...options.checkpoints.metadata, losses, ...(stopper ? { earlyStopping: stopper.snapshot() } : {}) },
        });
      } finally {
        tf.dispose(Object.values(exported.tensors));
      }
    };

    const progress = new ProgressReporter(context, totalSteps, options.batchSize, undefined, options.progressText);
    let latest: ProgressSnapshot | null = null;
    // A run that had already stopped early when it was saved stays stopped when resumed.
    let stoppedEarly = stopper?.stopped ?? false;
    while (trainer.step < totalSteps && !stoppedEarly) {
      await yieldForCancel(context.signal);
      const batch = options.batchAt(trainer.step);
      let loss: number;
      try {
        ({ loss } = await trainer.trainStep(batch));
      } finally {
        disposeTensorsIn(batch);
      }
      losses.push(loss);
      const step = trainer.step;
      latest = progress.report(step, loss);
      if (stopper && options.evaluation && step % options.evaluation.every === 0) {
        const validation = await options.evaluation.run();
        stoppedEarly = stopper.update(validation, step);
        context.message(`Validation loss ${validation.toFixed(4)} at step ${step}${stoppedEarly ? ' — no improvement lately, stopping early' : ''}.`);
      }
      if (options.checkpoints && (step % options.checkpoints.every === 0 || step === totalSteps || stoppedEarly)) await save();
    }
    return {
      losses,
      resumedFrom,
      finalStep: trainer.step,
      stoppedEarly,
      ...(stopper && stopper.bestStep >= 0 ? { bestValidation: { loss: stopper.best, step: stopper.bestStep } } : {}),
      ...(latest?.stepsPerSec !== undefined ? { stepsPerSec: latest.stepsPerSec, sequencesPerSec: latest.sequencesPerSec ?? 0 } : {}),
    };
  } finally {
    trainer.dispose();
  }
}

/**
 * Disposes the tensors in a batch: a tensor, or arrays and plain objects holding them. Typed
 * arrays are skipped (tf.dispose would walk them element by element).
 */
function disposeTensorsIn(value: unknown): void {
  if (value instanceof tf.Tensor) value.dispose();
  else if (Array.isArray(value)) value.forEach(disposeTensorsIn);
  else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) Object.values(value).forEach(disposeTensorsIn);
}

/** Assigns checkpointed "model/<name>" tensors to the variables; every variable must be present. */
export function restoreModel(variables: Record<string, tf.Variable>, tensors: tf.NamedTensorMap): void {
  for (const [name, v] of Object.entries(variables)) {
    const t = tensors[`model/${name}`];
    if (!t || !tf.util.arraysEqual(t.shape, v.shape)) throw new Error(`The checkpoint has no weights of shape [${v.shape.join(', ')}] for "${name}".`);
    v.assign(t);
  }
}
