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
  for (let i = 0; i < count; i++) {
    const from = (indices[i] as number) * width;
    target.set(source.subarray(from, from + width), i * width);
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
