// Cheap copies out of 2-D tensors: a block of rows (one time step of a time-major sequence) and
// equal column blocks (the gates of a recurrent cell). On wasm and cpu they are plain memory
// copies (see heap-access.ts for why the stock Slice/SplitV are not used there); elsewhere they
// fall back to tf.slice / tf.split. Both are differentiable, so they work inside and outside the
// engine's hand-written gradients.
import * as tf from '@tensorflow/tfjs';
import { activeBackendHas, allocate, heapView, registerHeapKernel } from './heap-access';

const sliceRowsKernel = 'MontageSliceRows';
const splitColumnsKernel = 'MontageSplitColumns';

registerHeapKernel(sliceRowsKernel, ({ inputs, backend, attrs }, backendName) => {
  const x = inputs.x as tf.TensorInfo;
  const begin = attrs.begin as number;
  const size = attrs.size as number;
  const width = x.shape[1] as number;
  const out = allocate(backend, backendName, [size, width], x.dtype);
  heapView(backend, backendName, out).set(heapView(backend, backendName, x).subarray(begin * width, (begin + size) * width));
  return out;
});

registerHeapKernel(splitColumnsKernel, ({ inputs, backend, attrs }, backendName) => {
  const x = inputs.x as tf.TensorInfo;
  const parts = attrs.parts as number;
  const [rows, width] = x.shape as [number, number];
  const part = width / parts;
  const outputs = Array.from({ length: parts }, () => allocate(backend, backendName, [rows, part], x.dtype));
  const source = heapView(backend, backendName, x);
  outputs.forEach((info, p) => {
    const out = heapView(backend, backendName, info);
    for (let r = 0; r < rows; r++) {
      const from = r * width + p * part;
      out.set(source.subarray(from, from + part), r * part);
    }
  });
  return outputs;
});

tf.registerGradient({
  kernelName: sliceRowsKernel,
  gradFunc: (dy, _saved, attrs) => {
    const { begin, size, rows } = attrs as { begin: number; size: number; rows: number };
    return { x: () => tf.pad(dy as tf.Tensor2D, [[begin, rows - begin - size], [0, 0]]) };
  },
});

tf.registerGradient({
  kernelName: splitColumnsKernel,
  gradFunc: (dy) => ({ x: () => tf.concat(dy as tf.Tensor[], 1) }),
});

/** Rows begin…begin+size-1 of x [rows, width] → [size, width]. */
export function sliceRows(x: tf.Tensor2D, begin: number, size: number): tf.Tensor2D {
  const rows = x.shape[0];
  if (!Number.isInteger(begin) || !Number.isInteger(size) || begin < 0 || size < 0 || begin + size > rows) {
    throw new RangeError(`sliceRows: rows ${begin}…${begin + size - 1} are outside a tensor of ${rows} rows.`);
  }
  if (!activeBackendHas(sliceRowsKernel)) return tf.slice(x, [begin, 0], [size, -1]);
  return tf.engine().runKernel(sliceRowsKernel, { x }, { begin, size, rows }) as tf.Tensor2D;
}

/** x [rows, parts·k] → parts tensors [rows, k], left to right. */
export function splitColumns(x: tf.Tensor2D, parts: number): tf.Tensor2D[] {
  if (!Number.isInteger(parts) || parts < 1 || x.shape[1] % parts !== 0) {
    throw new RangeError(`splitColumns: ${x.shape[1]} columns do not split into ${parts} equal parts.`);
  }
  if (!activeBackendHas(splitColumnsKernel)) return tf.split(x, parts, 1);
  return tf.engine().runKernel(splitColumnsKernel, { x }, { parts }) as unknown as tf.Tensor2D[];
}

const concatColumnsKernel = 'MontageConcatColumns';
const splitWidthsKernel = 'MontageSplitColumnWidths';

// Inputs x0, x1, … [rows, width_k] → [rows, Σ width_k], left to right. Element loops: the
// blocks are narrow (tens of columns), where a view per row costs more than the copy.
registerHeapKernel(concatColumnsKernel, ({ inputs, backend }, backendName) => {
  const infos = Object.keys(inputs).map((_, k) => inputs[`x${k}`] as tf.TensorInfo);
  const rows = (infos[0] as tf.TensorInfo).shape[0] as number;
  const widths = infos.map((info) => info.shape[1] as number);
  const total = widths.reduce((a, b) => a + b, 0);
  const out = allocate(backend, backendName, [rows, total], (infos[0] as tf.TensorInfo).dtype);
  const target = heapView(backend, backendName, out);
  let offset = 0;
  infos.forEach((info, k) => {
    const width = widths[k] as number;
    const source = heapView(backend, backendName, info);
    for (let r = 0; r < rows; r++) {
      const from = r * width;
      const to = r * total + offset;
      for (let j = 0; j < width; j++) target[to + j] = source[from + j] as number;
    }
    offset += width;
  });
  return out;
});

// x [rows, Σ widths] → one [rows, width_k] tensor per attrs.widths entry.
registerHeapKernel(splitWidthsKernel, ({ inputs, backend, attrs }, backendName) => {
  const x = inputs.x as tf.TensorInfo;
  const widths = attrs.widths as number[];
  const [rows, total] = x.shape as [number, number];
  const outputs = widths.map((width) => allocate(backend, backendName, [rows, width], x.dtype));
  const source = heapView(backend, backendName, x);
  let offset = 0;
  outputs.forEach((info, k) => {
    const width = widths[k] as number;
    const out = heapView(backend, backendName, info);
    for (let r = 0; r < rows; r++) {
      const from = r * total + offset;
      const to = r * width;
      for (let j = 0; j < width; j++) out[to + j] = source[from + j] as number;
    }
    offset += width;
  });
  return outputs;
});

tf.registerGradient({
  kernelName: concatColumnsKernel,
  gradFunc: (dy, _saved, attrs) => {
    const widths = (attrs as { widths: number[] }).widths;
    // Split once, here (tensors made inside one input's thunk would be freed before the others').
    const parts = tf.engine().runKernel(splitWidthsKernel, { x: dy as tf.Tensor }, { widths }) as unknown as tf.Tensor[];
    return Object.fromEntries(parts.map((p, k) => [`x${k}`, () => p]));
  },
});

/** Tensors [rows, width_k] side by side → [rows, Σ width_k] (tf.concat on axis 1, as copies). */
export function concatColumns(xs: readonly tf.Tensor2D[]): tf.Tensor2D {
  const first = xs[0];
  if (!first || xs.some((x) => x.rank !== 2 || x.shape[0] !== first.shape[0] || x.dtype !== first.dtype)) {
    throw new RangeError('concatColumns: needs 2-D tensors with the same rows and dtype.');
  }
  if (!activeBackendHas(concatColumnsKernel)) return tf.concat(xs as tf.Tensor2D[], 1);
  const inputs: tf.NamedTensorMap = {};
  xs.forEach((x, k) => (inputs[`x${k}`] = x));
  return tf.engine().runKernel(concatColumnsKernel, inputs, { widths: xs.map((x) => x.shape[1]) }) as tf.Tensor2D;
}
