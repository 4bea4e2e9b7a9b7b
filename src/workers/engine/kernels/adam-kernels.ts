// The optimizer's per-variable arithmetic as single kernels on wasm and cpu: the sum of squares of
// every gradient (for global-norm clipping and the NaN check), and one Adam update producing the
// new weights and moments in one pass. Stock ops need ~12 kernel launches per variable (each
// ~20–40 µs of tfjs bookkeeping on wasm), which dominates models with many small weight tensors
// such as NeuMF. A scalar JS loop loses to XNNPACK's vectorised ops on big tensors, though
// (measured on wasm: 256 values 0.10 vs 0.94 ms, 4k 0.42 vs 0.46, 32k 0.94 vs 0.61, 1M 22 vs 10),
// so tensors above fusedAdamLimit, and every tensor on other backends, use stock ops.
// adamUpdateMany updates all the small tensors of a step in ONE launch, and lazy tables
// (AdamOptions.lazyRows) row by row; sparseAdamRows updates a table from its row gradient only.
// On the single-threaded wasm backend both run the update as a WebAssembly SIMD function
// (simd-adam.ts), and then every tensor, big ones included, goes through adamUpdateMany.
import * as tf from '@tensorflow/tfjs';
import { scatterAddRows } from './gather-kernels';
import { activeBackendHas, allocate, heapView, registerHeapKernel, replaceInPlace } from './heap-access';
import { simdAdamAll, simdAdamFor, simdAdamRows, simdSumOfSquares } from './simd-adam';

const sumOfSquaresKernel = 'MontageSumOfSquares';
const adamUpdateKernel = 'MontageAdamUpdate';
const adamUpdateManyKernel = 'MontageAdamUpdateMany';

registerHeapKernel(sumOfSquaresKernel, ({ inputs, backend }, backendName) => {
  const infos = Object.values(inputs) as tf.TensorInfo[];
  const out = allocate(backend, backendName, [], 'float32');
  const simd = backendName === 'wasm' ? simdAdamFor(backend) : null;
  let total = 0;
  for (const info of infos) {
    const values = heapView(backend, backendName, info);
    if (simd && values instanceof Float32Array) total += simdSumOfSquares(simd, values);
    else for (let i = 0; i < values.length; i++) total += (values[i] as number) * (values[i] as number);
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

/** The Adam rule on values from…to−1 of flat arrays (shared by the single and many-tensor kernels). */
function adamLoop(
  w0: Float32Array,
  g0: Float32Array,
  m0: Float32Array,
  v0: Float32Array,
  wOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  from: number,
  to: number,
  a: AdamStepAttrs,
): void {
  const { beta1, beta2, epsilon, gradientScale } = a;
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const rate = a.learningRate / a.correction1;
  const inverse2 = 1 / a.correction2;
  for (let i = from; i < to; i++) {
    const g = (g0[i] as number) * gradientScale;
    const m = beta1 * (m0[i] as number) + keep1 * g;
    const v = beta2 * (v0[i] as number) + keep2 * g * g;
    mOut[i] = m;
    vOut[i] = v;
    wOut[i] = (w0[i] as number) - (rate * m) / (Math.sqrt(v * inverse2) + epsilon);
  }
}

/**
 * The lazy rule on a [rows, width] table: rows whose gradient is all zero keep their weights and
 * moments; the others get the Adam update (see AdamOptions.lazyRows).
 */
function lazyAdamRows(w0: Float32Array, g0: Float32Array, m0: Float32Array, v0: Float32Array, wOut: Float32Array, mOut: Float32Array, vOut: Float32Array, width: number, a: AdamStepAttrs): void {
  wOut.set(w0);
  mOut.set(m0);
  vOut.set(v0);
  for (let from = 0; from < g0.length; from += width) {
    const to = from + width;
    let touched = false;
    for (let i = from; i < to && !touched; i++) touched = g0[i] !== 0;
    if (touched) adamLoop(w0, g0, m0, v0, wOut, mOut, vOut, from, to, a);
  }
}

registerHeapKernel(adamUpdateKernel, ({ inputs, backend, attrs }, backendName) => {
  const w = inputs.w as tf.TensorInfo;
  const outs = [0, 1, 2].map(() => allocate(backend, backendName, w.shape, 'float32'));
  const [w0, g0, m0, v0] = (['w', 'g', 'm', 'v'] as const).map((k) => heapView(backend, backendName, inputs[k] as tf.TensorInfo) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const [wOut, mOut, vOut] = outs.map((o) => heapView(backend, backendName, o)) as [Float32Array, Float32Array, Float32Array];
  adamLoop(w0, g0, m0, v0, wOut, mOut, vOut, 0, w0.length, attrs as unknown as AdamStepAttrs);
  return outs;
});

// Many tensors in one launch: inputs w0, g0, m0, v0, w1, …; outputs w0', m0', v0', w1', ….
// attrs.rowWidths[k] is 0 for a dense update of tensor k, or its row width for a lazy one.
registerHeapKernel(adamUpdateManyKernel, ({ inputs, backend, attrs }, backendName) => {
  const a = attrs as unknown as AdamStepAttrs & { rowWidths: number[] };
  const outs: tf.TensorInfo[] = [];
  a.rowWidths.forEach((_, k) => {
    const shape = (inputs[`w${k}`] as tf.TensorInfo).shape;
    for (let j = 0; j < 3; j++) outs.push(allocate(backend, backendName, shape, 'float32'));
  });
  // Views only after every allocation (an allocation can grow the wasm heap).
  const view = (info: tf.TensorInfo) => heapView(backend, backendName, info) as Float32Array;
  const simd = backendName === 'wasm' ? simdAdamFor(backend) : null;
  a.rowWidths.forEach((width, k) => {
    const [w0, g0, m0, v0] = ['w', 'g', 'm', 'v'].map((p) => view(inputs[`${p}${k}`] as tf.TensorInfo)) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const [wOut, mOut, vOut] = [0, 1, 2].map((j) => view(outs[3 * k + j] as tf.TensorInfo)) as [Float32Array, Float32Array, Float32Array];
    if (width > 0) lazyAdamRows(w0, g0, m0, v0, wOut, mOut, vOut, width, a);
    else if (simd) simdAdamAll(simd, { w: w0, g: g0, m: m0, v: v0, wOut, mOut, vOut }, a);
    else adamLoop(w0, g0, m0, v0, wOut, mOut, vOut, 0, w0.length, a);
  });
  return outs;
});

/** Σ over all tensors of Σ x², as a scalar (one kernel for the small tensors, stock ops for big ones). */
export function sumOfSquares(tensors: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const fused = activeBackendHas(sumOfSquaresKernel);
    // With the SIMD functions (single-threaded wasm) every tensor goes into the one kernel.
    const simd = fused && tf.getBackend() === 'wasm' && simdAdamFor(tf.backend()) !== null;
    const small = fused ? tensors.filter((t) => simd || t.size <= fusedAdamLimit) : [];
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
    const gs = a.gradientScale === 1 ? g : tf.mul(g, a.gradientScale);
    const m2 = tf.add(tf.mul(m, a.beta1), tf.mul(gs, 1 - a.beta1));
    const v2 = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(gs), 1 - a.beta2));
    // lr·(m/c1)/(√(v/c2) + ε) = (lr·√c2/c1)·m/(√v + ε·√c2): two fewer full passes.
    const root2 = Math.sqrt(a.correction2);
    const step = tf.div(m2, tf.add(tf.sqrt(v2), a.epsilon * root2));
    return [tf.sub(w, tf.mul(step, (a.learningRate * root2) / a.correction1)), m2, v2];
  });
}

