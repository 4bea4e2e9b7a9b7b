// Generation with the shipped melody-2bar model (MusicVAE + latent-constraints GAN + continuation
// LSTM, models/shipped/), for `npm run bench`, asked of the host's `generation` service as the app
// asks it. Printed, never asserted.
//   - first request, cold: from the call to the answer on a fresh host with no session (fork, tfjs
//     import, backend choice, model load with its warm-up draw, then 8 two-bar variations);
//     "of which load" is the session's own figure (model load and warm-up, after the backend);
//   - first request with a standby: as when a song is open, `generation.prepare` (a session process
//     started and waiting, no model), then the first generate (model load included) on a fresh host;
//   - first request after warm: as the app does it, `generation.warm` (the Generate panel opening),
//     then the first generate on that fresh host;
//   - warm: 8 variations; with a key and a density (through the GAN, 32 drawn, 8 kept); Continue:
//     4 continuations of 4 bars after a 2-bar clip.
// Targets (the issue): first request ≤ 300 ms, warm ≤ 50 ms, Continue 4 bars ≤ 500 ms.
// Run alone with `tsx bench/generation-bench.ts [coldRuns] [warmRuns]` (after
// `node scripts/build.mjs --node-only`: the session program is dist/workers/model-session.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContinuationResult, GenerationResult, ModelInfo } from '../src/shared/api';
import { createHost, type Host } from '../src/main/host';
import type { PrintLine } from './ws-load-bench';

export interface GenerationBenchFigures {
  /** Per cold run: call → answer on a host without a session (ms). */
  first: number[];
  /** Per cold run: the session's model load with warm-up (ms). */
  load: number[];
  /** Per run: the first generate (model load included) after generation.prepare on a fresh host (ms). */
  standby: number[];
  /** Per run: the first generate after generation.warm on a fresh host (ms). */
  afterWarm: number[];
  /** Per warm run: call → answer (ms). */
  warm: number[];
  /** Per warm run with a key and a density (through the GAN): call → answer (ms). */
  warmKeyed: number[];
  /** Per warm run: 4 continuations of 4 bars (ms). */
  continued: number[];
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const minMedian = (xs: number[]): string => `${Math.round(Math.min(...xs))} / ${Math.round(quantile(xs, 0.5))} ms`;

async function timed<T>(fn: () => Promise<T>, check: (result: T) => boolean): Promise<number> {
  const started = performance.now();
  const result = await fn();
  if (!check(result)) throw new Error('the generation bench got an unexpected answer');
  return performance.now() - started;
}

const generate = (host: Host, args: Record<string, unknown>) =>
  timed(
    () => host.dispatch('generation', 'generate', args) as Promise<GenerationResult>,
    (r) => r.variations.length === 8,
  );

/** A 2-bar clip to continue: a C-major line in eighths. */
const clip = Array.from({ length: 16 }, (_, i) => ({ pitch: [60, 62, 64, 65, 67, 65, 64, 62][i % 8]!, start: i * 240, duration: 220, velocity: 90 }));

export async function generationBench(line: PrintLine, coldRuns = 3, warmRuns = 10): Promise<GenerationBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-generation-'));
  const dataDir = join(dir, 'data');
  const figures: GenerationBenchFigures = { first: [], load: [], standby: [], afterWarm: [], warm: [], warmKeyed: [], continued: [] };
  const openHost = async (): Promise<{ host: Host; model: ModelInfo }> => {
    const host = createHost({ dataDir, shell: 'cli', probe: false, lock: false });
    await host.shippedModels;
    const model = (await host.api.models.list({ kind: 'melody' })).find((m) => m.origin === 'shipped' && m.configName === 'melody-2bar');
    if (!model) throw new Error('the shipped melody-2bar model is missing (models/shipped/melody-2bar)');
    return { host, model };
  };
  try {
    // The first host copies the shipped models into the data folder; the timed ones find them there.
    (await openHost()).host.close();
    for (let run = 0; run < coldRuns; run++) {
      const { host, model } = await openHost();
      try {
        figures.first.push(await generate(host, { modelId: model.id, count: 8, seed: run }));
        const loadMs = host.sessions.list().find((s) => s.kind === 'music-vae')?.loadMs;
        if (typeof loadMs === 'number') figures.load.push(loadMs);
      } finally {
        host.close();
      }
    }
    for (let run = 0; run < coldRuns; run++) {
      const { host, model } = await openHost();
      try {
        await host.dispatch('generation', 'prepare', {});
        figures.standby.push(await generate(host, { modelId: model.id, count: 8, seed: run }));
      } finally {
        host.close();
      }
    }
    for (let run = 0; run < coldRuns; run++) {
      const { host, model } = await openHost();
      try {
        await host.dispatch('generation', 'warm', { modelId: model.id });
        figures.afterWarm.push(await generate(host, { modelId: model.id, count: 8, seed: run }));
        if (run === coldRuns - 1) {
          for (let i = 0; i < warmRuns; i++) figures.warm.push(await generate(host, { modelId: model.id, count: 8, seed: 100 + i }));
          for (let i = 0; i < warmRuns; i++) {
            figures.warmKeyed.push(await generate(host, { modelId: model.id, count: 8, seed: 200 + i, key: { tonic: 9, mode: 'minor' }, density: 4 }));
          }
          for (let i = 0; i < warmRuns; i++) {
            figures.continued.push(
              await timed(
                () => host.dispatch('generation', 'continue', { modelId: model.id, notes: clip, bars: 4, count: 4, seed: 300 + i }) as Promise<ContinuationResult>,
                (r) => r.variations.length === 4,
              ),
            );
          }
        }
      } finally {
        host.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  line(`generate 8 × 2-bar melodies, first request, cold (${coldRuns} runs)`, `${minMedian(figures.first)} (min / median; target ≤ 300 ms)`);
  line('  of which model load + warm-up', minMedian(figures.load));
  line('  first request with a standby process (a song open)', `${minMedian(figures.standby)} (model load included)`);
  line('  first request after generation.warm (the panel open)', minMedian(figures.afterWarm));
  line(`generate 8 × 2-bar melodies, warm (${warmRuns} runs)`, `${minMedian(figures.warm)} (target ≤ 50 ms)`);
  line('  with a key and a density (GAN, 32 drawn, 8 kept)', minMedian(figures.warmKeyed));
  line('continue 4 × 4 bars after a 2-bar clip, warm', `${minMedian(figures.continued)} (target ≤ 500 ms)`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generationBench((name, value) => console.log(`${name.padEnd(48)} ${value}`), Number(process.argv[2] ?? 3), Number(process.argv[3] ?? 10));
}
