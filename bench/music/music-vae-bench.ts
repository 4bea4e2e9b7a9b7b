// `npm run bench:music` — MusicVAE training throughput per named config (melody-2bar,
// melody-4bar, drums-2bar), in sequences/s, the training engine against a PyTorch CPU mirror of the
// same architecture and shapes, with each engine worker's peak memory and the latency of drawing
// 8 two-bar variations from a loaded model. Never asserted anywhere (machines are noisy).
//
//   npm run bench:music                       full run (~11 min on a busy 2-core machine)
//   npm run bench:music -- --quick            shorter run, fewer steps and draws (~3.5 min)
//   npm run bench:music -- --json             one JSON object on stdout instead of the table
//   npm run bench:music -- --configs melody-2bar,drums-2bar --threads 1 --no-torch
//
// Engine: each (config, wasm thread count) trains in a fresh child process
// (engine-music-workload.ts: the real MusicVae through the engine's Trainer, as the train-music
// task steps it, at the task's default batch size); its peak RSS (VmHWM) is the "worker" memory.
// Thread counts: 1, and 2 when the machine has more than one core (MONTAGE_WASM_THREADS; the
// backend detail says what the threaded wasm build actually started with). PyTorch:
// bench/torch/music_vae_bench.py with torch.set_num_threads(1) and (2), same configs, batches,
// schedules and warm-up/window plan; needs `apt-get install python3-torch libopenblas0-pthread`
// (skipped with a hint otherwise). Figures: median of the timed windows' sequences/s after
// warm-up; ratio = PyTorch seq/s ÷ engine seq/s at the same thread count (1.0 = as fast, 3.0 =
// the engine is three times slower). Parameter counts of both sides are printed side by side.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { musicModelConfigNames, trainMusicConfig, type MusicModelConfigName } from '../../src/shared/jobs/task-kinds';
import { drumClassCount } from '../../src/shared/music/encoding';
import { musicVaeConfigs } from '../../src/workers/models/music-vae';
import { benchPlan, runEngineMusic, type BenchPlan, type EngineMusicResult } from './engine-music-workload';
import { findTorchPython, runTorchMusic, torchInstallHint, type TorchMusicResult, type TorchMusicSpec } from './torch-music-reference';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const asJson = flag('--json');
const plan: BenchPlan = benchPlan(quick);
/** The train-music task's default batch size (its job schema's default). */
const taskBatchSize = trainMusicConfig.parse({ configName: 'melody-2bar', examples: new Int32Array(32), outDir: '.' }).batchSize;
const log = (line: string): void => void (asJson ? process.stderr : process.stdout).write(`${line}\n`);

function configsToRun(): MusicModelConfigName[] {
  const wanted = option('--configs')?.split(',').map((s) => s.trim()) ?? [...musicModelConfigNames];
  for (const name of wanted) if (!(musicModelConfigNames as readonly string[]).includes(name)) throw new Error(`unknown config "${name}"; one of ${musicModelConfigNames.join(', ')}`);
  return wanted as MusicModelConfigName[];
}

function threadCounts(): number[] {
  const given = option('--threads');
  if (given) return given.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n >= 1);
  return os.availableParallelism() > 1 ? [1, 2] : [1];
}

function torchSpec(name: MusicModelConfigName): TorchMusicSpec {
  const c = musicVaeConfigs[name];
  return {
    name,
    representation: c.representation,
    steps: c.steps,
    segments: c.segments,
    vocabulary: c.vocabulary,
    inputWidth: c.representation === 'drums' ? drumClassCount : c.vocabulary,
    encoderUnits: c.encoderUnits,
    decoderUnits: c.decoderUnits,
    conductorUnits: c.conductorUnits,
    latentSize: c.latentSize,
    learningRate: c.learningRate,
    clipNorm: c.clipNorm ?? null,
    maxBeta: c.maxBeta,
    betaWarmupSteps: c.betaWarmupSteps,
    freeBits: c.freeBits,
    samplingRate: c.samplingRate,
    batch: taskBatchSize,
    samples: plan.samples,
    sampleSteps: plan.sampleSteps,
  };
}

const failure = (err: unknown): string => `failed: ${err instanceof Error ? (err.message.split('\n').find((l) => l.trim() !== '') ?? err.message) : String(err)}`;

async function child(): Promise<void> {
  const name = option('--child') as MusicModelConfigName;
  const threads = Number(process.env.MONTAGE_WASM_THREADS ?? '1');
  const result = await runEngineMusic(name, taskBatchSize, threads, plan);
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function runEngineChild(name: MusicModelConfigName, threads: number): Promise<EngineMusicResult | string> {
  const script = fileURLToPath(import.meta.url);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, '--child', name, ...(quick ? ['--quick'] : [])], {
      env: { ...process.env, MONTAGE_WASM_THREADS: String(threads), MONTAGE_ML_BACKEND: 'wasm' },
      timeout: 1_800_000,
      maxBuffer: 16 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as EngineMusicResult;
  } catch (err) {
    return failure(err);
  }
}

interface Row {
  config: MusicModelConfigName;
  engine: Record<number, EngineMusicResult | string>;
  torch: Record<number, TorchMusicResult | string>;
}

const num = (x: number | undefined, digits = 0): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const ok = <T>(x: T | string | undefined): T | undefined => (typeof x === 'string' ? undefined : x);