/** One tensor's part of an adamUpdateMany call. */
export interface AdamEntry {
  w: tf.Tensor;
  g: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
  /** Lazy update of a 2-D table: rows whose gradient is all zero are left as they are. */
  lazyRows?: boolean;
}

/** Whether adamUpdateMany updates this tensor inside its single kernel (else with stock ops). */
export function fusesAdamOf(entry: Pick<AdamEntry, 'w' | 'lazyRows'>): boolean {
  if (!activeBackendHas(adamUpdateManyKernel)) return false;
  // With the SIMD function (single-threaded wasm) one pass beats stock ops at every size.
  return entry.w.size <= fusedAdamLimit || (entry.lazyRows === true && entry.w.rank === 2) || (tf.getBackend() === 'wasm' && simdAdamFor(tf.backend()) !== null);
}

/**
 * Adam updates of many tensors → [new weights, new first moment, new second moment] for each.
 * Small tensors and lazy tables go through one kernel launch on wasm and cpu; the rest (and
 * everything on other backends) through stock ops, lazy tables with a row mask.
 */
export function adamUpdateMany(entries: readonly AdamEntry[], a: AdamStepAttrs): [tf.Tensor, tf.Tensor, tf.Tensor][] {
  const results: [tf.Tensor, tf.Tensor, tf.Tensor][] = new Array(entries.length);
  const fused = entries.map((e, i) => ({ e, i })).filter(({ e }) => fusesAdamOf(e));
  if (fused.length > 0) {
    const inputs: tf.NamedTensorMap = {};
    fused.forEach(({ e }, k) => Object.assign(inputs, { [`w${k}`]: e.w, [`g${k}`]: e.g, [`m${k}`]: e.m, [`v${k}`]: e.v }));
    const rowWidths = fused.map(({ e }) => (e.lazyRows === true && e.w.rank === 2 ? (e.w.shape[1] as number) : 0));
    const outs = tf.engine().runKernel(adamUpdateManyKernel, inputs, { ...a, rowWidths }) as unknown as tf.Tensor[];
    fused.forEach(({ i }, k) => (results[i] = [outs[3 * k], outs[3 * k + 1], outs[3 * k + 2]] as [tf.Tensor, tf.Tensor, tf.Tensor]));
  }
  entries.forEach((e, i) => {
    if (results[i]) return;
    const dense = adamUpdate(e.w, e.g, e.m, e.v, a);
    if (!(e.lazyRows === true && e.w.rank === 2)) {
      results[i] = dense;
      return;
    }
    results[i] = tf.tidy(() => {
      // 1 for rows with a non-zero gradient, 0 for the rows a lazy update leaves alone.
      const touched = tf.cast(tf.any(tf.notEqual(e.g, 0), 1, true), 'float32');
      const pick = (updated: tf.Tensor, old: tf.Tensor) => tf.add(old, tf.mul(touched, tf.sub(updated, old)));
      const out = [pick(dense[0], e.w), pick(dense[1], e.m), pick(dense[2], e.v)] as [tf.Tensor, tf.Tensor, tf.Tensor];
      tf.dispose(dense);
      return out;
    });
  });
  return results;
}

