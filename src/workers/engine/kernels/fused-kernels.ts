// Small fused kernels, on wasm and cpu (loops over the heap, see heap-access.ts): the mean
// sigmoid cross-entropy of logits against labels (forward and gradient), a bias add with an
// optional ReLU, and the ReLU gradient. Stock tfjs runs the loss as ~7 kernels forward and ~12
// backward, each with tfjs's per-kernel bookkeeping (~5–20 µs on wasm), which dominates small
// models such as NeuMF; here it is one kernel each way. Other backends use the stock ops.
import * as tf from '@tensorflow/tfjs';
import { activeBackendHas, allocate, heapView, registerHeapKernel } from './heap-access';

const sigmoidCrossEntropyKernel = 'MontageSigmoidCrossEntropy';
const sigmoidCrossEntropyGradKernel = 'MontageSigmoidCrossEntropyGrad';
const reluGradKernel = 'MontageReluGrad';
const biasActivationKernel = 'MontageBiasActivation';

/** max(x, 0) − x·z + log(1 + e^−|x|), the stable form tf.losses.sigmoidCrossEntropy uses. */
const elementLoss = (x: number, z: number): number => Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));

const sigmoid = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

registerHeapKernel(sigmoidCrossEntropyKernel, ({ inputs, backend }, backendName) => {
  const out = allocate(backend, backendName, [], 'float32');
  const z = heapView(backend, backendName, inputs.labels as tf.TensorInfo);
  const x = heapView(backend, backendName, inputs.logits as tf.TensorInfo);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += elementLoss(x[i] as number, z[i] as number);
  heapView(backend, backendName, out)[0] = x.length === 0 ? 0 : total / x.length;
  return out;
});

// d loss/d logits = dy·(σ(x) − z)/n for an upstream gradient dy (a scalar).
registerHeapKernel(sigmoidCrossEntropyGradKernel, ({ inputs, backend }, backendName) => {
  const logitsInfo = inputs.logits as tf.TensorInfo;
  const out = allocate(backend, backendName, logitsInfo.shape, 'float32');
  const z = heapView(backend, backendName, inputs.labels as tf.TensorInfo);
  const x = heapView(backend, backendName, logitsInfo);
  const dy = heapView(backend, backendName, inputs.dy as tf.TensorInfo)[0] as number;
  const dLogits = heapView(backend, backendName, out);
  const scale = x.length === 0 ? 0 : dy / x.length;
  for (let i = 0; i < x.length; i++) dLogits[i] = (sigmoid(x[i] as number) - (z[i] as number)) * scale;
  return out;
});

tf.registerGradient({
  kernelName: sigmoidCrossEntropyKernel,
  inputsToSave: ['labels', 'logits'],
  gradFunc: (dy, saved) => {
    const [labels, logits] = saved as [tf.Tensor, tf.Tensor];
    return {
      // Rarely wanted (labels are data), so stock ops: d/dz = −x·dy/n.
      labels: () => tf.mul(logits, tf.div(tf.neg(dy as tf.Tensor), Math.max(1, logits.size))),
      logits: () => tf.engine().runKernel(sigmoidCrossEntropyGradKernel, { labels, logits, dy: dy as tf.Tensor }, {}) as tf.Tensor,
    };
  },
});

/**
 * Mean over all elements of the sigmoid cross-entropy of `logits` against `labels` (same shape,
 * labels in [0, 1]) — tf.losses.sigmoidCrossEntropy without weights or smoothing, as one kernel
 * forward and one backward on wasm and cpu.
 */
export function sigmoidCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  if (!tf.util.arraysEqual(labels.shape, logits.shape)) {
    throw new RangeError(`sigmoidCrossEntropy: labels [${labels.shape.join(', ')}] and logits [${logits.shape.join(', ')}] differ in shape.`);
  }
  if (!activeBackendHas(sigmoidCrossEntropyKernel)) return tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
  return tf.engine().runKernel(sigmoidCrossEntropyKernel, { labels, logits }, {}) as tf.Scalar;
}

registerHeapKernel(reluGradKernel, ({ inputs, backend }, backendName) => {
  const y = inputs.y as tf.TensorInfo;
  const out = allocate(backend, backendName, y.shape, 'float32');
  const yv = heapView(backend, backendName, y);
  const dy = heapView(backend, backendName, inputs.dy as tf.TensorInfo);
  const o = heapView(backend, backendName, out);
  for (let i = 0; i < yv.length; i++) o[i] = (yv[i] as number) > 0 ? (dy[i] as number) : 0;
  return out;
});

/** dy where the ReLU's output y is positive, else 0 (the gradient through y = relu(x)). */
export function reluGrad(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (!activeBackendHas(reluGradKernel)) return tf.tidy(() => tf.mul(dy, tf.step(y)));
  return tf.engine().runKernel(reluGradKernel, { dy, y }, {}) as tf.Tensor;
}

registerHeapKernel(biasActivationKernel, ({ inputs, backend, attrs }, backendName) => {
  const z = inputs.z as tf.TensorInfo;
  const width = z.shape[1] as number;
  const relu = attrs.relu === true;
  const out = allocate(backend, backendName, z.shape, 'float32');
  const zv = heapView(backend, backendName, z);
  const bv = heapView(backend, backendName, inputs.b as tf.TensorInfo);
  const o = heapView(backend, backendName, out);
  for (let from = 0; from < zv.length; from += width) {
    for (let j = 0; j < width; j++) {
      const y = (zv[from + j] as number) + (bv[j] as number);
      o[from + j] = relu && !(y > 0) ? 0 : y;
    }
  }
  return out;
});

/** Largest z (values) biasActivation adds in a JS loop; XNNPACK's vectorised ops win above. */
export const fusedBiasLimit = 65536;

/** z [rows, n] + b [n], then ReLU if asked: one kernel on wasm and cpu for small z. Not differentiable. */
export function biasActivation(z: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D {
  if (z.size > fusedBiasLimit || !activeBackendHas(biasActivationKernel)) {
    return tf.tidy(() => {
      const y = tf.add<tf.Tensor2D>(z, b);
      return relu ? tf.relu(y) : y;
    });
  }
  return tf.engine().runKernel(biasActivationKernel, { z, b }, { relu }) as tf.Tensor2D;
}
