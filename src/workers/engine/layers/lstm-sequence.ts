// A whole LSTM sequence as ONE differentiable op with a hand-written backward pass through time.
//
// Forward: the input side of every step is one matmul ([steps·batch, in] · [in, 4·units]); each
// step then does one small recurrent product and the fused cell (lstm-cell.ts). Backward: the
// per-step work is only what the recurrence forces (dh through the recurrent kernel, dc through
// the forget gate) plus a few elementwise products with coefficients computed for all steps at
// once; the gradients of the kernels, bias and inputs are then single big products over all
// steps (e.g. dRecurrent = Hprevᵀ · dZ) instead of one per step as autodiff would record.
// tfjs's autodiff of the same graph does ~100 small transposed products at ~3 s per
// forward+backward on wasm at batch 64 × 32 steps × 256 units.
//
// A per-sequence context (a VAE decoder's z) enters every step through its own kernel, projected
// once per sequence instead of being tiled into every step's input, and the input gradient can
// be skipped when the input is data (one-hot tokens): both save big products per training step.
import * as tf from '@tensorflow/tfjs';
import { sliceRows, splitColumns } from '../kernels/row-kernels';
import { columnSums } from './mat-mul';
import { cellStep, gateScale, scaledWeights } from './lstm-cell';
import { sequenceShape, stepRows, timeAt, toTimeMajor } from './sequence-layout';

export interface LstmSequenceOptions {
  steps: number;
  /** Walk the steps last to first (the backward half of a bidirectional layer). */
  reverse?: boolean;
  /** A per-sequence input [batch, contextSize] added at every step through contextKernel [contextSize, 4·units]. */
  context?: { input: tf.Tensor2D; kernel: tf.Tensor2D };
  /** False when x needs no gradient (data): its gradient is then returned as zeros, uncomputed. */
  inputGradient?: boolean;
}

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

interface Shape {
  steps: number;
  batch: number;
  units: number;
  reverse: boolean;
  hasContext: boolean;
  inputGradient: boolean;
}

/**
 * x [steps·batch, in] (time-major), initial state h0, c0 [batch, units], kernel [in, 4·units],
 * recurrentKernel [units, 4·units], bias [4·units] (and optionally a context, see the options) →
 * hidden states [steps·batch, units], in time order (also when reversed). Differentiable in every
 * tensor argument.
 */
export function lstmSequence(
  x: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  options: LstmSequenceOptions,
): tf.Tensor2D {
  const { steps, context } = options;
  const { batch } = sequenceShape(x, steps);
  const units = recurrentKernel.shape[0];
  const shape: Shape = { steps, batch, units, reverse: options.reverse ?? false, hasContext: context !== undefined, inputGradient: options.inputGradient ?? true };

  const op = tf.customGrad((...args: GradArgs) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [xs, h0s, c0s, k, r, b, ctx, ctxKernel] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D?, tf.Tensor2D?];
    const scaled = scaledWeights({ kernel: k, recurrentKernel: r, bias: b }, units);
    let projected = tf.add(tf.matMul(xs, scaled.kernel), scaled.bias) as tf.Tensor2D;
    if (ctx && ctxKernel) {
      const perSequence = tf.matMul(ctx, tf.mul(ctxKernel, gateScale(units)));
      projected = tf.reshape(tf.add(tf.reshape(projected, [steps, batch, 4 * units]), perSequence), [steps * batch, 4 * units]);
    }
    const activations: tf.Tensor2D[] = [];
    const cells: tf.Tensor2D[] = [];
    const hiddens: tf.Tensor2D[] = [];
    let h = h0s;
    let c = c0s;
    for (let n = 0; n < steps; n++) {
      const next = cellStep(stepRows(projected, timeAt(n, steps, shape.reverse), batch), h, c, scaled.recurrentKernel);
      activations.push(next.activations);
      cells.push(next.c);
      hiddens.push(next.h);
      h = next.h;
      c = next.c;
    }
    const output = toTimeMajor(hiddens, shape.reverse);
    // Processing order for the per-step quantities; the backward pass walks them in reverse.
    save([xs, h0s, c0s, k, r, tf.concat(activations, 0), tf.concat(cells, 0), output, ...(ctx && ctxKernel ? [ctx, ctxKernel] : [])]);
    return {
      value: output,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved as tf.Tensor2D[], shape),
    };
  });
  const inputs: tf.Tensor[] = [x, h0, c0, kernel, recurrentKernel, bias, ...(context ? [context.input, context.kernel] : [])];
  return op(...inputs) as tf.Tensor2D;
}

