// Runs the PyTorch CPU reference (bench/torch/engine_bench.py) with one and with two threads, or
// says in one line how to get it when python3 with torch is missing. Debian's python3-torch lives
// in /usr/bin/python3's dist-packages, which a pyenv or venv python3 earlier on PATH cannot see,
// so both are tried.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TorchResult {
  threads: number;
  torch: string;
  lstmLayerMs: number;
  vaeStepMs: number;
  sampleMs: number;
  neumfEpochMs: number;
  neumfStepMs: number;
  neumfStepsPerEpoch: number;
}

export const torchInstallHint = 'PyTorch reference skipped: no python3 with torch found. Install it with `apt-get install python3-torch libopenblas0-pthread`.';

let python: Promise<string | null> | null = null;

/** python3 (PATH) or /usr/bin/python3, whichever imports torch; null when neither does (looked for once). */
export function findTorchPython(): Promise<string | null> {
  python ??= (async () => {
    for (const candidate of ['python3', '/usr/bin/python3']) {
      try {
        await run(candidate, ['-c', 'import torch'], { timeout: 60_000 });
        return candidate;
      } catch {
        // try the next one
      }
    }
    return null;
  })();
  return python;
}

/** The environment of a torch run on `threads` threads: torch's, OpenBLAS's and OpenMP's pools, OpenMP not spin-waiting. */
export const torchThreadEnv = (threads: number): NodeJS.ProcessEnv => ({
  ...process.env,
  OPENBLAS_NUM_THREADS: String(threads),
  OMP_NUM_THREADS: String(threads),
  OMP_WAIT_POLICY: 'PASSIVE',
});

/**
 * Threads set both torch's intra-op pool and OpenBLAS's (OPENBLAS_NUM_THREADS). OMP_WAIT_POLICY
 * is PASSIVE because OpenMP's default spin-waiting made the 2-thread run 15–35× slower on this
 * 2-core machine whenever anything else was running.
 */
export async function runTorchReference(threadCounts: number[], quick: boolean): Promise<{ results: TorchResult[]; note?: string }> {
  const python = await findTorchPython();
  if (!python) return { results: [], note: torchInstallHint };
  const results: TorchResult[] = [];
  for (const threads of threadCounts) {
    const env = torchThreadEnv(threads);
    const args = ['bench/torch/engine_bench.py', '--threads', String(threads), ...(quick ? ['--quick'] : [])];
    const { stdout } = await run(python, args, { env, timeout: 600_000, maxBuffer: 1 << 20 });
    const parsed = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Omit<TorchResult, 'threads'> & { threads: number };
    results.push(parsed);
  }
  return { results };
}