function printTables(rows: Row[], threads: number[], torchNote: string | null): void {
  const engines = rows.flatMap((r) => Object.values(r.engine)).filter((e): e is EngineMusicResult => typeof e !== 'string');
  const torchFirst = rows.flatMap((r) => Object.values(r.torch)).find((e): e is TorchMusicResult => typeof e !== 'string');
  console.log('');
  console.log(`MusicVAE benchmark on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}${quick ? ' (quick)' : ''}`);
  for (const t of threads) {
    const e = engines.find((x) => x.threads === t);
    if (e) console.log(`engine ×${t}: ${e.backend}: ${e.detail}`);
  }
  if (torchFirst) console.log(`PyTorch ${torchFirst.torch}, CPU, threads ${threads.join(' and ')} (OMP_WAIT_POLICY=PASSIVE)`);
  if (torchNote) console.log(torchNote);
  console.log(
    `batch ${taskBatchSize} (train-music default); median of ${plan.windows} windows × ${plan.stepsPerWindow} steps after ${plan.warmupSteps} warm-up steps; ` +
      `sampling: ${plan.samples} variations × ${plan.sampleSteps} steps, median of ${plan.sampleIterations} warm draws`,
  );

  console.log('\nTraining throughput (sequences/s, higher is better; ratio = torch ÷ engine at equal threads)');
  const head = ['config', 'params engine', 'params torch', ...threads.flatMap((t) => [`engine ×${t}`, `torch ×${t}`, `ratio ×${t}`])];
  const widths = head.map((h, i) => Math.max(h.length, i === 0 ? 12 : 10));
  const line = (cells: string[]): void => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  '));
  line(head);
  for (const r of rows) {
    const engineParams = threads.map((t) => ok(r.engine[t])?.parameters).find((p) => p !== undefined);
    const torchParams = threads.map((t) => ok(r.torch[t])?.parameters).find((p) => p !== undefined);
    const cells = [r.config, num(engineParams), num(torchParams)];
    for (const t of threads) {
      const e = ok(r.engine[t])?.sequencesPerSec;
      const p = ok(r.torch[t])?.sequencesPerSec;
      cells.push(num(e, 1), num(p, 1), e && p ? `${(p / e).toFixed(2)}×` : '—');
    }
    line(cells);
  }

  console.log('\nPeak memory (MiB, whole-process peak RSS) and sampling latency (ms, 8 two-bar variations, lower is better)');
  const head2 = ['config', ...threads.flatMap((t) => [`engine RSS ×${t}`, `tensors ×${t}`]), 'torch RSS ×1', ...threads.flatMap((t) => [`engine ms ×${t}`, `torch ms ×${t}`])];
  const widths2 = head2.map((h, i) => Math.max(h.length, i === 0 ? 12 : 8));
  const line2 = (cells: string[]): void => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths2[i] as number) : c.padStart(widths2[i] as number))).join('  '));
  line2(head2);
  for (const r of rows) {
    const cells: string[] = [r.config];
    for (const t of threads) {
      const e = ok(r.engine[t]);
      cells.push(e ? `${num(e.peakRssMiB)} (${num(e.baseRssMiB)})` : '—', num(e?.peakTensorMiB));
    }
    cells.push(num(ok(r.torch[1])?.peakRssMiB));
    for (const t of threads) cells.push(num(ok(r.engine[t])?.sampleMs, 1), num(ok(r.torch[t])?.sampleMs, 1));
    line2(cells);
  }
  const notes: string[] = [];
  for (const r of rows) {
    for (const [t, e] of Object.entries(r.engine)) if (typeof e === 'string') notes.push(`${r.config} engine ×${t}: ${e}`);
    for (const [t, p] of Object.entries(r.torch)) if (typeof p === 'string') notes.push(`${r.config} torch ×${t}: ${p}`);
    const e = threads.map((t) => ok(r.engine[t])?.parameters).find((p) => p !== undefined);
    const p = threads.map((t) => ok(r.torch[t])?.parameters).find((x) => x !== undefined);
    if (e !== undefined && p !== undefined && e !== p) notes.push(`${r.config}: parameter counts differ (engine ${e}, torch ${p}): the mirror is out of date`);
  }
  console.log('\nengine RSS = peak (VmHWM) of the child that trained and sampled, in brackets its RSS before the model existed (Node, tsx, tfjs, wasm);');
  console.log('"tensors" = the most bytes tfjs held in tensors after a step; RSS includes the wasm heap, which never shrinks.');
  for (const n of notes) console.log(`note: ${n}`);
}

async function main(): Promise<void> {
  const configs = configsToRun();
  const threads = threadCounts();
  const rows: Row[] = configs.map((config) => ({ config, engine: {}, torch: {} }));
  let torchNote: string | null = null;
  if (flag('--no-torch')) torchNote = 'PyTorch mirror skipped (--no-torch).';
  else if (!(await findTorchPython())) torchNote = torchInstallHint;
  // Engine and PyTorch runs of a config follow each other, so a change in the machine's load
  // between configs skews the figures less than running every engine config first would.
  for (const row of rows) {
    for (const t of threads) {
      log(`engine ${row.config} ×${t}…`);
      row.engine[t] = await runEngineChild(row.config, t);
    }
    if (torchNote) continue;
    for (const t of threads) {
      log(`PyTorch ${row.config} ×${t}…`);
      try {
        row.torch[t] = await runTorchMusic(torchSpec(row.config), t, plan, quick);
      } catch (err) {
        row.torch[t] = failure(err);
      }
    }
  }
  if (asJson) {
    const result = {
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), node: process.version },
      quick,
      batch: taskBatchSize,
      plan,
      threads,
      torchNote,
      configs: rows,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else printTables(rows, threads, torchNote);
}

if (args.includes('--child')) await child();
else await main();