function backward(dy: tf.Tensor2D, saved: tf.Tensor2D[], shape: Shape): tf.Tensor[] {
  const [x, h0, c0, kernel, recurrent, acts, cells, output, context, contextKernel] = saved as [
    tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?, tf.Tensor2D?,
  ];
  const { steps, batch, units, reverse } = shape;
  const rows = steps * batch;
  const at = (k: number): number => timeAt(k, steps, reverse);

  // Coefficients for all steps at once (processing order), so the loop below only multiplies.
  const [i, f, sg, o] = splitColumns(acts, 4) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const g = tf.sub(tf.mul(sg, 2), 1);
  const tanhC = tf.sub(tf.mul(tf.sigmoid(tf.mul(cells, 2)), 2), 1);
  const cPrev = rows > batch ? tf.concat([c0, sliceRows(cells, 0, rows - batch)], 0) : c0;
  const dSigmoid = (s: tf.Tensor): tf.Tensor => tf.mul(s, tf.sub(1, s));
  // dc → dz for the input, forget and cell gates, side by side so one broadcast product serves all three.
  const fromCell = tf.concat([tf.mul(g, dSigmoid(i)), tf.mul(cPrev, dSigmoid(f)), tf.mul(i, tf.sub(1, tf.square(g)))], 1) as tf.Tensor2D;
  const hToCell = tf.mul(o, tf.sub(1, tf.square(tanhC))) as tf.Tensor2D;
  const hToOutputGate = tf.mul(tanhC, dSigmoid(o)) as tf.Tensor2D;

  const recurrentT = tf.transpose(recurrent);
  const dz: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
  let dzNext: tf.Tensor2D | null = null;
  let dcNext: tf.Tensor2D | null = null;
  for (let k = steps - 1; k >= 0; k--) {
    const dyStep = stepRows(dy, at(k), batch);
    const dh = dzNext ? tf.add(dyStep, tf.matMul(dzNext, recurrentT)) : dyStep;
    const fromH = tf.mul(dh, stepRows(hToCell, k, batch));
    const dc = (dcNext ? tf.add(fromH, tf.mul(dcNext, stepRows(f, k + 1, batch))) : fromH) as tf.Tensor2D;
    const dIfg = tf.mul(tf.reshape(dc, [batch, 1, units]), tf.reshape(stepRows(fromCell, k, batch), [batch, 3, units]));
    const dO = tf.mul(dh, stepRows(hToOutputGate, k, batch));
    const dzStep = tf.concat([tf.reshape(dIfg, [batch, 3 * units]), dO], 1) as tf.Tensor2D;
    dz[k] = dzStep;
    dzNext = dzStep;
    dcNext = dc;
  }
  const first = dzNext as tf.Tensor2D;
  const dh0 = tf.matMul(first, recurrentT);
  const dc0 = tf.mul(dcNext as tf.Tensor2D, stepRows(f, 0, batch));

  const dZ = toTimeMajor(dz, reverse);
  // The state each step started from, in time order: h0 first for a forward walk, last for a reversed one.
  const hPrev =
    rows === batch ? h0 : reverse ? tf.concat([sliceRows(output, batch, rows - batch), h0], 0) : tf.concat([h0, sliceRows(output, 0, rows - batch)], 0);
  const dx = shape.inputGradient ? tf.matMul(dZ, tf.transpose(kernel)) : tf.zerosLike(x);
  const grads: tf.Tensor[] = [dx, dh0, dc0, tf.matMul(tf.transpose(x), dZ), tf.matMul(tf.transpose(hPrev), dZ), columnSums(dZ)];
  if (shape.hasContext && context && contextKernel) {
    const dPerSequence = tf.addN(dz);
    grads.push(tf.matMul(dPerSequence, tf.transpose(contextKernel)), tf.matMul(tf.transpose(context), dPerSequence));
  }
  return grads;
}
