// Test support: textbook LSTM and GRU written from stock tfjs ops, one step at a time, so tfjs's
// autodiff provides their gradients. The engine's layers must match them (gradient checks).
import * as tf from '@tensorflow/tfjs';

function stepOrder(steps: number, reverse: boolean): number[] {
  const order = Array.from({ length: steps }, (_, t) => t);
  return reverse ? order.reverse() : order;
}

/** Time-major LSTM, Keras gate order (i, f, c, o), outputs in time order. */
export function referenceLstm(
  x: tf.Tensor2D, h0: tf.Tensor2D, c0: tf.Tensor2D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D,
  steps: number, reverse = false,
): tf.Tensor2D {
  const batch = x.shape[0] / steps;
  const units = h0.shape[1];
  const outputs: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
  let h = h0;
  let c = c0;
  for (const t of stepOrder(steps, reverse)) {
    const xt = tf.slice(x, [t * batch, 0], [batch, -1]);
    const z = tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h, recurrent)), bias);
    const [zi, zf, zg, zo] = tf.split(z, [units, units, units, units], 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    outputs[t] = h;
  }
  return tf.concat(outputs, 0);
}

/** Time-major GRU with the reset gate applied after the recurrent product (PyTorch, cuDNN), gates r, z, n. */
export function referenceGru(
  x: tf.Tensor2D, h0: tf.Tensor2D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, recurrentBias: tf.Tensor1D,
  steps: number, reverse = false,
): tf.Tensor2D {
  const batch = x.shape[0] / steps;
  const outputs: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
  let h = h0;
  for (const t of stepOrder(steps, reverse)) {
    const xt = tf.slice(x, [t * batch, 0], [batch, -1]);
    const [xr, xz, xn] = tf.split(tf.add(tf.matMul(xt, kernel), bias), 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, recurrent), recurrentBias), 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
    outputs[t] = h;
  }
  return tf.concat(outputs, 0);
}
