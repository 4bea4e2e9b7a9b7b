// `npx tsx scripts/train-scene-models.ts [--scripts 600] [--steps 1500] [--outline-steps N] [--out models/shipped]`
// Trains the scene model Montage ships (`scenes-small`: the scene writer's next-scene and draft
// LSTMs) with the product's own train-scenes task, on the seeded synthetic scene corpus of
// scripts/scene-corpus/ (public-domain dialogue and prose), then measures it as `montage eval
// scenes` does and writes it into `--out/scenes-small/` with a MODEL_CARD.md. Run in the
// background on a quiet machine; never in CI.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { trainScenesConfig } from '../src/shared/jobs/task-kinds';
import { selectBackend } from '../src/workers/backend/select-backend';
import { evaluateSceneModel, type SceneEvaluation } from '../src/workers/models/scene-generate';
import { loadSceneModel, readSceneHeldOut } from '../src/workers/models/scene-model-files';
import { defaultSceneModel, runTrainScenes, sceneConfigName } from '../src/workers/tasks/train-scenes-task';
import { consoleTaskContext } from './console-task-context';
import { buildSceneCorpus } from './scene-corpus/build-corpus';

const { values } = parseArgs({
  options: {
    /** Only measure the model already in --out/scenes-small again and rewrite its card's evaluation rows. */
    'eval-only': { type: 'boolean', default: false },
    scripts: { type: 'string', default: '600' },
    steps: { type: 'string', default: '1500' },
    'outline-steps': { type: 'string' },
    out: { type: 'string', default: 'models/shipped' },
    seed: { type: 'string', default: '7' },
    'corpus-seed': { type: 'string', default: '11' },
    'eval-count': { type: 'string', default: '64' },
  },
});
const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const seed = Number(values.seed);
const backend = await selectBackend({ force: 'wasm' });
tf.enableProdMode();
const backendText = `${backend.name} (${backend.detail})`;
console.log(`Backend: ${backendText}`);

const evalCount = Number(values['eval-count']);
const evalOptions = { count: evalCount, temperature: 0.8, seed: 1, words: 80 };

/** The card's rows measured by evaluateSceneModel. */
function evaluationRows(e: SceneEvaluation): string[] {
  return [
    `| valid-heading rate of next-scene proposals, first draw (${e.proposals} proposals, temperature 0.8) | ${fmt(e.validHeadingRate)} |`,
    `| valid-heading rate after drawing again / repairing (what the app returns) | ${fmt(e.validHeadingRateFinal)} |`,
    `| character consistency of drafts, cues unconstrained (${e.cues} cues in ${e.drafts} drafts) | ${fmt(e.characterConsistency)} |`,
    `| distinct-1 / distinct-2 of drafts (80 words asked each) | ${fmt(e.distinct1)} / ${fmt(e.distinct2)} |`,
    `| mean content words per draft | ${fmt(e.meanWords, 1)} |`,
  ];
}

if (values['eval-only']) {
  const folder = join(resolve(values.out as string), sceneConfigName);
  const model = await loadSceneModel(folder);
  const held = (await readSceneHeldOut(folder)) ?? { outline: [], draft: [] };
  const started = performance.now();
  const e = await evaluateSceneModel(model, held, evalOptions);
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  console.log(JSON.stringify(e, null, 2));
  const cardFile = join(folder, 'MODEL_CARD.md');
  const lines = (await readFile(cardFile, 'utf8')).split('\n');
  const measured = /^\| (valid-heading|character consistency|distinct-1|mean content words)/;
  const first = lines.findIndex((l) => measured.test(l));
  const kept = lines.filter((l) => !measured.test(l)).map((l) => (l.startsWith('Evaluation took') ? l.replace(/^Evaluation took \d+ s/, `Evaluation took ${Math.round(seconds)} s`) : l));
  kept.splice(first, 0, ...evaluationRows(e));
  await writeFile(cardFile, kept.join('\n'));
  console.log(`Rewrote the evaluation rows of ${cardFile}`);
  process.exit(0);
}

const corpus = buildSceneCorpus(Number(values.scripts), Number(values['corpus-seed']));
console.log(`Corpus: ${corpus.scripts.length} synthetic scripts; sources: ${corpus.sources.map((s) => `${s.name} (${s.lines} lines, ${s.prose} prose)`).join('; ')}`);
const staging = await mkdtemp(join(tmpdir(), 'montage-train-scenes-'));
const started = performance.now();
const result = await runTrainScenes(
  trainScenesConfig.parse({
    scripts: corpus.scripts,
    steps: Number(values.steps),
    ...(values['outline-steps'] ? { outlineSteps: Number(values['outline-steps']) } : {}),
    batchSize: 32,
    seed,
    outDir: staging,
    evalEvery: 100,
    patience: 5,
    name: 'Scene drafter (small)',
  }),
  consoleTaskContext('scenes'),
);
const seconds = (performance.now() - started) / 1000;
const model = await loadSceneModel(staging);
const heldOut = (await readSceneHeldOut(staging)) ?? { outline: [], draft: [] };
const evalStarted = performance.now();
const evaluation = await evaluateSceneModel(model, heldOut, evalOptions);
const evalSeconds = (performance.now() - evalStarted) / 1000;
model.dispose();
console.log(JSON.stringify(evaluation, null, 2));

