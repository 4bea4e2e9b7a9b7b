// `npm run train:models -- --corpus DIR [--steps N] [--only melody-2bar,drums-2bar] [--out models/shipped]`
// `npm run train:models -- --corpus DIR --only continuation [--continuation-steps N]`: adds the
// continuation companion to the shipped models already in --out (train-shipped-continuations.ts).
// `npm run train:models -- --corpus DIR --only latent-gan [--latent-gan-steps N]`: adds the
// latent-constraints GAN to the shipped 2-bar models in --out (train-shipped-latent-gans.ts).
// Trains the music models Montage ships, with the product's own training task (the same code a
// "Train on my music" job runs), on a corpus built by `npm run corpus:music`. Each model is trained
// into a staging folder and moved into `--out` only when it finished, with a MODEL_CARD.md beside
// its weights: data and licences (from the corpus's CORPUS.md and manifest), configuration, steps,
// time and held-out metrics. Run on a quiet machine, in the background; never in CI.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { musicModelConfigNames, trainMusicConfig, type MusicModelConfigName } from '../src/shared/jobs/task-kinds';
import { selectBackend } from '../src/workers/backend/select-backend';
import { runTrainMusic, type TrainMusicResult } from '../src/workers/tasks/train-music-task';
import { trainShippedContinuations } from './train-shipped-continuations';
import { recordLatentGan, trainShippedLatentGans } from './train-shipped-latent-gans';
import { consoleTaskContext } from './console-task-context';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    steps: { type: 'string', default: '2000' },
    only: { type: 'string', default: 'melody-2bar,drums-2bar' },
    out: { type: 'string', default: 'models/shipped' },
    seed: { type: 'string', default: '7' },
    /** With `--only continuation`: steps of each companion (default: per model, see train-shipped-continuations.ts). */
    'continuation-steps': { type: 'string' },
    /** With `--only latent-gan`: GAN steps per model (default: 3000 melodies, 2000 drums). */
    'latent-gan-steps': { type: 'string' },
  },
});
if (!values.corpus) {
  console.error('usage: npm run train:models -- --corpus DIR [--steps N] [--only melody-2bar,drums-2bar] [--out models/shipped]');
  console.error('Build the corpus first: sudo apt-get install mma abcmidi && npm run corpus:music -- --out DIR');
  process.exit(2);
}
const corpus = resolve(values.corpus);
const outRoot = resolve(values.out as string);
const steps = Number(values.steps);
const seed = Number(values.seed);
const names = (values.only as string).split(',').map((s) => s.trim()) as MusicModelConfigName[];
// `--only continuation`: only the continuation companions (trainShippedContinuations below).
const continuationOnly = (names as string[]).includes('continuation');
// `--only latent-gan`: only the latent-constraints GANs (trainShippedLatentGans below).
const latentGanOnly = (names as string[]).includes('latent-gan');
for (const name of continuationOnly || latentGanOnly ? [] : names) {
  if (!musicModelConfigNames.includes(name)) {
    console.error(`unknown model "${name}" (${musicModelConfigNames.join(', ')})`);
    process.exit(2);
  }
}

const corpusFile: Record<MusicModelConfigName, string> = { 'melody-2bar': 'melody-2bar.bin', 'melody-4bar': 'melody-4bar.bin', 'drums-2bar': 'drums-2bar.bin' };
const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

function card(name: MusicModelConfigName, result: TrainMusicResult, seconds: number, backend: string, corpusNotes: string): string {
  return `# Montage model card: ${name}

A MusicVAE (bidirectional LSTM encoder → latent z → LSTM decoder${name.endsWith('4bar') ? ' under a bar-level conductor' : ''}) for
${name.startsWith('drums') ? '2-bar drum patterns (General MIDI drums reduced to 9 classes, one 9-bit mask per 16th step)' : `${name.startsWith('melody-4') ? '4' : '2'}-bar monophonic melodies (16th-note steps: note-on for MIDI 48–83, note-off, no event)`}.
Architecture and training: \`src/workers/models/README.md\`, \`src/workers/models/music-vae.ts\`.

## How it was trained
- Code: this project's \`train-music\` task (\`src/workers/tasks/train-music-task.ts\`), run by \`npm run train:models\` (\`scripts/train-models.ts\`).
- Steps: ${result.steps} of batches of 64${result.stoppedEarly ? ' (stopped early: the held-out loss stopped improving)' : ''}; seed ${seed}; ${Math.round(seconds)} s on ${backend}.
- Examples: ${result.examples.toLocaleString('en-US')} for training, ${result.heldOut.toLocaleString('en-US')} held out (a seeded 10% split).

## Metrics (held-out examples)
| figure | value |
|---|---|
| loss (reconstruction + β·KL), first step | ${fmt(result.lossFirst)} |
| loss, last step | ${fmt(result.lossLast)} |
| held-out loss | ${fmt(result.lossHeldOut)} |
| held-out reconstruction accuracy (teacher-forced next step) | ${fmt(result.accuracyHeldOut)} |
| KL at the end (nats per example) | ${fmt(result.klLast)} |

## Data and licences
${corpusNotes}

## Licence of the weights
The weights are this project's output, under the project's licence (MIT). Limits: trained on
4/4 material only; melodies are monophonic and in MIDI 48–83 (wider lines were moved by octaves or
skipped); the data leans on generated accompaniment lines, so the model knows bass lines,
arpeggios and chord tops better than sung tunes.
`;
}

const backend = await selectBackend({ force: 'wasm' });
tf.enableProdMode();
console.log(`Backend: ${backend.name} (${backend.detail})`);
const corpusMd = await readFile(join(corpus, 'CORPUS.md'), 'utf8').catch(() => 'See the corpus build log (CORPUS.md was not found).');
if (latentGanOnly) {
  await trainShippedLatentGans({ corpus, outRoot, steps: values['latent-gan-steps'] === undefined ? undefined : Number(values['latent-gan-steps']), backend: `${backend.name} (${backend.detail})` });
  process.exit(0);
}
if (continuationOnly) {
  // `--only continuation,drums-2bar`: only those folders' companions.
  const models = (names as string[]).filter((n) => n !== 'continuation');
  await trainShippedContinuations({ corpus, outRoot, seed, steps: values['continuation-steps'] === undefined ? undefined : Number(values['continuation-steps']), backend: `${backend.name} (${backend.detail})`, models });
  process.exit(0);
}

for (const name of names) {
  const staging = await mkdtemp(join(tmpdir(), `montage-train-${name}-`));
  const started = performance.now();
  const result = await runTrainMusic(
    trainMusicConfig.parse({ configName: name, corpusPath: join(corpus, corpusFile[name]), steps, batchSize: 64, seed, outDir: staging, evalEvery: 100, patience: 5 }),
    consoleTaskContext(name),
  );
  const seconds = (performance.now() - started) / 1000;
  const target = join(outRoot, name);
  await rm(target, { recursive: true, force: true });
  await cp(staging, target, { recursive: true });
  await rm(staging, { recursive: true, force: true });
  await writeFile(join(target, 'MODEL_CARD.md'), card(name, result, seconds, `${backend.name} (${backend.detail})`, corpusMd.replace(/^#.*\n/, '')));
  // The train-music job's latent-GAN phase left latent-gan.json: its section in the card.
  if (existsSync(join(target, 'latent-gan.json'))) await recordLatentGan(target, `${backend.name} (${backend.detail})`);
  console.log(`[${name}] done in ${Math.round(seconds)} s: held-out accuracy ${fmt(result.accuracyHeldOut)}, loss ${fmt(result.lossFirst)} → ${fmt(result.lossLast)} → ${target}`);
}
