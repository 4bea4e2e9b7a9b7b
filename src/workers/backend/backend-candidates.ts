// The ML backends a worker may run tfjs on, best first, as data: how to load each one's package,
// which tfjs backend it registers, and how to describe it once active. select-backend.ts walks
// this list. A new backend (WebGPU through the `webgpu` package and @tensorflow/tfjs-backend-webgpu
// belongs between tensorflow-gpu and tensorflow) is one more entry here plus its name in
// mlBackendNames.
//
// The native tfjs-node packages download libtensorflow when installed, which offline machines
// cannot do, so they are optional accelerators: never dependencies, loaded only if present.
import * as tf from '@tensorflow/tfjs';
import type { MlBackendName } from '../../shared/api/benchmarks';

export interface BackendCandidate {
  name: MlBackendName;
  /** The name the package registers with tfjs (both tfjs-node packages register "tensorflow"). */
  tfjsBackend: string;
  /** The npm package that provides the backend; null when it is built into @tensorflow/tfjs. */
  packageName: string | null;
  /** Imports the package, which registers its backend with tfjs as a side effect. */
  load(): Promise<void>;
  /** Facts for the report once the backend is active, e.g. "SIMD on, 1 thread". */
  describe(): Promise<string>;
}

/**
 * Imports a package that may be absent. The specifier is a variable so that TypeScript does not
 * require its type declarations and bundlers leave it alone.
 */
async function importOptional(specifier: string): Promise<void> {
  await import(specifier);
}

/** tfjs-node's backend says whether libtensorflow found a CUDA device. */
function describeTensorflow(): Promise<string> {
  const usingGpu = (tf.backend() as { isUsingGpuDevice?: unknown }).isUsingGpuDevice;
  return Promise.resolve(usingGpu === true ? 'libtensorflow on a CUDA GPU' : 'libtensorflow on the CPU');
}

export const backendCandidates: readonly BackendCandidate[] = [
  {
    name: 'tensorflow-gpu',
    tfjsBackend: 'tensorflow',
    packageName: '@tensorflow/tfjs-node-gpu',
    load: () => importOptional('@tensorflow/tfjs-node-gpu'),
    describe: describeTensorflow,
  },
  // WebGPU goes here.
  {
    name: 'tensorflow',
    tfjsBackend: 'tensorflow',
    packageName: '@tensorflow/tfjs-node',
    load: () => importOptional('@tensorflow/tfjs-node'),
    describe: describeTensorflow,
  },
  {
    name: 'wasm',
    tfjsBackend: 'wasm',
    packageName: '@tensorflow/tfjs-backend-wasm',
    // Under Node the package's CommonJS build loads its .wasm files from its own dist folder
    // (next to the script, via __dirname), so nothing needs copying beside our bundle.
    load: async () => {
      await import('@tensorflow/tfjs-backend-wasm');
    },
    describe: async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      const threads = wasm.getThreadsCount();
      // tfjs turns wasm threads off under Node, so one thread is expected here.
      return `SIMD ${simd ? 'on' : 'off'}, ${threads} thread${threads === 1 ? '' : 's'}`;
    },
  },
  {
    name: 'cpu',
    tfjsBackend: 'cpu',
    packageName: null,
    load: () => Promise.resolve(),
    describe: () => Promise.resolve('pure JavaScript, no acceleration'),
  },
];
