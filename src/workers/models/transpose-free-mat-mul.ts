// A 2-D matMul whose gradient uses explicit transposes instead of matMul's transposeA/transposeB
// flags. tfjs's own matMul gradient multiplies with those flags, and tfjs-wasm runs flagged
// products 6–30× slower than `tf.transpose` followed by a plain product (see "Measured here" in
// ARCHITECTURE.md); an LSTM's backward pass is mostly such products, so this halves a training
// step on wasm and costs only a copy on the other backends.
import * as tf from '@tensorflow/tfjs';

// customGrad passes its inputs and then the save function through one untyped rest parameter.
const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul<tf.Tensor2D>(a, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [savedA, savedB] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul<tf.Tensor2D>(dy, tf.transpose(savedB)), tf.matMul<tf.Tensor2D>(tf.transpose(savedA), dy)];
    },
  };
});

/** a [m, k] · b [k, n] → [m, n], differentiable in both arguments. */
export function matMulForTraining(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return product(a, b);
}
