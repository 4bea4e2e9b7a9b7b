// A whole GRU sequence as ONE differentiable op with a hand-written backward pass through time,
// built like lstm-sequence.ts (read that header first). The reset gate is applied after the
// recurrent product (PyTorch's and cuDNN's GRU, Keras' reset_after=True), so each step needs one
// recurrent product [batch, units]·[units, 3·units] instead of two. Gate order r, z, n; the new
// state is (1 − z)·n + z·h.
import * as tf from '@tensorflow/tfjs';
import { sliceRows, splitColumns } from '../kernels/row-kernels';
import { fastTanh } from './activations';
import { columnSums } from './mat-mul';
import { sequenceShape, stepRows, timeAt, toTimeMajor } from './sequence-layout';

export interface GruSequenceOptions {
  steps: number;
  reverse?: boolean;
}

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

export interface GruStep {
  r: tf.Tensor2D;
  z: tf.Tensor2D;
  n: tf.Tensor2D;
  /** The candidate's recurrent term h·Rn + bn, before the reset gate. */
  hn: tf.Tensor2D;
  h: tf.Tensor2D;
}

/** One step from the input-side pre-activations (x·K + b) and the previous state. */
export function gruStep(projected: tf.Tensor2D, h: tf.Tensor2D, recurrent: tf.Tensor2D, recurrentBias: tf.Tensor1D): GruStep {
  const [xr, xz, xn] = splitColumns(projected, 3) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const [hr, hz, hn] = splitColumns(tf.add(tf.matMul(h, recurrent), recurrentBias), 3) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor2D;
  const z = tf.sigmoid(tf.add(xz, hz)) as tf.Tensor2D;
  const n = fastTanh(tf.add(xn, tf.mul(r, hn))) as tf.Tensor2D;
  return { r, z, n, hn, h: tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D };
}

/**
 * x [steps·batch, in] (time-major), h0 [batch, units], kernel [in, 3·units], recurrentKernel
 * [units, 3·units], bias and recurrentBias [3·units] → hidden states [steps·batch, units] in time
 * order. Differentiable in all six tensors.
 */
export function gruSequence(
  x: tf.Tensor2D,
  h0: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  recurrentBias: tf.Tensor1D,
  options: GruSequenceOptions,
): tf.Tensor2D {
  const { steps } = options;
  const reverse = options.reverse ?? false;
  const { batch } = sequenceShape(x, steps);

  const op = tf.customGrad((...args: GradArgs) => {
    const [xs, h0s, k, r, b, rb, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const projected = tf.add(tf.matMul(xs, k), b) as tf.Tensor2D;
    const parts: Record<'r' | 'z' | 'n' | 'hn' | 'h', tf.Tensor2D[]> = { r: [], z: [], n: [], hn: [], h: [] };
    let h = h0s;
    for (let step = 0; step < steps; step++) {
      const next = gruStep(stepRows(projected, timeAt(step, steps, reverse), batch), h, r, rb);
      for (const key of ['r', 'z', 'n', 'hn', 'h'] as const) parts[key].push(next[key]);
      h = next.h;
    }
    const output = toTimeMajor(parts.h, reverse);
    // Processing order, as the backward pass walks it (in reverse).
    const cat = (key: 'r' | 'z' | 'n' | 'hn' | 'h') => tf.concat(parts[key], 0);
    save([xs, h0s, k, r, cat('r'), cat('z'), cat('n'), cat('hn'), cat('h'), output]);
    return {
      value: output,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved as tf.Tensor2D[], steps, batch, reverse),
    };
  });
  return op(x, h0, kernel, recurrentKernel, bias, recurrentBias) as tf.Tensor2D;
}

function backward(dy: tf.Tensor2D, saved: tf.Tensor2D[], steps: number, batch: number, reverse: boolean): tf.Tensor[] {
  const [x, h0, kernel, recurrent, r, z, n, hn, hProcessed, output] = saved as [
    tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D,
  ];
  const rows = steps * batch;
  // The state each step started from, in processing order.
  const hPrevProcessed = rows > batch ? tf.concat([h0, sliceRows(hProcessed, 0, rows - batch)], 0) : h0;
  // Coefficients for all steps at once: dh → d(pre-activation of n), dh → d(pre-activation of z),
  // d(pre-activation of n) → d(pre-activation of r).
  const toN = tf.mul(tf.sub(1, z), tf.sub(1, tf.square(n)));
  const toZ = tf.mul(tf.sub(hPrevProcessed, n), tf.mul(z, tf.sub(1, z)));
  const nToR = tf.mul(hn, tf.mul(r, tf.sub(1, r)));

  const recurrentT = tf.transpose(recurrent);
  const dInput: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
  const dRecurrentPre: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
  let carry: tf.Tensor2D | null = null;
  for (let k = steps - 1; k >= 0; k--) {
    const dyStep = stepRows(dy, timeAt(k, steps, reverse), batch);
    const dh = carry ? tf.add(dyStep, carry) : dyStep;
    const dn = tf.mul(dh, stepRows(toN as tf.Tensor2D, k, batch));
    const dz = tf.mul(dh, stepRows(toZ as tf.Tensor2D, k, batch));
    const dr = tf.mul(dn, stepRows(nToR as tf.Tensor2D, k, batch));
    const dhn = tf.mul(dn, stepRows(r, k, batch));
    dInput[k] = tf.concat([dr, dz, dn], 1) as tf.Tensor2D;
    const dPre = tf.concat([dr, dz, dhn], 1) as tf.Tensor2D;
    dRecurrentPre[k] = dPre;
    carry = tf.add(tf.mul(dh, stepRows(z, k, batch)), tf.matMul(dPre, recurrentT)) as tf.Tensor2D;
  }
  const dX = toTimeMajor(dInput, reverse);
  const dH = toTimeMajor(dRecurrentPre, reverse);
  const hPrev =
    rows === batch ? h0 : reverse ? tf.concat([sliceRows(output, batch, rows - batch), h0], 0) : tf.concat([h0, sliceRows(output, 0, rows - batch)], 0);
  return [
    tf.matMul(dX, tf.transpose(kernel)),
    carry as tf.Tensor2D,
    tf.matMul(tf.transpose(x), dX),
    tf.matMul(tf.transpose(hPrev), dH),
    columnSums(dX),
    columnSums(dH),
  ];
}
