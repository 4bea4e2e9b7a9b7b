// The scene drafter with the shipped scene model (models/shipped/scenes-small), asked of the host's
// scripts service as the studio asks it, plus the training speed of both language models. Printed,
// never asserted.
//   - first suggestion, cold: from the call to the answer on a fresh host (session fork, tfjs, the
//     backend, model load with its warm-up draws, then 4 next-scene candidates);
//   - warm: 4 next-scene candidates; a draft of 200 words (2 characters);
//   - training: steps/s of the next-scene and draft models at the shipped sizes (batches of 32,
//     windows of 64 tokens), on the synthetic corpus, in this process (wasm, one thread).
// Run alone with `npx tsx bench/script/scene-gen-bench.ts [warmRuns]` after
// `node scripts/build.mjs --node-only` (the session program is dist/workers/model-session.js).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentInfo, Project, SceneDraft, SceneSuggestions } from '../../src/shared/api';
import { createHost } from '../../src/main/host';
import { shippedModelsDir } from '../../src/main/paths';
import { buildVocabularies, scriptScenes, splitSceneData, windowsOf } from '../../src/shared/script/generation/scene-data';
import { generateSceneScripts } from '../../src/shared/script/generation/synthetic-scenes';
import { selectBackend } from '../../src/workers/backend/select-backend';
import { Trainer } from '../../src/workers/engine/training/trainer';
import { SceneLm, type SceneLmBatch } from '../../src/workers/models/scene-lm';
import { defaultSceneModel } from '../../src/workers/tasks/train-scenes-task';

const warmRuns = Number(process.argv[2] ?? 8);
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const minMedian = (xs: number[]): string => `${Math.round(Math.min(...xs))} / ${Math.round(quantile(xs, 0.5))} ms (min / median of ${xs.length})`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

const shipped = join(shippedModelsDir(), 'scenes-small');
if (!existsSync(join(shipped, 'music-model.json'))) {
  console.error(`No shipped scene model at ${shipped}: train it first (npx tsx scripts/train-scene-models.ts).`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'montage-scene-bench-'));
const host = createHost({ dataDir: join(dir, 'data'), shell: 'cli', probe: false });
try {
  await host.shippedModels;
  const call = <T>(service: string, method: string, args: unknown): Promise<T> => host.dispatch(service, method, args) as Promise<T>;
  const project = await call<Project>('projects', 'create', { name: 'Bench' });
  const [fountain] = generateSceneScripts({ seed: 99, scripts: 1, scenes: [10, 10] });
  const script = await call<DocumentInfo>('scripts', 'create', { projectId: project.id, name: 'Bench script', fountain });
  const [cold, first] = await timed(() => call<SceneSuggestions>('scripts', 'suggestScenes', { id: script.id, count: 4, seed: 1 }));
  console.log(`Model: ${first.model.name}`);
  console.log(`first suggestion (cold: session start, model load, 4 candidates): ${Math.round(cold)} ms`);
  const suggest: number[] = [];
  const draft: number[] = [];
  let words = 0;
  for (let i = 0; i < warmRuns; i++) {
    suggest.push((await timed(() => call<SceneSuggestions>('scripts', 'suggestScenes', { id: script.id, count: 4, seed: 10 + i })))[0]);
    const [ms, d] = await timed(() => call<SceneDraft>('scripts', 'draftScene', { id: script.id, heading: 'INT. KITCHEN - NIGHT', characters: ['MARA', 'JONAH'], beat: 'Mara confronts Jonah about the letter.', words: 200, seed: 20 + i }));
    draft.push(ms);
    words += d.words;
  }
  console.log(`warm, 4 next-scene candidates: ${minMedian(suggest)}`);
  console.log(`warm, draft of 200 words: ${minMedian(draft)} (${Math.round(words / warmRuns)} words on average)`);
} finally {
  host.close();
  rmSync(dir, { recursive: true, force: true });
}

// Training speed at the shipped sizes.
await selectBackend({ force: 'wasm' });
const scenes = scriptScenes(generateSceneScripts({ seed: 11, scripts: 80 }));
const split = splitSceneData(scenes, 0.1, 7);
const vocab = buildVocabularies(split.train, defaultSceneModel.outlineVocabulary, defaultSceneModel.draftVocabulary);
for (const part of ['outline', 'draft'] as const) {
  const v = vocab[part];
  const window = defaultSceneModel.window;
  const data = windowsOf(part === 'outline' ? split.train.outline : split.train.draft, v, window, window / 2);
  // The shipped draft model's vocabulary is larger than this corpus gives: size it as shipped.
  const size = part === 'outline' ? Math.max(v.size, 298) : defaultSceneModel.draftVocabulary;
  const model = new SceneLm({ vocabulary: size, embedding: defaultSceneModel.embedding, hiddenUnits: defaultSceneModel.hiddenUnits, learningRate: defaultSceneModel.learningRate, clipNorm: 5, seed: 1 });
  const trainer = new Trainer<SceneLmBatch>(model, model.optimizerOptions);
  const w = window + 1;
  const batch = (step: number): SceneLmBatch => {
    const tokens = new Int32Array(32 * w);
    for (let j = 0; j < 32; j++) {
      const e = (step * 32 + j) % data.count;
      tokens.set(data.tokens.subarray(e * w, (e + 1) * w), j * w);
    }
    return { tokens, length: window };
  };
  await trainer.trainStep(batch(0));
  const steps = 12;
  const started = performance.now();
  for (let s = 1; s <= steps; s++) await trainer.trainStep(batch(s));
  const seconds = (performance.now() - started) / 1000;
  console.log(`training, ${part === 'outline' ? 'next-scene' : 'draft'} model (${size} tokens, ${model.parameterCount.toLocaleString('en-US')} parameters, batch 32 × ${window}): ${(steps / seconds).toFixed(2)} steps/s`);
  trainer.dispose();
  model.dispose();
}
