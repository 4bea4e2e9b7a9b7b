// Direct access to a tensor's memory on the backends that keep it in a plain typed array: the
// wasm backend (a view into the wasm heap) and the pure-JS cpu backend. The engine's copy kernels
// (row slices, column splits, row gathers and scatters) are loops over these arrays.
//
// Written by hand because tfjs-wasm 4.22 implements Slice, SplitV and Unpack by first copying the
// WHOLE input out of the heap (`readSync`), so taking one time step out of a [steps·batch, 4·units]
// tensor costs ~6 ms, and its GatherV2 kernel is slower still; a recurrent layer does that every
// step. Other backends (WebGPU, tfjs-node) keep their data elsewhere and use the stock ops.
import * as tf from '@tensorflow/tfjs';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/** The part of tfjs-backend-wasm's BackendWasm the kernels use. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): HeapArray;
}

/** The part of tfjs-backend-cpu's MathBackendCPU the kernels use. */
interface CpuBackendLike {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: HeapArray): tf.TensorInfo;
  readSync(dataId: tf.DataId): HeapArray;
}

/** Backends whose memory the engine's copy kernels can read and write directly. */
export const heapBackends = ['wasm', 'cpu'] as const;
export type HeapBackendName = (typeof heapBackends)[number];

/**
 * Allocates an output. Its values start as zeros on cpu but as stale memory on wasm, so kernels
 * must write every element. On wasm an allocation can grow the heap, which detaches every view
 * taken before it: allocate all outputs first, then take views (heapView) and copy.
 */
export function allocate(backend: unknown, backendName: HeapBackendName, shape: number[], dtype: tf.DataType): tf.TensorInfo {
  if (backendName === 'wasm') return (backend as WasmBackendLike).makeOutput(shape, dtype);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = dtype === 'int32' ? new Int32Array(size) : dtype === 'bool' ? new Uint8Array(size) : new Float32Array(size);
  return (backend as CpuBackendLike).makeTensorInfo(shape, dtype, values);
}

/** A tensor's values, without copying them (valid until the next allocation on wasm). */
export function heapView(backend: unknown, backendName: HeapBackendName, info: tf.TensorInfo): HeapArray {
  if (backendName === 'wasm') return (backend as WasmBackendLike).typedArrayFromHeap(info);
  return (backend as CpuBackendLike).readSync(info.dataId);
}

/** Registers one kernel on every heap backend, once per process (module reloads are harmless). */
export function registerHeapKernel(
  kernelName: string,
  kernel: (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }, backendName: HeapBackendName) => tf.TensorInfo | tf.TensorInfo[],
): void {
  for (const backendName of heapBackends) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: (args) => kernel(args as { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }, backendName),
    });
  }
}

/** True when the active backend runs the named engine kernel (otherwise callers use stock ops). */
export function activeBackendHas(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** The reference counting both heap backends do on their data. */
interface RefCountingBackend {
  refCount(dataId: tf.DataId): number;
  incRef(dataId: tf.DataId): void;
}

/**
 * An output for a kernel that replaces `info` (an optimizer's new weights or moments): when
 * nothing else holds that data (reference count 1, the tensor the caller is about to drop), the
 * output is the same memory and the kernel updates it in place, as the wasm Identity kernel
 * shares it; otherwise (a clone is alive, e.g. exported optimizer state) a fresh copy. The
 * caller must not read the input tensor after the kernel. Allocates on wasm: take views after.
 */
export function replaceInPlace(backend: unknown, backendName: HeapBackendName, info: tf.TensorInfo): tf.TensorInfo {
  const counting = backend as RefCountingBackend;
  if (counting.refCount(info.dataId) === 1) {
    counting.incRef(info.dataId);
    return { dataId: info.dataId, shape: info.shape, dtype: info.dtype };
  }
  const out = allocate(backend, backendName, info.shape, info.dtype);
  heapView(backend, backendName, out).set(heapView(backend, backendName, info));
  return out;
}
