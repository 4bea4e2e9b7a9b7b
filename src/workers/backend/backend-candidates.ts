// The ML backends a worker may run tfjs on, best first, as data: how to load each one's package,
// which tfjs backend it registers, and how to describe it once active. select-backend.ts walks
// this list. A new backend is one more entry here plus its name in mlBackendNames.
//
// The native tfjs-node packages download libtensorflow when installed, which offline machines
// cannot do, so they are optional accelerators: never dependencies, loaded only if present.
// WebGPU (the `webgpu` package: Dawn with prebuilt binaries for Linux, macOS and Windows, plus
// @tensorflow/tfjs-backend-webgpu) is optional too, and skipped with the reason when Dawn finds
// no hardware adapter (no GPU, no Vulkan/Metal/D3D12 driver, or only a software one).
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MlBackendName } from '../../shared/api/benchmarks';
import { threadsFallbackReason, useThreadedWasm, wantedWasmThreads } from './wasm-threads';

export interface BackendCandidate {
  name: MlBackendName;
  /** The name the package registers with tfjs (both tfjs-node packages register "tensorflow"). */
  tfjsBackend: string;
  /** The npm package that provides the backend; null when it is built into @tensorflow/tfjs. */
  packageName: string | null;
  /** Why the backend cannot run on this machine although installed, or null; checked before load. */
  unavailable?(): Promise<string | null>;
  /** Imports the package, which registers its backend with tfjs as a side effect. */
  load(): Promise<void>;
  /** Facts for the report once the backend is active, e.g. "SIMD on, 1 thread". */
  describe(): Promise<string>;
}

/**
 * Imports a package that may be absent. The specifier is a variable so that TypeScript does not
 * require its type declarations and bundlers leave it alone.
 */
async function importOptional<T = unknown>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}

/** tfjs-node's backend says whether libtensorflow found a CUDA device. */
function describeTensorflow(): Promise<string> {
  const usingGpu = (tf.backend() as { isUsingGpuDevice?: unknown }).isUsingGpuDevice;
  return Promise.resolve(usingGpu === true ? 'libtensorflow on a CUDA GPU' : 'libtensorflow on the CPU');
}

interface WebGpuModule {
  create(options: string[]): { requestAdapter(options?: Record<string, unknown>): Promise<WebGpuAdapter | null> };
  globals: Record<string, unknown>;
}
interface WebGpuAdapter {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

let webGpuAdapter: WebGpuAdapter | null = null;

/**
 * Installs Dawn's navigator.gpu and asks it for a hardware adapter. Node has no navigator before
 * version 21, so one is made; a software (fallback) adapter would run tfjs slower than wasm.
 */
async function findWebGpuAdapter(): Promise<string | null> {
  if (process.platform === 'linux' && !hasVulkanLoader()) return 'no Vulkan loader (libvulkan.so.1) is installed, so Dawn can reach no GPU';
  let dawn: WebGpuModule;
  try {
    dawn = await importOptional<WebGpuModule>('webgpu');
  } catch (err) {
    const missing = (err as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
    return missing ? 'webgpu (Dawn for Node) is not installed' : `webgpu (Dawn for Node) failed to load (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return 'no WebGPU adapter: Dawn found no GPU with a Vulkan, Metal or D3D12 driver';
  if (adapter.info?.isFallbackAdapter) return 'only a software WebGPU adapter, slower than wasm';
  webGpuAdapter = adapter;
  const holder = globalThis as { navigator?: object };
  if (!holder.navigator) holder.navigator = {};
  Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
  return null;
}

/**
 * Dawn reaches GPUs on Linux through the Vulkan loader. Looking for it first gives a clearer
 * reason than Dawn's own warning, which it prints to stderr from native code.
 */
function hasVulkanLoader(): boolean {
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== ''),
    '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib64', '/usr/local/lib',
  ];
  return dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')));
}

function describeWebGpu(): Promise<string> {
  const info = webGpuAdapter?.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter((s) => s).join(' ');
  return Promise.resolve(`Dawn${name ? ` on ${name}` : ''}`);
}

export const backendCandidates: readonly BackendCandidate[] = [
  {
    name: 'tensorflow-gpu',
    tfjsBackend: 'tensorflow',
    packageName: '@tensorflow/tfjs-node-gpu',
    load: () => importOptional('@tensorflow/tfjs-node-gpu'),
    describe: describeTensorflow,
  },
  {
    // Not yet in mlBackendNames (src/shared/api/benchmarks.ts), hence the cast.
    name: 'webgpu',
    tfjsBackend: 'webgpu',
    packageName: '@tensorflow/tfjs-backend-webgpu',
    unavailable: findWebGpuAdapter,
    load: async () => {
      // tfjs-backend-webgpu registers itself on import only if navigator.gpu already exists.
      await importOptional('@tensorflow/tfjs-backend-webgpu');
    },
    describe: describeWebGpu,
  },
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
    // (next to the script, via __dirname), so nothing needs copying beside our bundle. Its
    // pthreads build is started instead of the single-threaded one (see wasm-threads.ts).
    load: async () => {
      await import('@tensorflow/tfjs-backend-wasm');
      if (!tf.findBackend('wasm')) await useThreadedWasm(wantedWasmThreads());
    },
    describe: async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      const threads = wasm.getThreadsCount();
      const fallback = threadsFallbackReason();
      return `SIMD ${simd ? 'on' : 'off'}, ${threads} thread${threads === 1 ? '' : 's'}${fallback ? ` (${fallback})` : ''}`;
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
