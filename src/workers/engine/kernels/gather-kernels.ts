// Row gather and scatter-add for embedding tables. On wasm and cpu they are loops over the heap
// (see heap-access.ts): tfjs-wasm 4.22 registers no UnsortedSegmentSum, so the stock tf.gather
// gradient fails there, and its GatherV2 costs ~0.5 ms for 256 rows of 32. On other backends
// the stock gather runs forward and the scatter falls back to UnsortedSegmentSum or, where that
// is missing too, a one-hot product.
import * as tf from '@tensorflow/tfjs';
import { activeBackendHas, allocate, heapView, registerHeapKernel } from './heap-access';

const gatherRowsKernel = 'MontageGatherRows';
const scatterAddRowsKernel = 'MontageScatterAddRows';

function checkIndices(indices: ArrayLike<number>, rows: number): void {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] as number;
    if (!(index >= 0 && index < rows)) throw new RangeError(`Row index ${index} is outside a table of ${rows} rows.`);
  }
}

registerHeapKernel(gatherRowsKernel, ({ inputs, backend }, backendName) => {
  const table = inputs.table as tf.TensorInfo;
  const indicesInfo = inputs.indices as tf.TensorInfo;
  const [rows, width] = table.shape as [number, number];
  const count = indicesInfo.shape[0] as number;
  const out = allocate(backend, backendName, [count, width], table.dtype);
  const indices = heapView(backend, backendName, indicesInfo);
  checkIndices(indices, rows);
  const source = heapView(backend, backendName, table);
  const target = heapView(backend, backendName, out);
  // Element loops rather than set(subarray(…)) per row: a view per row costs more than copying
  // an embedding row of tens of values.
  for (let i = 0; i < count; i++) {
    const from = (indices[i] as number) * width;
    const to = i * width;
    for (let j = 0; j < width; j++) target[to + j] = source[from + j] as number;
  }
  return out;
});

registerHeapKernel(scatterAddRowsKernel, ({ inputs, backend, attrs }, backendName) => {
  const values = inputs.values as tf.TensorInfo;
  const indicesInfo = inputs.indices as tf.TensorInfo;
  const rows = attrs.rows as number;
  const [count, width] = values.shape as [number, number];
  const out = allocate(backend, backendName, [rows, width], values.dtype);
  const indices = heapView(backend, backendName, indicesInfo);
  checkIndices(indices, rows);
  const source = heapView(backend, backendName, values);
  const target = heapView(backend, backendName, out);
  target.fill(0);
  for (let i = 0; i < count; i++) {
    const to = (indices[i] as number) * width;
    const from = i * width;
    for (let j = 0; j < width; j++) target[to + j] = (target[to + j] as number) + (source[from + j] as number);
  }
  return out;
});

/** table [rows, width], indices int32 [count] → [count, width]. Not differentiable by itself (see embedding.ts). */
export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  if (!activeBackendHas(gatherRowsKernel)) return tf.gather(table, indices);
  return tf.engine().runKernel(gatherRowsKernel, { table, indices }, {}) as tf.Tensor2D;
}

/** Sums rows of values [count, width] into a zero [rows, width] table at the given row indices. */
export function scatterAddRows(values: tf.Tensor2D, indices: tf.Tensor1D, rows: number): tf.Tensor2D {
  if (activeBackendHas(scatterAddRowsKernel)) {
    return tf.engine().runKernel(scatterAddRowsKernel, { values, indices }, { rows }) as tf.Tensor2D;
  }
  if (tf.getKernel('UnsortedSegmentSum', tf.getBackend())) return tf.unsortedSegmentSum(values, indices, rows);
  return tf.tidy(() => tf.matMul(tf.cast(tf.oneHot(indices, rows), 'float32'), values, true, false));
}

const segmentSumRowsKernel = 'MontageSegmentSumRows';

// Inputs ids0, values0, ids1, values1, … (attrs.parts pairs): → [the distinct ids in order of
// first appearance, int32 [u]; the summed rows of each, [u, width]].
registerHeapKernel(segmentSumRowsKernel, ({ inputs, backend, attrs }, backendName) => {
  const parts = attrs.parts as number;
  const rows = attrs.rows as number;
  const width = (inputs.values0 as tf.TensorInfo).shape[1] as number;
  const slotOf = new Int32Array(rows).fill(-1);
  const slots: Int32Array[] = [];
  const distinct: number[] = [];
  for (let p = 0; p < parts; p++) {
    const ids = heapView(backend, backendName, inputs[`ids${p}`] as tf.TensorInfo);
    checkIndices(ids, rows);
    const s = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if ((slotOf[id] as number) < 0) {
        slotOf[id] = distinct.length;
        distinct.push(id);
      }
      s[i] = slotOf[id] as number;
    }
    slots.push(s);
  }
  const idsOut = allocate(backend, backendName, [distinct.length], 'int32');
  const sumsOut = allocate(backend, backendName, [distinct.length, width], 'float32');
  heapView(backend, backendName, idsOut).set(distinct);
  const sums = heapView(backend, backendName, sumsOut);
  sums.fill(0);
  for (let p = 0; p < parts; p++) {
    const values = heapView(backend, backendName, inputs[`values${p}`] as tf.TensorInfo);
    const s = slots[p] as Int32Array;
    for (let i = 0; i < s.length; i++) {
      const to = (s[i] as number) * width;
      const from = i * width;
      for (let j = 0; j < width; j++) sums[to + j] = (sums[to + j] as number) + (values[from + j] as number);
    }
  }
  return [idsOut, sumsOut];
});

/** Rows gathered for some ids and the gradient that reached them: a sparse table gradient. */
export interface RowGradient {
  /** Distinct row ids, int32 [u]. */
  ids: tf.Tensor1D;
  /** The gradient summed over each id's occurrences, [u, width]. */
  rows: tf.Tensor2D;
}

/**
 * Sums rows of values_k [count_k, width] by their ids_k into one row per distinct id (a sparse
 * form of scatterAddRows over all the parts together).
 */
export function segmentSumRows(parts: readonly { ids: tf.Tensor1D; values: tf.Tensor2D }[], rows: number): RowGradient {
  if (parts.length === 0) throw new RangeError('segmentSumRows needs at least one part.');
  if (activeBackendHas(segmentSumRowsKernel)) {
    const inputs: tf.NamedTensorMap = {};
    parts.forEach((p, k) => Object.assign(inputs, { [`ids${k}`]: p.ids, [`values${k}`]: p.values }));
    const [ids, sums] = tf.engine().runKernel(segmentSumRowsKernel, inputs, { parts: parts.length, rows }) as unknown as [tf.Tensor1D, tf.Tensor2D];
    return { ids, rows: sums };
  }
  // Elsewhere: the ids in order of first appearance (read back), then a dense scatter gathered.
  return tf.tidy(() => {
    const all = parts.map((p) => Array.from(p.ids.dataSync()));
    const distinct = [...new Set(all.flat())];
    const ids = tf.tensor1d(distinct, 'int32');
    const dense = tf.addN(parts.map((p) => scatterAddRows(p.values, p.ids, rows)));
    return { ids, rows: gatherRows(dense as tf.Tensor2D, ids) };
  });
}
