// Test support: compares an engine block with a reference written from stock tfjs ops (whose
// gradients come from tfjs's autodiff) on the same inputs and weights — outputs, and gradients
// with respect to every input — and runs tiny seeded training loops. Used by the blocks' tests;
// nothing in the product imports it.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend/select-backend';

export type TensorFn = (...xs: tf.Tensor[]) => tf.Tensor;

export interface Comparison {
  /** max |engine − reference| / max |reference| over the output. */
  value: number;
  /** The same for the gradient with respect to each input, in order. */
  gradients: number[];
}

/** Relative max-abs error; 0 for two all-zero tensors. */
export function relativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] as number;
    const scale = tf.max(tf.abs(expected)).dataSync()[0] as number;
    return scale === 0 ? diff : diff / scale;
  });
}

/**
 * Runs both functions on the inputs and differentiates sum(output ⊙ w) for a fixed random w (so
 * every output element matters, with different weights). Frees every tensor it makes.
 */
export function compareWithReference(engine: TensorFn, reference: TensorFn, inputs: tf.Tensor[], seed = 1): Comparison {
  return tf.tidy(() => {
    const probeShape = reference(...inputs).shape;
    const w = tf.randomNormal(probeShape, 0, 1, 'float32', seed);
    const lossOf = (f: TensorFn) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), w));
    const engineGrads = tf.grads(lossOf(engine))(inputs);
    const referenceGrads = tf.grads(lossOf(reference))(inputs);
    return {
      value: relativeError(engine(...inputs), reference(...inputs)),
      gradients: engineGrads.map((g, i) => relativeError(g, referenceGrads[i] as tf.Tensor)),
    };
  });
}

/** Seeded normal values, scaled (small inputs keep gates away from saturation). */
export function randomInput(shape: number[], seed: number, scale = 0.5): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale));
}

/**
 * Adam on `loss` over the variables for `steps` steps; returns the loss before each step. The
 * variables must exist before the call (they do for engine blocks).
 */
export async function trainLosses(loss: () => tf.Scalar, variables: tf.Variable[], steps: number, learningRate = 0.01): Promise<number[]> {
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const value = optimizer.minimize(loss, true, variables) as tf.Scalar;
      losses.push((await value.data())[0] as number);
      value.dispose();
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

/** The backends the engine's tests run on: wasm (the default here) and the pure-JS fallback. */
export const testBackends = ['wasm', 'cpu'] as const;

/** Makes the named backend active (tests call it in beforeAll). */
export async function useBackend(name: (typeof testBackends)[number]): Promise<void> {
  await selectBackend({ force: name });
}

/** Runs `loss` forward and backward through every trainable variable, frees the results, and
 * returns how many tensors were left behind (0 for a block that cleans up after itself). */
export function tensorsLeftByBackward(loss: () => tf.Scalar): number {
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(loss);
  tf.dispose([value, ...Object.values(grads)]);
  return tf.memory().numTensors - before;
}