const sparseAdamRowsKernel = 'MontageSparseAdamRows';

// Inputs w, m, v [rows, width], ids int32 [u] (distinct), g [u, width]: → [w', m', v'] with the
// Adam update applied to rows ids only (the lazy rule, see AdamOptions.lazyRows). With
// attrs.inPlace the outputs replace w, m and v in place when nothing else holds them
// (heap-access.ts replaceInPlace), so a step costs O(rows touched), not O(table); the caller
// must then drop the inputs.
registerHeapKernel(sparseAdamRowsKernel, ({ inputs, backend, attrs }, backendName) => {
  const a = attrs as unknown as AdamStepAttrs;
  const w = inputs.w as tf.TensorInfo;
  const [rows, width] = w.shape as [number, number];
  const idsInfo = inputs.ids as tf.TensorInfo;
  const idsBefore = heapView(backend, backendName, idsInfo);
  for (const id of idsBefore) if (!(id >= 0 && id < rows)) throw new RangeError(`Row index ${id} is outside a table of ${rows} rows.`);
  // The same memory as w, m, v, or copies of them (rows not in ids then keep their values).
  const outs = [inputs.w, inputs.m, inputs.v].map((t) => {
    const info = t as tf.TensorInfo;
    if (attrs.inPlace === true) return replaceInPlace(backend, backendName, info);
    const out = allocate(backend, backendName, info.shape, info.dtype);
    heapView(backend, backendName, out).set(heapView(backend, backendName, info));
    return out;
  });
  // Views only after every allocation (an allocation can grow the wasm heap).
  const view = (info: tf.TensorInfo) => heapView(backend, backendName, info) as Float32Array;
  const [w0, m0, v0, g0] = [inputs.w, inputs.m, inputs.v, inputs.g].map((t) => view(t as tf.TensorInfo)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const ids = heapView(backend, backendName, idsInfo);
  const [wOut, mOut, vOut] = outs.map(view) as [Float32Array, Float32Array, Float32Array];
  const simd = backendName === 'wasm' ? simdAdamFor(backend) : null;
  if (simd) {
    simdAdamRows(simd, { w: w0, g: g0, m: m0, v: v0, wOut, mOut, vOut }, ids as Int32Array, width, a);
    return outs;
  }
  const { beta1, beta2, epsilon, gradientScale } = a;
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const rate = a.learningRate / a.correction1;
  const inverse2 = 1 / a.correction2;
  for (let k = 0; k < ids.length; k++) {
    const base = (ids[k] as number) * width;
    const from = k * width;
    for (let j = 0; j < width; j++) {
      const i = base + j;
      const g = (g0[from + j] as number) * gradientScale;
      const m = beta1 * (m0[i] as number) + keep1 * g;
      const v = beta2 * (v0[i] as number) + keep2 * g * g;
      mOut[i] = m;
      vOut[i] = v;
      wOut[i] = (w0[i] as number) - (rate * m) / (Math.sqrt(v * inverse2) + epsilon);
    }
  }
  return outs;
});

/**
 * The lazy Adam update of a table from its sparse gradient (distinct row ids and their summed
 * gradient rows): only those rows change. → [new weights, new first moment, new second moment].
 * `inPlace`: the caller drops w, m and v right after (an optimizer replacing them), so on wasm
 * and cpu the kernel may update their memory instead of copying the whole table.
 */
export function sparseAdamRows(w: tf.Tensor, m: tf.Tensor, v: tf.Tensor, ids: tf.Tensor1D, g: tf.Tensor2D, a: AdamStepAttrs, inPlace = false): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (activeBackendHas(sparseAdamRowsKernel)) {
    return tf.engine().runKernel(sparseAdamRowsKernel, { w, m, v, ids, g }, { ...a, inPlace }) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
  }
  return tf.tidy(() => {
    const rows = w.shape[0] as number;
    // Dense gradient and a 0/1 mask of the rows in ids, then the masked dense rule.
    const dense = scatterAddRows(g, ids, rows);
    const touched = scatterAddRows(tf.ones([ids.shape[0], 1]), ids, rows);
    const [w2, m2, v2] = adamUpdate(w, dense, m, v, a);
    const pick = (updated: tf.Tensor, old: tf.Tensor) => tf.add(old, tf.mul(touched, tf.sub(updated, old)));
    return [pick(w2, w), pick(m2, m), pick(v2, v)] as [tf.Tensor, tf.Tensor, tf.Tensor];
  });
}
