// The `--only continuation` step of `npm run train:models`: adds the continuation companion
// (src/workers/models/continuation-lstm.ts) to each shipped music model already in --out, with the
// product's own training phase (src/workers/tasks/train-continuation.ts). Melody companions train
// on the corpus's 4-bar melodies when it has them (longer windows teach the LSTM longer context;
// same tokens and pitch range as the 2-bar ones), drum companions on the 2-bar patterns. Writes
// continuation.json + continuation.bin into the model folder, adds the held-out figures to
// music-model.json's metrics (so an installed copy sees a changed manifest and is updated) and a
// "Continuation companion" section to MODEL_CARD.md.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCorpusFile } from '../src/shared/music/corpus/corpus-file';
import { defaultContinuationUnits } from '../src/workers/models/continuation-lstm';
import { trainContinuation } from '../src/workers/tasks/train-continuation';
import { splitExamples } from '../src/workers/tasks/train-music-task';
import { consoleTaskContext } from './console-task-context';

export interface ShippedContinuationOptions {
  corpus: string;
  outRoot: string;
  seed: number;
  /** Steps of each companion; default 700 for melodies (4-bar windows), 2000 for drums. */
  steps?: number;
  backend: string;
  /** Only these shipped folders (default: every one present). */
  models?: string[];
}

const shipped = ['melody-2bar', 'melody-4bar', 'drums-2bar'] as const;
/** Baselines on the held-out windows: unigram perplexity (counts of the training windows), the most common token's accuracy, and "repeat the step one bar back". */
export function continuationBaselines(train: Int32Array, heldOut: Int32Array, windowSteps: number, vocabulary: number): { unigramPerplexity: number; majorityAccuracy: number; repeatBarAccuracy: number } {
  const counts = new Float64Array(vocabulary).fill(1);
  for (const t of train) counts[t] = (counts[t] as number) + 1;
  const total = counts.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let i = 1; i < vocabulary; i++) if ((counts[i] as number) > (counts[best] as number)) best = i;
  let ce = 0;
  let hits = 0;
  for (const t of heldOut) {
    ce -= Math.log((counts[t] as number) / total);
    if (t === best) hits++;
  }
  let same = 0;
  let n = 0;
  for (let w = 0; w < heldOut.length / windowSteps; w++) {
    for (let s = 16; s < windowSteps; s++) {
      n++;
      if (heldOut[w * windowSteps + s] === heldOut[w * windowSteps + s - 16]) same++;
    }
  }
  return { unigramPerplexity: Math.exp(ce / heldOut.length), majorityAccuracy: hits / heldOut.length, repeatBarAccuracy: n > 0 ? same / n : Number.NaN };
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

