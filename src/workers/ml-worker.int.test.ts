// Runs the bundled worker the way the host does: esbuild builds dist/workers/ml-worker.js (ESM,
// packages external, as `npm run build` does), child_process.fork starts it with structured-clone
// IPC (serialization 'advanced', as src/main/jobs/worker-process.ts does), and the test speaks
// the job protocol to it.
import { build } from 'esbuild';
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkConfig } from '../shared/api/benchmarks';
import type { WorkerTask, WorkerToHost } from '../shared/jobs/protocol';
import { isInstalled as installed } from './backend/select-backend';
import { buildWorkerEntry } from '../../scripts/build-worker-entry';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workerPath = join(root, 'dist', 'workers', 'ml-worker.js');
const tiny: BenchmarkConfig = { steps: 8, batchSize: 8, sequenceLength: 8, hiddenUnits: 16, seed: 7 };


interface Run {
  child: ChildProcess;
  messages: WorkerToHost[];
  stderr: () => string;
  /** Resolves with the exit code once the process has exited and its channel is drained. */
  ended: Promise<number | null>;
}

/** Forks the worker and sends it one job; `onMessage` may talk back (cancel, disconnect). */
function startWorker(job: WorkerTask, env: NodeJS.ProcessEnv = {}, onMessage?: (m: WorkerToHost, run: Run) => void): Run {
  const child = fork(workerPath, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  const messages: WorkerToHost[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'exit' can come before the last IPC messages are read; 'disconnect' means the channel is drained.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const drained = new Promise<void>((resolve) => child.once('disconnect', () => resolve()));
  const run: Run = { child, messages, stderr: () => stderr, ended: Promise.all([exited, drained]).then(([code]) => code) };
  child.on('message', (m: WorkerToHost) => {
    messages.push(m);
    onMessage?.(m, run);
  });
  child.send({ type: 'start', id: 'job-1', job });
  return run;
}

const ofType = <T extends WorkerToHost['type']>(messages: WorkerToHost[], type: T) =>
  messages.filter((m): m is Extract<WorkerToHost, { type: T }> => m.type === type);

describe('ml-worker process', () => {
  beforeAll(async () => {
    await buildWorkerEntry('src/workers/ml-worker.ts', workerPath);
  });

  it('answers a probe with the backend it chose, then exits 0', async () => {
    const run = startWorker({ task: 'probe' });
    expect(await run.ended).toBe(0);
    const [ready, result, ...rest] = run.messages;
    expect(rest).toEqual([]);
    expect(ready?.type).toBe('ready');
    expect(result).toEqual({ type: 'result', id: 'job-1', result: { task: 'probe', backend: ready?.type === 'ready' ? ready.backend : null } });
    if (ready?.type === 'ready' && !installed('@tensorflow/tfjs-node')) {
      expect(ready.backend.name).toBe('wasm');
      expect(ready.backend.skipped).toContain('tensorflow: @tensorflow/tfjs-node is not installed');
    }
  });

  it('runs a tiny benchmark: ready, messages, progress for every step, then the result', async () => {
    const run = startWorker({ task: 'benchmark', config: tiny });
    expect(await run.ended).toBe(0);
    const types = run.messages.map((m) => m.type);
    expect(types[0]).toBe('ready');
    expect(types.at(-1)).toBe('result');
    expect(types.filter((t) => t === 'error' || t === 'cancelled')).toEqual([]);

    const progress = ofType(run.messages, 'progress');
    expect(progress.map((p) => p.point?.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.every((p) => p.id === 'job-1')).toBe(true);
    expect(progress.at(-1)?.fraction).toBe(1);

    const texts = ofType(run.messages, 'message').map((m) => m.text);
    expect(texts[0]).toMatch(/^Backend: \w[\w-]* \(.+\), tfjs \d+\.\d+\.\d+$/);
    expect(texts).toContain('Model: LSTM 16 units, 4,247 parameters, batches of 8');

    const [result] = ofType(run.messages, 'result');
    if (result?.result.task !== 'benchmark') throw new Error('expected a benchmark result');
    const ready = ofType(run.messages, 'ready')[0];
    expect(result.result.backend).toBe(ready?.backend.name);
    expect(result.result.loss).toEqual(progress.map((p) => p.point?.loss));
    expect(result.result.finalLoss).toBeLessThan(result.result.initialLoss);
    expect(result.result.stepsPerSec).toBeGreaterThan(0);
  });

  it('stops on cancel between steps: sends cancelled and exits 0', async () => {
    const run = startWorker({ task: 'benchmark', config: { ...tiny, steps: 5000 } }, {}, (m, r) => {
      if (m.type === 'progress' && m.point?.step === 3) r.child.send({ type: 'cancel', id: 'job-1' });
    });
    expect(await run.ended).toBe(0);
    expect(run.messages.at(-1)).toEqual({ type: 'cancelled', id: 'job-1' });
    expect(ofType(run.messages, 'result')).toEqual([]);
    expect(ofType(run.messages, 'progress').length).toBeLessThan(5000);
  });

  it('uses the backend forced by MONTAGE_ML_BACKEND', async () => {
    const run = startWorker({ task: 'benchmark', config: { ...tiny, steps: 2 } }, { MONTAGE_ML_BACKEND: 'cpu' });
    expect(await run.ended).toBe(0);
    expect(ofType(run.messages, 'ready')[0]?.backend).toMatchObject({ name: 'cpu', skipped: [] });
    const [result] = ofType(run.messages, 'result');
    expect(result?.result.task === 'benchmark' && result.result.backend).toBe('cpu');
  });

  it.skipIf(installed('@tensorflow/tfjs-node-gpu'))('fails the job with a clear error and exit 1 when the job forces a missing backend', async () => {
    const run = startWorker({ task: 'benchmark', config: { ...tiny, backend: 'tensorflow-gpu' } });
    expect(await run.ended).toBe(1);
    const [error] = ofType(run.messages, 'error');
    expect(error?.id).toBe('job-1');
    expect(error?.error.code).toBe('unavailable');
    expect(error?.error.message).toMatch(/"tensorflow-gpu" ML backend was requested by the job but cannot run: @tensorflow\/tfjs-node-gpu is not installed/);
    expect(ofType(run.messages, 'result')).toEqual([]);
  });

  it('answers a start with an error when MONTAGE_ML_BACKEND names no backend', async () => {
    const run = startWorker({ task: 'probe' }, { MONTAGE_ML_BACKEND: 'quantum' });
    expect(await run.ended).toBe(1);
    expect(ofType(run.messages, 'ready')).toEqual([]);
    expect(run.messages).toEqual([
      { type: 'error', id: 'job-1', error: { code: 'unavailable', message: expect.stringContaining('MONTAGE_ML_BACKEND is "quantum"') } },
    ]);
    expect(run.stderr()).toContain('montage ml-worker: MONTAGE_ML_BACKEND is "quantum", which is not an ML backend');
  });

  it('refuses a job kind it does not run, and settings its kind refuses, with invalid-argument and exit 1', async () => {
    const unknown = startWorker({ task: 'compose', config: {} } as unknown as WorkerTask);
    expect(await unknown.ended).toBe(1);
    expect(ofType(unknown.messages, 'error')).toEqual([
      { type: 'error', id: 'job-1', error: { code: 'invalid-argument', message: 'This worker does not run "compose" jobs.' } },
    ]);

    const invalid = startWorker({ task: 'benchmark', config: { ...tiny, steps: 1 } });
    expect(await invalid.ended).toBe(1);
    const [error] = ofType(invalid.messages, 'error');
    expect(error?.error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^The benchmark job's settings are not valid \(steps\): /) });
    expect(ofType(invalid.messages, 'progress')).toEqual([]);
  });

  it('exits when the host closes the channel mid-job', async () => {
    const run = startWorker({ task: 'benchmark', config: { ...tiny, steps: 5000 } }, {}, (m, r) => {
      if (m.type === 'progress' && m.point?.step === 2) r.child.disconnect();
    });
    expect(await run.ended).toBe(0);
    expect(ofType(run.messages, 'result')).toEqual([]);
  });

  it('trains a tiny music model as a train-music job, and fresh processes load it from its folder and sample identically', async () => {
    // A one-file sampler, bundled like the worker: loads the model folder and draws 4 melodies with a seed.
    const samplerPath = join(root, 'dist', 'workers', 'music-sample-probe.js');
    await build({
      absWorkingDir: root,
      stdin: {
        contents: [
          "import * as tf from '@tensorflow/tfjs';",
          "import { selectBackend } from './backend/select-backend';",
          "import { loadMusicVae } from './models/music-model-files';",
          'tf.enableProdMode();',
          "await selectBackend({ force: 'wasm' });",
          'const { model, step } = await loadMusicVae(process.argv[2]);',
          'const tokens = await model.sample(4, { seed: Number(process.argv[3]) });',
          'const greedy = await model.sample(2, { seed: 1, temperature: 0 });',
          "process.stdout.write('\\n' + JSON.stringify({ step, tokens: Array.from(tokens), greedy: Array.from(greedy) }) + '\\n');",
          'model.dispose();',
        ].join('\n'),
        resolveDir: join(root, 'src', 'workers'),
        sourcefile: 'music-sample-probe.ts',
        loader: 'ts',
      },
      outfile: samplerPath,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    const dir = await mkdtemp(join(tmpdir(), 'montage-worker-music-'));
    try {
      const outDir = join(dir, 'model');
      // 12 two-bar melodies: a note every 4 steps, rising from a different pitch each.
      const examples = Int32Array.from({ length: 12 * 32 }, (_, i) => (i % 4 === 0 ? 2 + ((Math.floor(i / 32) + (i % 32) / 4) % 30) : 0));
      const run = startWorker({
        task: 'train-music',
        config: {
          configName: 'melody-2bar',
          examples,
          steps: 12,
          batchSize: 4,
          seed: 5,
          outDir,
          evalEvery: 4,
          patience: 5,
          heldOutFraction: 0.2,
          model: { encoderUnits: 8, decoderUnits: 12, latentSize: 4, learningRate: 0.01 },
        },
      });
      expect(await run.ended).toBe(0);
      const [result] = ofType(run.messages, 'result');
      if (result?.result.task !== 'train-music') throw new Error(`expected a train-music result, got ${JSON.stringify(run.messages.at(-1))}`);
      expect(result.result).toMatchObject({ modelDir: outDir, examples: 10, heldOut: 2, steps: 12, stoppedEarly: false });
      // The VAE's steps carry chart points; the continuation phase after it reports in words only.
      const progress = ofType(run.messages, 'progress').filter((p) => p.point);
      expect(progress.map((p) => p.point?.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(progress.every((p) => typeof (p.point as { kl?: unknown } | undefined)?.kl === 'number')).toBe(true);
      expect((await readdir(outDir)).sort()).toEqual(['continuation.bin', 'continuation.json', 'heldout.bin', 'model.json', 'music-model.json', 'weights-00000012.bin']);

      const sample = async (): Promise<{ step: number; tokens: number[]; greedy: number[] }> => {
        const { stdout } = await promisify(execFile)(process.execPath, [samplerPath, outDir, '17']);
        return JSON.parse(stdout.trim().split('\n').at(-1) as string) as { step: number; tokens: number[]; greedy: number[] };
      };
      const first = await sample();
      expect(first.step).toBe(12);
      expect(first.tokens).toHaveLength(4 * 32);
      expect(first.tokens.every((t) => t >= 0 && t < 38)).toBe(true);
      expect(await sample()).toEqual(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
