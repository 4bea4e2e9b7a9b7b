// Prints the engine benchmark: one block per workload, one line per configuration with stock
// tfjs, the engine, the engine's speed-up over stock, and the engine against PyTorch 1 and 2
// threads (engine time ÷ PyTorch time: 1.0 = as fast, 3.0 = three times slower).
import type { ConfigResult, WorkloadName } from './run-workloads';
import type { Timing } from './timing';
import type { TorchResult } from './torch-reference';

const workloads: { name: WorkloadName; title: string; torch: keyof TorchResult }[] = [
  { name: 'lstmLayer', title: '1. LSTM(256) fwd+bwd, batch 64 × 32 steps × 90 (ms)', torch: 'lstmLayerMs' },
  { name: 'vaeStep', title: '2. Melody VAE training step, batch 64 (ms)', torch: 'vaeStepMs' },
  { name: 'sample', title: '3. Sample 8 × 32 steps from the decoder (ms)', torch: 'sampleMs' },
  { name: 'neumfEpoch', title: '4. NeuMF epoch, 500k examples, batch 256 (s)', torch: 'neumfEpochMs' },
];

const fmt = (ms: number | null, seconds: boolean): string => (ms === null ? '—' : seconds ? (ms / 1000).toFixed(1) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const ratio = (a: number | null, b: number | null | undefined): string => (a === null || b === null || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
const cell = (t: Timing, seconds: boolean): string => `${fmt(t.ms, seconds)}${t.ms !== null ? ` (n=${t.iterations})` : ''}`;

export function printTable(configs: { label: string; result: ConfigResult | string }[], torch: { results: TorchResult[]; note?: string }): void {
  const t1 = torch.results.find((r) => r.threads === 1);
  const t2 = torch.results.find((r) => r.threads === 2);
  console.log('');
  for (const c of configs) console.log(`${c.label.padEnd(8)} ${typeof c.result === 'string' ? c.result : `${c.result.backend}: ${c.result.detail}`}`);
  if (t1) console.log(`PyTorch  ${t1.torch}, CPU, threads 1${t2 ? ' and 2' : ''} (OMP_WAIT_POLICY=PASSIVE)`);
  if (torch.note) console.log(torch.note);
  const notes = new Set<string>();
  for (const w of workloads) {
    const seconds = w.name === 'neumfEpoch';
    console.log(`\n${w.title}`);
    console.log(`  ${'config'.padEnd(9)}${'stock tfjs'.padStart(16)}${'engine'.padStart(16)}${'speed-up'.padStart(10)}${'vs torch×1'.padStart(12)}${'vs torch×2'.padStart(12)}`);
    for (const c of configs) {
      if (typeof c.result === 'string') continue;
      const r = c.result.results[w.name];
      for (const t of [r.stock, r.engine]) if (t.note && t.ms === null) notes.add(`${c.label} ${w.name}: ${t.note}`);
      const speedUp = r.stock.ms !== null && r.engine.ms !== null ? `${(r.stock.ms / r.engine.ms).toFixed(1)}×` : '—';
      console.log(
        `  ${c.label.padEnd(9)}${cell(r.stock, seconds).padStart(16)}${cell(r.engine, seconds).padStart(16)}${speedUp.padStart(10)}` +
          `${ratio(r.engine.ms, t1?.[w.torch] as number | undefined).padStart(12)}${ratio(r.engine.ms, t2?.[w.torch] as number | undefined).padStart(12)}`,
      );
    }
    if (t1) console.log(`  ${'torch ×1'.padEnd(9)}${fmt(t1[w.torch] as number, seconds).padStart(32)}`);
    if (t2) console.log(`  ${'torch ×2'.padEnd(9)}${fmt(t2[w.torch] as number, seconds).padStart(32)}`);
  }
  const first = configs.find((c) => typeof c.result !== 'string')?.result as ConfigResult | undefined;
  if (first) console.log(`\nNeuMF epochs are the measured per-step time × ${first.neumfStepsPerEpoch} steps (PyTorch likewise); n = timed iterations (steps for NeuMF).`);
  for (const n of notes) console.log(`note: ${n}`);
}
