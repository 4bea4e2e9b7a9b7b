// The optimizer's per-variable arithmetic as single kernels on wasm and cpu: the sum of squares of
// every gradient (for global-norm clipping and the NaN check), and one Adam update producing the
// new weights and moments in one pass. Stock ops need ~12 kernel launches per variable (each
// ~20–40 µs of tfjs bookkeeping on wasm), which dominates models with many small weight tensors
// such as NeuMF. A scalar JS loop loses to XNNPACK's vectorised ops on big tensors, though
// (measured on wasm: 256 values 0.10 vs 0.94 ms, 4k 0.42 vs 0.46, 32k 0.94 vs 0.61, 1M 22 vs 10),
// so tensors above fusedAdamLimit, and every tensor on other backends, use stock ops.
import * as tf from '@tensorflow/tfjs';
import { activeBackendHas, allocate, heapView, registerHeapKernel } from './heap-access';

const sumOfSquaresKernel = 'MontageSumOfSquares';
const adamUpdateKernel = 'MontageAdamUpdate';

registerHeapKernel(sumOfSquaresKernel, ({ inputs, backend }, backendName) => {
  const infos = Object.values(inputs) as tf.TensorInfo[];
  const out = allocate(backend, backendName, [], 'float32');
  let total = 0;
  for (const info of infos) {
    const values = heapView(backend, backendName, info);
    for (let i = 0; i < values.length; i++) total += (values[i] as number) * (values[i] as number);
  }
  heapView(backend, backendName, out)[0] = total;
  return out;
});

export interface AdamStepAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β1^t and 1 − β2^t for this update's t. */
  correction1: number;
  correction2: number;
  /** Multiplies the gradient first (global-norm clipping). */
  gradientScale: number;
}

registerHeapKernel(adamUpdateKernel, ({ inputs, backend, attrs }, backendName) => {
  const { learningRate, beta1, beta2, epsilon, correction1, correction2, gradientScale } = attrs as unknown as AdamStepAttrs;
  const w = inputs.w as tf.TensorInfo;
  const outs = [0, 1, 2].map(() => allocate(backend, backendName, w.shape, 'float32'));
  const [wv, gv, mv, vv] = (['w', 'g', 'm', 'v'] as const).map((k) => heapView(backend, backendName, inputs[k] as tf.TensorInfo));
  const [wOut, mOut, vOut] = outs.map((o) => heapView(backend, backendName, o)) as [Float32Array, Float32Array, Float32Array];
  const w0 = wv as Float32Array;
  const g0 = gv as Float32Array;
  const m0 = mv as Float32Array;
  const v0 = vv as Float32Array;
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const rate = learningRate / correction1;
  const inverse2 = 1 / correction2;
  for (let i = 0; i < w0.length; i++) {
    const g = (g0[i] as number) * gradientScale;
    const m = beta1 * (m0[i] as number) + keep1 * g;
    const v = beta2 * (v0[i] as number) + keep2 * g * g;
    mOut[i] = m;
    vOut[i] = v;
    wOut[i] = (w0[i] as number) - (rate * m) / (Math.sqrt(v * inverse2) + epsilon);
  }
  return outs;
});

/** Σ over all tensors of Σ x², as a scalar (one kernel for the small tensors, stock ops for big ones). */
export function sumOfSquares(tensors: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const fused = activeBackendHas(sumOfSquaresKernel);
    const small = fused ? tensors.filter((t) => t.size <= fusedAdamLimit) : [];
    const parts: tf.Tensor[] = tensors.filter((t) => !small.includes(t)).map((t) => tf.sum(tf.square(t)));
    if (small.length > 0) {
      const inputs: tf.NamedTensorMap = {};
      small.forEach((t, i) => (inputs[String(i)] = t));
      parts.push(tf.engine().runKernel(sumOfSquaresKernel, inputs, {}) as tf.Tensor);
    }
    return (parts.length === 0 ? tf.scalar(0) : tf.addN(parts)) as tf.Scalar;
  });
}

/** Largest tensor (values) updated by the fused kernel; see the header. */
export const fusedAdamLimit = 8192;

/** One Adam update: → [new weights, new first moment, new second moment]. */
export function adamUpdate(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamStepAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (w.size <= fusedAdamLimit && activeBackendHas(adamUpdateKernel)) {
    return tf.engine().runKernel(adamUpdateKernel, { w, g, m, v }, { ...a }) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
  }
  return tf.tidy(() => {
    const gs = tf.mul(g, a.gradientScale);
    const m2 = tf.add(tf.mul(m, a.beta1), tf.mul(gs, 1 - a.beta1));
    const v2 = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(gs), 1 - a.beta2));
    const step = tf.div(tf.div(m2, a.correction1), tf.add(tf.sqrt(tf.div(v2, a.correction2)), a.epsilon));
    return [tf.sub(w, tf.mul(step, a.learningRate)), m2, v2];
  });
}
