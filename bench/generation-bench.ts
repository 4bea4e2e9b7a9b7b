// Generation through a warm model session, for `npm run bench`: 8 two-bar variations from a
// default-size melody-2bar MusicVAE (128/256 units, z of 64; untrained, seeded weights: the speed
// does not depend on what the weights learned), asked of the host's `generation.generate` as the
// app asks it. Printed, never asserted.
//   - first request: from the call to the answer on a host with no session yet (fork, tfjs import,
//     backend choice, model load with its warm-up draw, then the request), a fresh host each run;
//     "of which load" is the session's own figure (model load and warm-up, after the backend);
//   - warm request: the same call on the warm session; and with a key (32 draws, fitted, 8 kept).
// Targets (the issue): first request ≤ 300 ms, warm ≤ 50 ms.
// Run alone with `tsx bench/generation-bench.ts [coldRuns] [warmRuns]` (after
// `node scripts/build.mjs --node-only`: the session program is dist/workers/model-session.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerationResult, ModelInfo } from '../src/shared/api';
import { createHost, type Host } from '../src/main/host';
import { selectBackend } from '../src/workers/backend/select-backend';
import { saveMusicVae } from '../src/workers/models/music-model-files';
import { createMusicVae } from '../src/workers/models/music-vae';
import type { PrintLine } from './ws-load-bench';

export interface GenerationBenchFigures {
  /** Per cold run: call → answer on a host without a session (ms). */
  first: number[];
  /** Per cold run: the session's model load with warm-up (ms). */
  load: number[];
  /** Per warm run: call → answer (ms). */
  warm: number[];
  /** Per warm run with a key (4× draws): call → answer (ms). */
  warmKeyed: number[];
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const minMedian = (xs: number[]): string => `${Math.round(Math.min(...xs))} / ${Math.round(quantile(xs, 0.5))} ms`;

async function timed(host: Host, args: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const result = (await host.dispatch('generation', 'generate', args)) as GenerationResult;
  if (result.variations.length !== 8) throw new Error(`expected 8 variations, got ${result.variations.length}`);
  return performance.now() - started;
}

export async function generationBench(line: PrintLine, coldRuns = 3, warmRuns = 10): Promise<GenerationBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-generation-'));
  const dataDir = join(dir, 'data');
  const figures: GenerationBenchFigures = { first: [], load: [], warm: [], warmKeyed: [] };
  try {
    // The model is built here once (on the cpu backend, quietly) and registered like a trained one.
    await selectBackend({ force: 'cpu' });
    let model: ModelInfo;
    {
      const host = createHost({ dataDir, shell: 'cli', probe: false, shippedModelsDir: null, lock: false });
      try {
        const vae = createMusicVae('melody-2bar', { seed: 1 });
        const staging = host.models.stagingDir('bench');
        await saveMusicVae(vae, staging, { configName: 'melody-2bar', stepsTrained: 0 });
        vae.dispose();
        model = await host.models.register({ from: staging, mode: 'move', origin: 'trained', name: 'Bench melody' });
      } finally {
        host.close();
      }
    }
    const args = { modelId: model.id, count: 8, temperature: 1 };
    for (let run = 0; run < coldRuns; run++) {
      const host = createHost({ dataDir, shell: 'cli', probe: false, shippedModelsDir: null, lock: false });
      try {
        figures.first.push(await timed(host, { ...args, seed: run }));
        const loadMs = host.sessions.list().find((s) => s.kind === 'music-vae')?.loadMs;
        if (typeof loadMs === 'number') figures.load.push(loadMs);
        if (run === coldRuns - 1) {
          for (let i = 0; i < warmRuns; i++) figures.warm.push(await timed(host, { ...args, seed: 100 + i }));
          for (let i = 0; i < warmRuns; i++) figures.warmKeyed.push(await timed(host, { ...args, seed: 200 + i, key: { tonic: 0, mode: 'major' } }));
        }
      } finally {
        host.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  line(`generate 8 × 2-bar melodies, first request (${coldRuns} runs)`, `${minMedian(figures.first)} (min / median; target ≤ 300 ms)`);
  line('  of which model load + warm-up', minMedian(figures.load));
  line(`generate 8 × 2-bar melodies, warm (${warmRuns} runs)`, `${minMedian(figures.warm)} (target ≤ 50 ms)`);
  line('  with a key (32 drawn, 8 kept)', minMedian(figures.warmKeyed));
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generationBench((name, value) => console.log(`${name.padEnd(44)} ${value}`), Number(process.argv[2] ?? 3), Number(process.argv[3] ?? 10));
}
