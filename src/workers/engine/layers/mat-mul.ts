// Matrix products whose gradients use explicit transposes, and the affine map (x·W + b) built on
// them. tfjs's own matMul gradient multiplies with the transposeA/transposeB flags, which
// tfjs-wasm runs outside XNNPACK, 6–30× slower than `tf.transpose` followed by a plain product
// (see "Measured here" in ARCHITECTURE.md). Bias gradients are a ones-row product, because
// tfjs-wasm's sum over axis 0 transposes first (17 ms vs 0.7 ms for [2048, 1024]).
// On other backends the extra transposes cost a copy.
import * as tf from '@tensorflow/tfjs';
import { biasActivation, reluGrad } from '../kernels/fused-kernels';

// customGrad passes its inputs and then the save function through one untyped rest parameter.
type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

const product = tf.customGrad((...args: GradArgs) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul<tf.Tensor2D>(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
    },
  };
});

/** a [m, k] · b [k, n] → [m, n], differentiable in both arguments. */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return product(a, b) as tf.Tensor2D;
}

/** Column sums of g [rows, n] → [n], as a product with a ones row (see the header). */
export function columnSums(g: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(tf.matMul(tf.ones([1, g.shape[0]]), g), [g.shape[1]]));
}

const affineMap = tf.customGrad((...args: GradArgs) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g), columnSums(g)];
    },
  };
});

/** x [m, k] · w [k, n] + b [n] → [m, n], differentiable in all three. */
export function affine(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return affineMap(x, w, b) as tf.Tensor2D;
}

// The product, then bias and activation as one small kernel (kernels/fused-kernels.ts): two
// launches forward instead of three (tfjs's own fused.matMul unfuses under a gradient tape), with
// the same explicit-transpose gradients and a one-kernel ReLU gradient.
function affineActivationMap(relu: boolean) {
  return tf.customGrad((...args: GradArgs) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const z = tf.matMul<tf.Tensor2D>(x, w);
    const y = biasActivation(z, b, relu);
    z.dispose();
    save(relu ? [x, w, y] : [x, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, sy] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D | undefined];
        const g = (sy ? reluGrad(dy, sy) : dy) as tf.Tensor2D;
        return [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g), columnSums(g)];
      },
    };
  });
}

const affineReluMap = affineActivationMap(true);
const affineLinearMap = affineActivationMap(false);

/** activation(x [m, k] · w [k, n] + b [n]) for ReLU or none, differentiable in all three. */
export function fusedAffine(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: 'relu' | 'linear'): tf.Tensor2D {
  return (activation === 'relu' ? affineReluMap(x, w, b) : affineLinearMap(x, w, b)) as tf.Tensor2D;
}
