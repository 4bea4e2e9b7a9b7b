// One training step for any engine model: loss and gradients of the model's variables, a single
// read of (loss, gradient norm) that serves the progress line, clipping and the NaN/Inf check,
// then the Adam update. A non-finite loss or gradient stops training with a message written for
// users, before the update can spoil the weights.
import * as tf from '@tensorflow/tfjs';
import type { RowGradient } from '../kernels/gather-kernels';
import { captureRowGradients } from '../layers/embedding';
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
    // Adam's lazyRows tables that embeddingLookup reads get sparse (row) gradients.
    const lazyNames = this.optimizer.options.lazyRows ?? [];
    const lazyTables = lazyNames.map((n) => this.model.variables[n] as tf.Variable);
    const { result, rows } = captureRowGradients(lazyTables, () => tf.variableGrads(() => this.model.loss(batch), variables));
    const { value, grads } = result;
    const rowGrads: Record<string, RowGradient> = {};
    lazyNames.forEach((n, i) => {
      const g = rows.get(lazyTables[i] as tf.Variable);
      if (g) rowGrads[n] = g;
    });
    // variableGrads keys gradients by tfjs's variable names; the optimizer uses path names.
    const named: tf.NamedTensorMap = {};
    this.names.forEach((n, i) => (named[n] = grads[(variables[i] as tf.Variable).name] as tf.Tensor));
    try {
      const norm = this.optimizer.gradientNorm(named, rowGrads);
      const both = tf.stack([value, norm]);
      const [loss, gradientNorm] = Array.from(await both.data()) as [number, number];
      tf.dispose([norm, both]);
      const step = this.optimizer.step + 1;
      if (!Number.isFinite(loss)) throw new TrainingDivergedError(step, 'loss', loss);
      if (!Number.isFinite(gradientNorm)) throw new TrainingDivergedError(step, 'gradient', gradientNorm);
      const report = this.optimizer.apply(named, gradientNorm, rowGrads);
      return { loss, ...report };
    } finally {
      tf.dispose([value, ...Object.values(grads), ...Object.values(rowGrads).flatMap((g) => [g.ids, g.rows])]);
    }
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
