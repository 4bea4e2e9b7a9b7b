// How the engine's recurrent layers lay sequences out: time-major 2-D tensors
// [steps·batch, features], rows t·batch … t·batch+batch-1 holding time step t. One time step is
// then a contiguous block of rows (a memory copy, see kernels/row-kernels.ts), and every
// input-side product over all steps is ONE matmul. A reversed layer (the backward half of a
// bidirectional one) walks the steps last to first instead of copying the sequence reversed
// (tfjs-wasm's Reverse takes 121 ms for [32, 64, 1024]).
import * as tf from '@tensorflow/tfjs';
import { sliceRows } from '../kernels/row-kernels';

export interface SequenceShape {
  steps: number;
  batch: number;
}

/** Steps and batch of a time-major tensor with the given number of steps. */
export function sequenceShape(x: tf.Tensor2D, steps: number): SequenceShape {
  const rows = x.shape[0];
  if (!Number.isInteger(steps) || steps < 1 || rows % steps !== 0) {
    throw new RangeError(`A time-major sequence of ${rows} rows cannot hold ${steps} steps.`);
  }
  return { steps, batch: rows / steps };
}

/** The time step processed k-th (0-based). */
export const timeAt = (k: number, steps: number, reverse: boolean): number => (reverse ? steps - 1 - k : k);

/** Time step t of a time-major tensor → [batch, features]. */
export function stepRows(x: tf.Tensor2D, t: number, batch: number): tf.Tensor2D {
  return sliceRows(x, t * batch, batch);
}

/** Concatenates per-step blocks given in processing order into a time-major tensor. */
export function toTimeMajor(blocks: tf.Tensor2D[], reverse: boolean): tf.Tensor2D {
  return tf.concat(reverse ? [...blocks].reverse() : blocks, 0);
}

/**
 * Batch-major [batch, steps, features] → time-major [steps·batch, features]. One transpose,
 * for data that arrives batch-major (token batches, other models' outputs).
 */
export function batchMajorToTimeMajor(x: tf.Tensor3D): tf.Tensor2D {
  const [batch, steps, features] = x.shape;
  return tf.tidy(() => tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * batch, features]));
}

/** Time-major [steps·batch, features] → batch-major [batch, steps, features]. */
export function timeMajorToBatchMajor(x: tf.Tensor2D, steps: number): tf.Tensor3D {
  const { batch } = sequenceShape(x, steps);
  return tf.tidy(() => tf.transpose(tf.reshape(x, [steps, batch, x.shape[1]]), [1, 0, 2]));
}

/** Batch-major integer tokens [batch × steps] (row by row) → time-major order, as plain data. */
export function tokensToTimeMajor(tokens: Int32Array, batch: number, steps: number): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let b = 0; b < batch; b++) for (let t = 0; t < steps; t++) out[t * batch + b] = tokens[b * steps + t] as number;
  return out;
}
