// Runs the PyTorch mirror of the MusicVAE (bench/torch/music_vae_bench.py) for one config and
// thread count, handing it the config's exact shapes as JSON so both sides train the same
// architecture. Debian's python3-torch lives in /usr/bin/python3's dist-packages, which a pyenv or
// venv python3 earlier on PATH cannot see, so both are tried (findTorchPython, shared with bench/engine/torch-reference.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MusicModelConfigName } from '../../src/shared/jobs/task-kinds';
import type { MusicVaeConfig } from '../../src/workers/models/music-vae';
import { findTorchPython, torchInstallHint, torchThreadEnv } from '../engine/torch-reference';
import type { BenchPlan } from './engine-music-workload';

const run = promisify(execFile);

export { findTorchPython, torchInstallHint };

export interface TorchMusicResult {
  torch: string;
  threads: number;
  config: MusicModelConfigName;
  parameters: number;
  sequencesPerSec: number;
  windows: number[];
  stepsTimed: number;
  sampleMs: number;
  sampleIterations: number;
  peakRssMiB: number;
}

/** What the Python side needs of a config (its own defaults mirror melody-2bar only). */
export interface TorchMusicSpec {
  name: MusicModelConfigName;
  representation: MusicVaeConfig['representation'];
  steps: number;
  segments: number;
  vocabulary: number;
  inputWidth: number;
  encoderUnits: number;
  decoderUnits: number;
  conductorUnits: number;
  latentSize: number;
  learningRate: number;
  clipNorm: number | null;
  maxBeta: number;
  betaWarmupSteps: number;
  freeBits: number;
  samplingRate: number;
  batch: number;
  samples: number;
  sampleSteps: number;
}

/**
 * Threads set torch's intra-op pool and OpenBLAS's and OpenMP's; OMP_WAIT_POLICY is PASSIVE
 * because OpenMP's spin-waiting made 2-thread runs many times slower on a busy 2-core machine
 * (see bench/engine/torch-reference.ts). Quick mode uses the same warm-up and windows as the engine.
 */
export async function runTorchMusic(spec: TorchMusicSpec, threads: number, plan: BenchPlan, quick: boolean): Promise<TorchMusicResult> {
  const py = await findTorchPython();
  if (!py) throw new Error(torchInstallHint);
  const env = torchThreadEnv(threads);
  const args = ['bench/torch/music_vae_bench.py', '--threads', String(threads), '--spec', JSON.stringify(spec), ...(quick ? ['--quick'] : [])];
  const { stdout } = await run(py, args, { env, timeout: 900_000, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as TorchMusicResult;
  if (result.stepsTimed !== plan.windows * plan.stepsPerWindow) {
    throw new Error(`the PyTorch mirror timed ${result.stepsTimed} steps, the engine ${plan.windows * plan.stepsPerWindow}: keep their plans in step`);
  }
  return result;
}
