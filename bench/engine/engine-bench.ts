// `npm run bench:engine`: the training engine against stock tfjs layers and PyTorch CPU, printed
// side by side with ratios. Never asserted anywhere (machines are noisy). Workloads:
//   1. LSTM(256) layer forward+backward, batch 64, 32 steps, 90 inputs
//   2. 2-bar melody VAE training step (BiLSTM 256 → z 128 → LSTM 256, batch 64 × 32 × 90, Adam)
//   3. sampling 8 sequences of 32 steps from that decoder (latency)
//   4. NeuMF (GMF 8 + MLP 64-32-16-8) epoch, 100k interactions × (1 + 4 negatives), batch 256
// Each tfjs configuration (wasm with 1 thread, wasm with all cores, the pure-JS cpu backend) runs
// in its own child process; PyTorch runs with 1 and 2 threads. Flags: --quick (fewer iterations),
// --no-cpu, --no-torch. Goal from issue 3: training within 3× of PyTorch CPU, sampling < 100 ms.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { printTable } from './bench-table';
import { runConfig, type ConfigResult } from './run-workloads';
import { runTorchReference } from './torch-reference';

const args = process.argv.slice(2);
const quick = args.includes('--quick');

async function child(): Promise<void> {
  const backend = args[args.indexOf('--child') + 1] as 'wasm' | 'cpu';
  const result = await runConfig(backend, quick);
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
  process.exit(0);
}

interface Config {
  label: string;
  backend: 'wasm' | 'cpu';
  threads: number;
}

async function runChild(config: Config): Promise<ConfigResult | string> {
  const script = fileURLToPath(import.meta.url);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, '--child', config.backend, ...(quick ? ['--quick'] : [])], {
      env: { ...process.env, MONTAGE_WASM_THREADS: String(config.threads) },
      timeout: 1_800_000,
      maxBuffer: 16 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ConfigResult;
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

async function main(): Promise<void> {
  const cores = os.availableParallelism();
  const configs: Config[] = [{ label: 'wasm ×1', backend: 'wasm', threads: 1 }];
  if (cores > 1) configs.push({ label: `wasm ×${Math.min(cores, 8)}`, backend: 'wasm', threads: Math.min(cores, 8) });
  if (!args.includes('--no-cpu')) configs.push({ label: 'cpu', backend: 'cpu', threads: 1 });

  console.log(`Engine benchmark on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, Node ${process.version}${quick ? ' (quick)' : ''}`);
  const results: { config: Config; result: ConfigResult | string }[] = [];
  for (const config of configs) {
    process.stdout.write(`running ${config.label}…\n`);
    results.push({ config, result: await runChild(config) });
  }
  let torch: Awaited<ReturnType<typeof runTorchReference>> = { results: [], note: 'PyTorch reference skipped (--no-torch).' };
  if (!args.includes('--no-torch')) {
    process.stdout.write('running PyTorch…\n');
    try {
      torch = await runTorchReference(cores > 1 ? [1, 2] : [1], quick);
    } catch (err) {
      torch = { results: [], note: `PyTorch reference failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
    }
  }
  printTable(results.map((r) => ({ label: r.config.label, result: r.result })), torch);
}

if (args.includes('--child')) await child();
else await main();