export async function trainShippedContinuations(options: ShippedContinuationOptions): Promise<void> {
  for (const name of shipped) {
    if (options.models && options.models.length > 0 && !options.models.includes(name)) continue;
    const folder = join(options.outRoot, name);
    const manifestPath = join(folder, 'music-model.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      kind: 'melody' | 'drums';
      vocabulary: number;
      config: { melodyRange?: { minPitch: number; maxPitch: number } };
      metrics: Record<string, number>;
    };
    const file = manifest.kind === 'drums' ? 'drums-2bar.bin' : existsSync(join(options.corpus, 'melody-4bar.bin')) ? 'melody-4bar.bin' : `${name}.bin`;
    const corpus = decodeCorpusFile(await readFile(join(options.corpus, file)));
    if (corpus.header.kind !== manifest.kind) throw new Error(`${file} holds ${corpus.header.kind} examples, not ${manifest.kind}.`);
    const windowSteps = corpus.header.steps;
    const tokens = Int32Array.from(corpus.data);
    for (const t of tokens) if (!(t >= 0 && t < manifest.vocabulary)) throw new Error(`${file} has the token ${t}, outside ${name}'s vocabulary of ${manifest.vocabulary}.`);
    const { train, heldOut } = splitExamples(tokens, windowSteps, 0.1, options.seed);
    const steps = options.steps ?? (manifest.kind === 'drums' ? 2000 : 700);
    const started = performance.now();
    const result = await trainContinuation({
      config: {
        representation: manifest.kind,
        vocabulary: manifest.vocabulary,
        ...(manifest.config.melodyRange ? { melodyRange: manifest.config.melodyRange } : {}),
        hiddenUnits: defaultContinuationUnits,
        seed: options.seed,
      },
      train,
      heldOut,
      windowSteps,
      steps,
      batchSize: 64,
      evalEvery: 100,
      patience: 5,
      outDir: folder,
      source: file,
      context: consoleTaskContext(name),
    });
    const seconds = (performance.now() - started) / 1000;
    const m = result.metrics;
    // The same held-out windows the companion was measured on (train-continuation.ts measures at most 1,024).
    const base = continuationBaselines(train, heldOut.subarray(0, result.heldOut * windowSteps), windowSteps, manifest.vocabulary);
    // Read again: another step may have changed the manifest while this one trained.
    const latest = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof manifest;
    latest.metrics = { ...latest.metrics, continuationAccuracy: m.accuracy, continuationLoss: m.loss, continuationPerplexity: m.perplexity };
    await writeFile(`${manifestPath}.tmp`, `${JSON.stringify(latest, null, 2)}\n`);
    await rename(`${manifestPath}.tmp`, manifestPath);

    const cardPath = join(folder, 'MODEL_CARD.md');
    const card = await readFile(cardPath, 'utf8').catch(() => `# Montage model card: ${name}\n`);
    const section = `## Continuation companion (\`continuation.json\`, \`continuation.bin\`)
"Continue" (extend a clip by N bars in its style) runs an autoregressive LSTM over this model's own
tokens (${manifest.kind === 'drums' ? 'one token per 16th step = the 9-bit drum-class mask, 512 classes, fed as 9 multi-hot inputs, as Magenta\'s drums RNN' : 'the melody tokens above, fed one-hot, as Magenta\'s melody RNN'}):
one LSTM of ${result.config.hiddenUnits} units → softmax, ${(result.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0) / 1000).toFixed(0)}k parameters. The clip's tokens are fed as a
primer, then tokens are drawn one step at a time; the LSTM keeps its state, so 1–16 bars after a
clip of any length work (it was trained on ${windowSteps / 16}-bar windows, so long continuations drift). Why not the VAE:
its decoder writes a fixed ${name.includes('4bar') ? '4' : '2'}-bar window from z and has no notion of "after this clip".
Code: \`src/workers/models/continuation-lstm.ts\`, \`src/workers/tasks/train-continuation.ts\`.

- Data: \`${file}\` of the same corpus (${result.examples.toLocaleString('en-US')} windows of ${windowSteps / 16} bars for training, ${result.heldOut.toLocaleString('en-US')} held-out windows measured from a seeded 10% split${file.includes('4bar') ? '; the 4-bar melodies hold the same lines as the 2-bar corpus, in longer windows' : ''}).
- Steps: ${result.steps} of batches of 64, Adam ${'2e-3'}, global-norm clipping at 3; seed ${options.seed}; ${Math.round(seconds)} s on ${options.backend}, on a shared 2-core machine with other work running.
- Run: \`npm run train:models -- --corpus DIR --only continuation,${name} --continuation-steps ${result.steps}\` (\`scripts/train-shipped-continuations.ts\`).

| figure (held-out windows, teacher-forced) | value |
|---|---|
| next-token cross-entropy (nats per step) | ${fmt(m.loss)} |
| next-token perplexity | ${fmt(m.perplexity, 2)} |
| next-token accuracy | ${fmt(m.accuracy)} |
| baseline: unigram perplexity (token frequencies of the training windows) | ${fmt(base.unigramPerplexity, 2)} |
| baseline: accuracy of always the most common token | ${fmt(base.majorityAccuracy)} |
| baseline: accuracy of repeating the step one bar back | ${fmt(base.repeatBarAccuracy)} |
`;
    const marker = '## Continuation companion';
    const at = card.indexOf(marker);
    let updated: string;
    if (at >= 0) {
      const next = card.indexOf('\n## ', at + marker.length);
      updated = card.slice(0, at) + section + (next >= 0 ? `\n${card.slice(next + 1)}` : '');
    } else {
      const licence = card.indexOf('## Licence of the weights');
      updated = licence >= 0 ? `${card.slice(0, licence)}${section}\n${card.slice(licence)}` : `${card.trimEnd()}\n\n${section}`;
    }
    await writeFile(cardPath, updated);
    console.log(`[${name}] continuation done in ${Math.round(seconds)} s: held-out next-token accuracy ${fmt(m.accuracy)}, perplexity ${fmt(m.perplexity, 2)} → ${folder}`);
  }
}
