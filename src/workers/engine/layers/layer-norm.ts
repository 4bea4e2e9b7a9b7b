// Layer normalisation over the last axis with a hand-written gradient: autodiff of the textbook
// formula records ~15 ops whose gradients include broadcasts of per-row statistics back over the
// rows; the closed form below needs a handful, and its reductions run along the contiguous last
// axis (fast on wasm, unlike axis-0 sums).
import * as tf from '@tensorflow/tfjs';
import { constantVariable, type Layer } from './layer';
import { columnSums } from './mat-mul';

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

/** x [rows, dim] → γ·(x − mean)/√(var + ε) + β per row, differentiable in x, γ and β. */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, shift: tf.Tensor1D, epsilon = 1e-5): tf.Tensor2D {
  const op = tf.customGrad((...args: GradArgs) => {
    const [xs, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const centred = tf.sub(xs, tf.mean(xs, -1, true));
    const inverseStd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), epsilon));
    const normalised = tf.mul(centred, inverseStd) as tf.Tensor2D;
    save([normalised, inverseStd, g]);
    return {
      value: tf.add(tf.mul(normalised, g), b) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xHat, rstd, gs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const dyHat = tf.mul(dy, gs);
        const dx = tf.mul(rstd, tf.sub(tf.sub(dyHat, tf.mean(dyHat, -1, true)), tf.mul(xHat, tf.mean(tf.mul(dyHat, xHat), -1, true))));
        return [dx, columnSums(tf.mul(dy, xHat) as tf.Tensor2D), columnSums(dy as tf.Tensor2D)];
      },
    };
  });
  return op(x, gain, shift) as tf.Tensor2D;
}

export class LayerNorm implements Layer {
  readonly variables: { gain: tf.Variable; shift: tf.Variable };

  constructor(readonly spec: { dim: number; epsilon?: number }) {
    this.variables = { gain: constantVariable(new Float32Array(spec.dim).fill(1)), shift: constantVariable(new Float32Array(spec.dim)) };
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return layerNorm(x, this.variables.gain as tf.Tensor1D, this.variables.shift as tf.Tensor1D, this.spec.epsilon);
  }

  dispose(): void {
    this.variables.gain.dispose();
    this.variables.shift.dispose();
  }
}
