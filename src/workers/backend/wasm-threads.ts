// Multi-threaded tfjs-wasm under Node. tfjs-backend-wasm ships a pthreads build whose XNNPACK
// kernels split matmuls over a thread pool, but it never uses it under Node: its feature check
// answers "no threads" for Node, its loader hands Emscripten browser Blob URLs for the worker
// scripts, and its C++ init caps the pool at (logical cores / 2) assuming hyper-threading, which
// is 1 on a 2-core machine. Here the same shipped build is started the way Emscripten supports
// under Node (worker_threads, real file paths) and registered as the "wasm" backend, so every
// tfjs op gets the pool. Measured on 2 cores: 2048×256·256×1024 matmul 72 → 35 ms, an LSTM(256)
// forward+backward ~1.6× faster (see bench/engine).
//
// If anything here fails the single-threaded build runs instead, and threadsFallbackReason()
// says why (the backend report shows it).
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';

export const wasmThreadsEnv = 'MONTAGE_WASM_THREADS';

interface WasmPackage {
  BackendWasm: new (module: unknown) => tf.KernelBackend;
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
}

type EmscriptenFactory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;
interface EmscriptenModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  tfjs?: unknown;
  PThread?: { runningWorkers: { unref?(): void }[]; unusedWorkers: { unref?(): void }[] };
}

let fallbackReason: string | null = null;
let installed = false;

/** Why the last threaded start fell back to one thread, or null. */
export function threadsFallbackReason(): string | null {
  return fallbackReason;
}

/**
 * Threads to use: MONTAGE_WASM_THREADS, else one per core but one (at most 8, tfjs's pool size),
 * leaving a core to the UI and the host. Pool threads spin while they wait: on 2 cores with the
 * studio open in a browser, two threads made the benchmark job ~3× slower than one (the browser
 * and the spinning pool fought over both cores). Under Vitest, which already runs one test file
 * per core, it is one thread: two pools per core made the engine's tests ~10× slower.
 */
export function wantedWasmThreads(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const forced = Number.parseInt(env[wasmThreadsEnv] ?? '', 10);
  const n = Number.isFinite(forced) && forced > 0 ? forced : env.VITEST ? 1 : cores - 1;
  return Math.max(1, Math.min(8, n));
}

/**
 * Replaces tfjs's "wasm" backend factory with one that starts the threaded build (and falls back
 * to the stock factory). Call after importing @tensorflow/tfjs-backend-wasm and before
 * tf.setBackend('wasm'); a no-op for one thread.
 */
export async function useThreadedWasm(threads: number): Promise<void> {
  if (threads <= 1 || installed) return;
  const stock = tf.findBackendFactory('wasm');
  if (!stock) throw new Error('@tensorflow/tfjs-backend-wasm must be imported before useThreadedWasm().');
  const imported = (await import('@tensorflow/tfjs-backend-wasm')) as unknown as WasmPackage & { default?: WasmPackage };
  const pkg: WasmPackage = typeof imported.BackendWasm === 'function' ? imported : (imported.default as WasmPackage);
  installed = true;
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      try {
        pkg.setThreadsCount(threads);
        const module = await startThreadedModule();
        const backend = new pkg.BackendWasm(module);
        // The pool's threads (started by the constructor above) would otherwise keep Node's
        // event loop alive forever: a script could never end without process.exit().
        for (const worker of [...(module.PThread?.runningWorkers ?? []), ...(module.PThread?.unusedWorkers ?? [])]) worker.unref?.();
        fallbackReason = null;
        return backend;
      } catch (err) {
        fallbackReason = `threaded wasm did not start (${err instanceof Error ? err.message : String(err)})`;
        pkg.setThreadsCount(1);
        return stock();
      }
    },
    2,
  );
}

async function startThreadedModule(): Promise<EmscriptenModule> {
  if (typeof SharedArrayBuffer !== 'function') throw new Error('this runtime has no SharedArrayBuffer');
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const wasmOut = join(dist, '..', 'wasm-out');
  const mainScript = join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  const factory = require(mainScript) as EmscriptenFactory;
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const written = writeWorkerScript(wasmWorkerContents);
  verifyWorkerScript(written);
  const workerScript = written.path;

  // The C++ side sizes its pool from os.cpus().length / 2 while starting up; report each core
  // twice for that moment so the pool can have one thread per core (see the header).
  const realCpus = os.cpus;
  os.cpus = () => [...realCpus(), ...realCpus()];
  let module: EmscriptenModule;
  try {
    module = await factory({
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.worker.js') ? workerScript : path.endsWith('.wasm') ? join(dist, 'tfjs-backend-wasm-threaded-simd.wasm') : prefix + path,
      mainScriptUrlOrBlob: mainScript,
    });
  } finally {
    os.cpus = realCpus;
  }
  // The same wrappers tfjs-backend-wasm's own loader attaches (BackendWasm calls them).
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

export interface WorkerScript {
  path: string;
  /** sha256 of what was written, checked again just before the pool loads it. */
  sha256: string;
}

let privateDir: string | null = null;

/**
 * A folder only this user can enter: mkdtemp creates it 0700 under a random name, once per
 * process, and it is removed at exit. Earlier versions wrote to a fixed name in the shared temp
 * folder and ran whatever file was already there, so another local user could plant code that
 * then ran as the Montage user.
 */
function privateScriptDir(): string {
  if (privateDir) return privateDir;
  const dir = mkdtempSync(join(os.tmpdir(), 'montage-wasm-'));
  privateDir = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Emscripten starts each pool thread from a script file. The package ships that script as a
 * string meant for a Blob URL (newlines escaped for it), so it is written as CommonJS into a
 * private folder. `wx` never reuses or follows (symlink) anything already at the path.
 */
export function writeWorkerScript(contents: string, dir = privateScriptDir()): WorkerScript {
  const source = contents.replace(/\n/g, '\\n');
  const hash = sha256(source);
  const path = join(dir, `tfjs-wasm-pthread-${hash.slice(0, 16)}.cjs`);
  try {
    writeFileSync(path, source, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const reason = (err as { code?: unknown }).code === 'EEXIST' ? 'a file is already there' : err instanceof Error ? err.message : String(err);
    throw new Error(`could not write the thread script ${path} (${reason}); refusing to use it`, { cause: err });
  }
  return { path, sha256: hash };
}

/** Throws unless the script on disk is byte for byte what was written. */
export function verifyWorkerScript(script: WorkerScript): void {
  const actual = sha256(readFileSync(script.path));
  if (actual !== script.sha256) {
    throw new Error(`the thread script ${script.path} does not match what Montage wrote (sha256 ${actual.slice(0, 12)}…, expected ${script.sha256.slice(0, 12)}…); refusing to run it`);
  }
}
