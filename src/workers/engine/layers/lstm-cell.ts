// The LSTM cell arithmetic shared by the sequence layer's forward pass, its hand-written backward
// pass and single-step inference. Gate order is Keras' (input, forget, cell, output), so weights
// load into tf.layers.lstm and back unchanged.
//
// Fusion: the cell candidate's columns of the kernels and bias are scaled by 2 once per call, so
// ONE sigmoid over all 4·units pre-activations gives σ(z_i), σ(z_f), σ(2·z_g), σ(z_o), and
// tanh(z_g) = 2·σ(2·z_g) − 1 (tfjs-wasm's tanh is ~15× slower than its sigmoid).
import * as tf from '@tensorflow/tfjs';
import { splitColumns } from '../kernels/row-kernels';

export interface LstmWeights {
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** [1…1, 1…1, 2…2, 1…1]: scales the cell candidate's columns (see the header). */
export function gateScale(units: number): tf.Tensor1D {
  const s = new Float32Array(4 * units).fill(1);
  s.fill(2, 2 * units, 3 * units);
  return tf.tensor1d(s);
}

/** The weights with the candidate's columns doubled. */
export function scaledWeights(w: LstmWeights, units: number): LstmWeights {
  return tf.tidy(() => {
    const scale = gateScale(units);
    return {
      kernel: tf.mul<tf.Tensor2D>(w.kernel, scale),
      recurrentKernel: tf.mul<tf.Tensor2D>(w.recurrentKernel, scale),
      bias: tf.mul<tf.Tensor1D>(w.bias, scale),
    };
  });
}

export interface CellStep {
  /** σ of the scaled pre-activations [batch, 4·units]: i, f, σ(2·z_g), o. */
  activations: tf.Tensor2D;
  c: tf.Tensor2D;
  h: tf.Tensor2D;
}

/**
 * One step from the input-side pre-activations `projected` (x·K + b) and the previous state. With
 * the scaled weights (training) the pre-activations arrive scaled; with the variables themselves
 * (sampling) pass `scale` = gateScale(units) and they are scaled here, so the matmuls keep using
 * the variables, whose packed XNNPACK weights tfjs-wasm caches across calls (scaling them per
 * step would repack both kernels every step: 7 ms a step at batch 8). The caller owns the result.
 */
export function cellStep(projected: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, recurrent: tf.Tensor2D, scale?: tf.Tensor1D): CellStep {
  const z = tf.add(projected, tf.matMul(h, recurrent));
  const activations = tf.sigmoid(scale ? tf.mul(z, scale) : z) as tf.Tensor2D;
  const [i, f, sg, o] = splitColumns(activations, 4) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const g = tf.sub(tf.mul(sg, 2), 1);
  const nextC = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
  const tanhC = tf.sub(tf.mul(tf.sigmoid(tf.mul(nextC, 2)), 2), 1);
  return { activations, c: nextC, h: tf.mul(o, tanhC) as tf.Tensor2D };
}