const target = join(resolve(values.out as string), sceneConfigName);
await rm(target, { recursive: true, force: true });
await cp(staging, target, { recursive: true });
await rm(staging, { recursive: true, force: true });
await writeFile(join(target, 'MODEL_CARD.md'), card(evaluation, seconds, evalSeconds));
console.log(`[scenes] done in ${Math.round(seconds)} s → ${target}`);

function card(e: SceneEvaluation, trainSeconds: number, evalSeconds: number): string {
  const o = result.outline;
  const d = result.draft;
  const sizes = defaultSceneModel;
  return `# Montage model card: ${sceneConfigName} (scene drafter)

Two small word-level LSTM language models for the scene writer (\`src/workers/models/scene-lm.ts\`,
tokens in \`src/shared/script/generation/scene-tokens.ts\`):

- **Next scene** (outline model): reads the last scenes as summaries (INT/EXT, location, time,
  characters as slots <p1>…, beat words) and writes the next one; ${o.parameters.toLocaleString('en-US')} parameters, ${o.vocabulary} tokens.
- **Draft** (draft model): from a scene's heading, characters (slots <c1>…) and beat, writes its
  action, cues, parentheticals and dialogue as element tokens, turned into Fountain by the
  project's writer; ${d.parameters.toLocaleString('en-US')} parameters, ${d.vocabulary} tokens.

Each: embedding ${sizes.embedding} → LSTM ${sizes.hiddenUnits} → softmax over its vocabulary; windows of ${sizes.window} tokens,
Adam ${sizes.learningRate} with global-norm clipping at 5, batches of 32. Weights: float32, both models in one
\`model.json\` checkpoint (\`outline/…\`, \`draft/…\`), vocabularies in \`scene-model.json\`.

## How it was trained
- Code: this project's \`train-scenes\` task (\`src/workers/tasks/train-scenes-task.ts\`), run by
  \`npx tsx scripts/train-scene-models.ts\` (steps ${d.steps} draft, ${o.steps} next scene; seed ${seed}).
- ${Math.round(trainSeconds)} s on ${backendText}, 2-core machine shared with other work.
- Data split: ${result.scripts} scripts, ${result.scenes} scenes; whole scripts held out (a seeded 10%).

## Metrics (held-out scripts)
| figure | value |
|---|---|
| draft model: training loss first → last step | ${fmt(d.lossFirst)} → ${fmt(d.lossLast)} |
| draft model: held-out perplexity (per token) | ${fmt(d.heldOutPerplexity, 2)} |
| draft model: held-out next-token accuracy | ${fmt(d.heldOutAccuracy)} |
| next-scene model: training loss first → last step | ${fmt(o.lossFirst)} → ${fmt(o.lossLast)} |
| next-scene model: held-out perplexity | ${fmt(o.heldOutPerplexity, 2)} |
| next-scene model: held-out next-token accuracy | ${fmt(o.heldOutAccuracy)} |
${evaluationRows(e).join('\n')}

Evaluation took ${Math.round(evalSeconds)} s (\`evaluateSceneModel\`, as \`montage eval scenes\` runs it). The perplexities
above are of all held-out scenes at the end of training; \`montage eval scenes\` measures the sample of
(at most 200) held-out scenes and outline chunks kept in \`scene-heldout.json\`, so its figures differ slightly.
In the app, cues are constrained to the scene's characters, so drafts name only them.

## Data and licences
Seeded synthetic screenplays (\`src/shared/script/generation/synthetic-scenes.ts\`, corpus seed
${corpus.seed}): casts of recurring characters, revisited locations, times of day, beats along a small
story arc, action and dialogue. Generated data is this project's own. Dialogue lines and some action
sentences are drawn from public-domain texts read where their Debian packages install them
(\`scripts/scene-corpus/public-domain-text.ts\`); nothing of them is stored in the repository except
what the weights learnt:
${corpus.sources.map((s) => `- ${s.name}: ${s.lines} dialogue lines, ${s.prose} prose sentences — ${s.licence}`).join('\n')}
${corpus.missing.length > 0 ? `\nNot available when it was trained: ${corpus.missing.join('; ')}.\n` : ''}
No copyrighted screenplay (e.g. the afterwriting samples) was used.

## Limits
The synthetic scenes are formulaic and the dialogue is borrowed sentences, so drafts read like
collage: short scenes with plausible structure (action, cue, dialogue), the scene's own people and
place, and lines that rarely follow from each other. Train it on your own scripts for your voice.
The valid-heading rate is high partly because the synthetic headings are regular; the next-scene
model knows only the corpus' few dozen locations and beat patterns, and names in a location (LENA'S
BEDROOM) may be of people the script does not have. A draft may not end before 70% of the words
asked (\`draftScene\`), and usually ends within them.

## Licence of the weights
This project's output, under the project's licence (MIT).
`;
}
