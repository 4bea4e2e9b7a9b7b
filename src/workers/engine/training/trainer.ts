// One training step for any engine model: loss and gradients of the model's variables, a single
// read of (loss, gradient norm) that serves the progress line, clipping and the NaN/Inf check,
// then the Adam update. A non-finite loss or gradient stops training with a message written for
// users, before the update can spoil the weights.
import * as tf from '@tensorflow/tfjs';
import type { NamedVariables } from '../layers/layer';
import { Adam, type AdamOptions } from './adam';
import { TrainingFailedError } from './run-context';

export interface TrainableModel<Batch> {
  /** Every trainable weight, by path name ("encoder/forward/kernel"); created before training. */
  readonly variables: NamedVariables;
  /** The scalar training loss for a batch (runs under tfjs's gradient tape). */
  loss(batch: Batch): tf.Scalar;
}

/** Training produced a NaN or infinite loss or gradient. */
export class TrainingDivergedError extends TrainingFailedError {
  constructor(
    readonly step: number,
    readonly quantity: 'loss' | 'gradient',
    readonly value: number,
  ) {
    super(
      `Training diverged at step ${step}: the ${quantity === 'loss' ? 'loss' : 'gradient norm'} became ${value}. ` +
        'Try a lower learning rate or a smaller gradient clip norm, or resume from the last checkpoint.',
    );
    this.name = 'TrainingDivergedError';
  }
}

export interface StepResult {
  loss: number;
  gradientNorm: number;
  learningRate: number;
}

export class Trainer<Batch> {
  readonly optimizer: Adam;
  private readonly names: string[];

  constructor(
    readonly model: TrainableModel<Batch>,
    optimizer: AdamOptions,
  ) {
    this.optimizer = new Adam(model.variables, optimizer);
    this.names = Object.keys(model.variables);
  }

  /** Optimizer steps taken so far. */
  get step(): number {
    return this.optimizer.step;
  }

  async trainStep(batch: Batch): Promise<StepResult> {
    const variables = this.names.map((n) => this.model.variables[n] as tf.Variable);
    const { value, grads } = tf.variableGrads(() => this.model.loss(batch), variables);
    // variableGrads keys gradients by tfjs's variable names; the optimizer uses path names.
    const named: tf.NamedTensorMap = {};
    this.names.forEach((n, i) => (named[n] = grads[(variables[i] as tf.Variable).name] as tf.Tensor));
    try {
      const norm = this.optimizer.gradientNorm(named);
      const both = tf.stack([value, norm]);
      const [loss, gradientNorm] = Array.from(await both.data()) as [number, number];
      tf.dispose([norm, both]);
      const step = this.optimizer.step + 1;
      if (!Number.isFinite(loss)) throw new TrainingDivergedError(step, 'loss', loss);
      if (!Number.isFinite(gradientNorm)) throw new TrainingDivergedError(step, 'gradient', gradientNorm);
      const report = this.optimizer.apply(named, gradientNorm);
      return { loss, ...report };
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
