// The engine side of `npm run bench:music` for one named MusicVAE config in the current process
// (music-vae-bench.ts runs it in a fresh child per config and wasm thread count, so its peak RSS is
// that of a worker training that model alone). It trains the real MusicVae exactly as the
// train-music task's runTraining does — Trainer with the model's optimizer options (Adam, clip
// norm), batches of { tokens, step } with the step counting from 0 (so β and the scheduled-sampling
// probability follow the real schedules), the step's figures read after it as the progress line
// does — on seeded random token batches of the config's shape and the task's default batch size.
// Then it saves the model, loads it back as a session would (loadMusicVae), warms it as
// loadMusicVaeSession does and times drawing 8 two-bar variations.
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { MusicModelConfigName } from '../../src/shared/jobs/task-kinds';
import { selectBackend } from '../../src/workers/backend/select-backend';
import { Trainer } from '../../src/workers/engine/training/trainer';
import { loadMusicVae, saveMusicVae } from '../../src/workers/models/music-model-files';
import { MusicVae, namedMusicVaeConfig, type MusicVaeBatch } from '../../src/workers/models/music-vae';

export interface BenchPlan {
  /** Untimed steps first (kernel set-up, V8 and wasm tiering). */
  warmupSteps: number;
  /** Timed windows; the figure is the median window's sequences/s. */
  windows: number;
  stepsPerWindow: number;
  /** Sampling: variations per draw, tokens each (two bars), timed draws after warm-up. */
  samples: number;
  sampleSteps: number;
  sampleIterations: number;
}

export const benchPlan = (quick: boolean): BenchPlan => ({
  warmupSteps: quick ? 2 : 3,
  windows: quick ? 3 : 5,
  stepsPerWindow: quick ? 2 : 4,
  samples: 8,
  sampleSteps: 32,
  sampleIterations: quick ? 5 : 20,
});

export interface EngineMusicResult {
  config: MusicModelConfigName;
  backend: string;
  detail: string;
  /** Threads asked for (MONTAGE_WASM_THREADS); `detail` says what the backend runs with. */
  threads: number;
  parameters: number;
  batch: number;
  sequencesPerSec: number;
  /** Sequences/s of every timed window. */
  windows: number[];
  stepsTimed: number;
  sampleMs: number;
  sampleIterations: number;
  /** Peak resident set of this process (VmHWM; process.resourceUsage().maxRSS when /proc is absent). */
  peakRssMiB: number;
  /** Resident set once the backend is up, before the model exists (Node, tsx, tfjs, the wasm module). */
  baseRssMiB: number;
  /** Most bytes tfjs held in tensors after any step (the wasm heap itself never shrinks, so RSS is the real cost). */
  peakTensorMiB: number;
}

const mib = (bytes: number): number => bytes / (1 << 20);

/** Seeded random tokens, batch-major [batch × steps], every one inside the vocabulary. */
export function randomTokenBatch(seed: number, batch: number, steps: number, vocabulary: number): Int32Array {
  let s = seed >>> 0;
  return Int32Array.from({ length: batch * steps }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % vocabulary;
  });
}

/** VmHWM (peak) or VmRSS (now) of this process in MiB; off Linux, maxRSS / the current RSS. */
async function rssMiB(which: 'VmHWM' | 'VmRSS'): Promise<number> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = new RegExp(`^${which}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return which === 'VmHWM' ? process.resourceUsage().maxRSS / 1024 : mib(process.memoryUsage.rss());
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export async function runEngineMusic(name: MusicModelConfigName, batch: number, threads: number, plan: BenchPlan): Promise<EngineMusicResult> {
  const report = await selectBackend({ force: 'wasm' });
  tf.enableProdMode(); // as the ML worker runs
  const baseRssMiB = await rssMiB('VmRSS');
  const seed = 7;
  let model = new MusicVae(namedMusicVaeConfig(name, { seed }));
  const { steps, vocabulary } = model.config;
  const parameters = model.parameterCount;
  const batches = Array.from({ length: 4 }, (_, i) => randomTokenBatch(1000 + i, batch, steps, vocabulary));
  const trainer = new Trainer<MusicVaeBatch | Int32Array>(model, model.optimizerOptions);
  let peakTensorBytes = 0;
  const trainStep = async (): Promise<void> => {
    const step = trainer.step;
    await trainer.trainStep({ tokens: batches[step % batches.length] as Int32Array, step });
    model.takeTrainingMetrics();
    peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
  };

  const windows: number[] = [];
  const directory = await mkdtemp(join(os.tmpdir(), 'montage-music-bench-'));
  try {
    for (let i = 0; i < plan.warmupSteps; i++) await trainStep();
    for (let w = 0; w < plan.windows; w++) {
      const t0 = performance.now();
      for (let i = 0; i < plan.stepsPerWindow; i++) await trainStep();
      windows.push((plan.stepsPerWindow * batch * 1000) / (performance.now() - t0));
    }
    trainer.dispose();

    // Sampling latency from a loaded model, warmed as loadMusicVaeSession warms it.
    await saveMusicVae(model, directory, { configName: name, stepsTrained: trainer.step });
    model.dispose();
    model = (await loadMusicVae(directory)).model;
    const warm = await model.sample(8, { seed: 0, temperature: 1 });
    const encoding = model.encode(warm.subarray(0, steps));
    tf.dispose([encoding.mu, encoding.sigma]);
    const draw = (seedOf: number): Promise<Int32Array> => model.sample(plan.samples, { steps: plan.sampleSteps, seed: seedOf, temperature: 1 });
    for (let i = 0; i < 2; i++) await draw(100 + i);
    const times: number[] = [];
    for (let i = 0; i < plan.sampleIterations; i++) {
      const t0 = performance.now();
      await draw(200 + i);
      times.push(performance.now() - t0);
    }
    return {
      config: name,
      backend: report.name,
      detail: report.detail,
      threads,
      parameters,
      batch,
      sequencesPerSec: median(windows),
      windows,
      stepsTimed: plan.windows * plan.stepsPerWindow,
      sampleMs: median(times),
      sampleIterations: times.length,
      peakRssMiB: await rssMiB('VmHWM'),
      baseRssMiB,
      peakTensorMiB: mib(peakTensorBytes),
    };
  } finally {
    model.dispose();
    await rm(directory, { recursive: true, force: true });
  }
}
