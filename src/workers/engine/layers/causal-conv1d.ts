// A causal 1-D convolution over time-major sequences [steps·batch, channels] (the recurrent
// layers' layout, so blocks stack): output step t sees input steps t, t−d, …, t−(k−1)·d. Written
// as one product of the stacked shifted inputs ([steps·batch, k·in] · [k·in, out]) with a
// hand-written gradient; each shift is a block of rows (a memory copy on wasm) padded with zeros.
// tfjs's conv1d would need batch-major copies and padding, and on wasm it cannot be trained at
// all: tfjs-wasm 4.22 registers no Conv2DBackpropFilter kernel.
import * as tf from '@tensorflow/tfjs';
import { sliceRows, splitColumns } from '../kernels/row-kernels';
import { constantVariable, glorotVariable, type Layer } from './layer';
import { columnSums } from './mat-mul';
import { sequenceShape } from './sequence-layout';

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

/** Rows moved down by `rows` (the first `rows` become zeros), or up for a negative count. */
function shiftRows(x: tf.Tensor2D, rows: number): tf.Tensor2D {
  const total = x.shape[0];
  const n = Math.min(Math.abs(rows), total);
  if (n === 0) return x;
  const zeros = tf.zeros<tf.Rank.R2>([n, x.shape[1]]);
  if (n === total) return zeros;
  return rows > 0 ? tf.concat([zeros, sliceRows(x, 0, total - n)], 0) : tf.concat([sliceRows(x, n, total - n), zeros], 0);
}

export interface CausalConvOptions {
  steps: number;
  /** Defaults to 1. */
  dilation?: number;
}

/**
 * x [steps·batch, in], kernel [k·in, out] (tap 0 = the current step, tap j = j·dilation steps
 * back), bias [out] → [steps·batch, out]. Differentiable in x, kernel and bias.
 */
export function causalConv1d(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, options: CausalConvOptions): tf.Tensor2D {
  const { batch } = sequenceShape(x, options.steps);
  const dilation = options.dilation ?? 1;
  const taps = kernel.shape[0] / x.shape[1];
  if (!Number.isInteger(taps)) throw new RangeError(`A kernel of ${kernel.shape[0]} rows does not fit inputs of ${x.shape[1]} channels.`);
  const shift = (j: number): number => j * dilation * batch;

  const op = tf.customGrad((...args: GradArgs) => {
    const [xs, k, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const stacked = taps === 1 ? xs : (tf.concat(Array.from({ length: taps }, (_, j) => shiftRows(xs, shift(j))), 1) as tf.Tensor2D);
    save([stacked, k]);
    return {
      value: tf.add(tf.matMul(stacked, k), b) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [cols, ks] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        const dCols = tf.matMul<tf.Tensor2D>(g, tf.transpose(ks));
        const perTap = taps === 1 ? [dCols] : splitColumns(dCols, taps);
        const dx = tf.addN(perTap.map((d, j) => shiftRows(d, -shift(j))));
        return [dx, tf.matMul(tf.transpose(cols), g), columnSums(g)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}

export interface CausalConv1dSpec {
  inputSize: number;
  filters: number;
  kernelSize: number;
  dilation?: number;
  seed: number;
}

export class CausalConv1d implements Layer {
  readonly variables: { kernel: tf.Variable; bias: tf.Variable };

  constructor(readonly spec: CausalConv1dSpec) {
    const fanIn = spec.kernelSize * spec.inputSize;
    this.variables = {
      kernel: glorotVariable([fanIn, spec.filters], spec.seed, { fanIn, fanOut: spec.kernelSize * spec.filters }),
      bias: constantVariable(new Float32Array(spec.filters)),
    };
  }

  apply(x: tf.Tensor2D, steps: number): tf.Tensor2D {
    return causalConv1d(x, this.variables.kernel as tf.Tensor2D, this.variables.bias as tf.Tensor1D, { steps, dilation: this.spec.dilation ?? 1 });
  }

  dispose(): void {
    this.variables.kernel.dispose();
    this.variables.bias.dispose();
  }
}
