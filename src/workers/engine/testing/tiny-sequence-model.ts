// Test support: a tiny LSTM regression model and data set for the training-loop, checkpoint and
// fresh-process tests (checkpoint-probe.ts builds the same model in a child process).
import * as tf from '@tensorflow/tfjs';
import { Dense } from '../layers/dense';
import { collectVariables, type NamedVariables } from '../layers/layer';
import { Lstm } from '../layers/lstm';
import type { TrainableModel } from '../training/trainer';

export const tinySteps = 4;
export const tinyFeatures = 3;
const examples = 24;

export interface TinyBatch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

export class TinySequenceModel implements TrainableModel<TinyBatch> {
  readonly lstm: Lstm;
  readonly head: Dense;
  readonly variables: NamedVariables;

  constructor(seed: number) {
    this.lstm = new Lstm({ inputSize: tinyFeatures, units: 8, seed });
    this.head = new Dense({ inputSize: 8, units: tinyFeatures, seed: seed + 10 });
    this.variables = collectVariables({ lstm: this.lstm, head: this.head });
  }

  predict(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.head.apply(this.lstm.apply(x, { steps: tinySteps })));
  }

  loss(batch: TinyBatch): tf.Scalar {
    return tf.losses.meanSquaredError(batch.y, this.predict(batch.x)) as tf.Scalar;
  }

  dispose(): void {
    this.lstm.dispose();
    this.head.dispose();
  }
}

/** Deterministic data: inputs and, as targets, the inputs one step later (time-major rows). */
export function tinyData(seed: number): { x: tf.Tensor3D; y: tf.Tensor3D } {
  return tf.tidy(() => {
    const seq = tf.randomNormal([examples, tinySteps + 1, tinyFeatures], 0, 1, 'float32', seed);
    return { x: tf.slice(seq, [0, 0, 0], [-1, tinySteps, -1]) as tf.Tensor3D, y: tf.slice(seq, [0, 1, 0], [-1, tinySteps, -1]) as tf.Tensor3D };
  });
}

/** Batch-major rows of examples → a time-major batch. */
export function tinyBatch(data: { x: tf.Tensor3D; y: tf.Tensor3D }, indices: Int32Array): TinyBatch {
  return tf.tidy(() => {
    const ids = tf.tensor1d(indices, 'int32');
    const timeMajor = (t: tf.Tensor3D) => tf.reshape(tf.transpose(tf.gather(t, ids), [1, 0, 2]), [tinySteps * indices.length, tinyFeatures]) as tf.Tensor2D;
    return { x: timeMajor(data.x), y: timeMajor(data.y) };
  });
}

/** A fixed probe input for comparing predictions across processes. */
export function probeInput(): tf.Tensor2D {
  return tf.tidy(() => tf.reshape(tf.randomNormal([tinySteps, 2, tinyFeatures], 0, 1, 'float32', 99), [tinySteps * 2, tinyFeatures]) as tf.Tensor2D);
}

export const tinyExampleCount = examples;
