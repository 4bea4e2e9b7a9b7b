// Causal multi-head self-attention over time-major sequences [steps·batch, dim], for models that
// do not need recurrence (every step's work happens at once). The projections use the engine's
// transpose-free products; the per-head score and mixing products are batched matmuls through
// tfjs autodiff (tfjs-wasm runs batched products outside XNNPACK whatever their flags, so a
// hand-written gradient would not speed them up).
import * as tf from '@tensorflow/tfjs';
import { splitColumns } from '../kernels/row-kernels';
import { constantVariable, glorotVariable, type Layer } from './layer';
import { affine } from './mat-mul';
import { sequenceShape } from './sequence-layout';

export interface SelfAttentionSpec {
  dim: number;
  heads: number;
  seed: number;
}

/** 0 on and below the diagonal, −1e9 above it: step t attends to steps ≤ t. */
function causalMask(steps: number): tf.Tensor2D {
  const mask = new Float32Array(steps * steps);
  for (let i = 0; i < steps; i++) for (let j = i + 1; j < steps; j++) mask[i * steps + j] = -1e9;
  return tf.tensor2d(mask, [steps, steps]);
}

export interface AttentionWeights {
  qkvKernel: tf.Tensor2D;
  qkvBias: tf.Tensor1D;
  outKernel: tf.Tensor2D;
  outBias: tf.Tensor1D;
}

/** The attention computation from explicit weights (the layer and its tests share it). */
export function causalSelfAttention(x: tf.Tensor2D, w: AttentionWeights, heads: number, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const { batch } = sequenceShape(x, steps);
    const dim = x.shape[1];
    const headDim = dim / heads;
    // [steps·batch, dim] → [batch, heads, steps, headDim]
    const toHeads = (t: tf.Tensor2D) => tf.transpose(tf.reshape(t, [steps, batch, heads, headDim]), [1, 2, 0, 3]);
    const [q, k, v] = splitColumns(affine(x, w.qkvKernel, w.qkvBias), 3).map(toHeads) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)), causalMask(steps));
    const mixed = tf.matMul(tf.softmax(scores), v);
    const merged = tf.reshape(tf.transpose(mixed, [2, 0, 1, 3]), [steps * batch, dim]) as tf.Tensor2D;
    return affine(merged, w.outKernel, w.outBias);
  });
}

export class SelfAttention implements Layer {
  readonly variables: { qkvKernel: tf.Variable; qkvBias: tf.Variable; outKernel: tf.Variable; outBias: tf.Variable };

  constructor(readonly spec: SelfAttentionSpec) {
    const { dim, heads, seed } = spec;
    if (dim % heads !== 0) throw new RangeError(`${dim} dimensions do not split into ${heads} heads.`);
    this.variables = {
      qkvKernel: glorotVariable([dim, 3 * dim], seed, { fanIn: dim, fanOut: dim }),
      qkvBias: constantVariable(new Float32Array(3 * dim)),
      outKernel: glorotVariable([dim, dim], seed + 1),
      outBias: constantVariable(new Float32Array(dim)),
    };
  }

  /** x [steps·batch, dim] time-major → [steps·batch, dim]. */
  apply(x: tf.Tensor2D, steps: number): tf.Tensor2D {
    const v = this.variables;
    return causalSelfAttention(
      x,
      { qkvKernel: v.qkvKernel as tf.Tensor2D, qkvBias: v.qkvBias as tf.Tensor1D, outKernel: v.outKernel as tf.Tensor2D, outBias: v.outBias as tf.Tensor1D },
      this.spec.heads,
      steps,
    );
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v.dispose();
  }
}
