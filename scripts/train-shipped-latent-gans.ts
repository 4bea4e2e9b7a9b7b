// The `--only latent-gan` step of `npm run train:models`: adds the latent-constraints GAN
// (src/workers/models/latent-gan.ts) to each shipped 2-bar music model already in --out, with the
// product's own phase (src/workers/tasks/train-latent-gan.ts): the corpus is split as the VAE's
// training split it (splitExamples, the model's seed), the training examples are encoded with the
// shipped VAE (which is not changed) and the GAN trains on their latents. Writes latent-gan.json +
// latent-gan.bin into the model folder, adds the figures to music-model.json's metrics (so an
// installed copy sees a changed manifest and is updated) and a "Latent constraints" section to
// MODEL_CARD.md. `recordLatentGan` alone redoes the last two from latent-gan.json.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCorpusFile } from '../src/shared/music/corpus/corpus-file';
import { latentGanFile, type LatentGanFile } from '../src/workers/models/latent-gan';
import { loadMusicVae } from '../src/workers/models/music-model-files';
import { manifestMetricsOf, trainLatentGan, type LatentGanMetrics } from '../src/workers/tasks/train-latent-gan';
import { splitExamples } from '../src/workers/tasks/train-music-task';
import { consoleTaskContext } from './console-task-context';

export interface ShippedLatentGanOptions {
  corpus: string;
  outRoot: string;
  /** GAN steps per model (default 3000 for melodies, 2000 for drums). */
  steps?: number;
  /** Training examples encoded per model (a seeded choice; default 20,000). */
  maxExamples?: number;
  backend: string;
}

const shipped = ['melody-2bar', 'drums-2bar'] as const;
const heldOutCap = 3000;
const sectionTitle = '## Latent constraints (generating by key and density)';

const pct = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | undefined, digits = 2): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

async function writeReplacing(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/** The model card's section for a trained GAN. */
export function latentGanCardSection(file: LatentGanFile, backend: string): string {
  const m = file.metrics as unknown as LatentGanMetrics;
  const c = file.config;
  const melody = c.representation === 'melody';
  const rows = [
    ...(melody
      ? [
          `| in-scale rate for the asked key (decoded samples, no ranking or transposing) | ${pct(m.ganKeyInScale)} | ${pct(m.priorKeyInScale)} |`,
          `| estimated key's scale = the asked one | ${pct(m.ganKeyAccuracy)} | ${pct(m.priorKeyAccuracy)} |`,
        ]
      : []),
    `| density in the asked bucket | ${pct(m.ganDensityAccuracy)} | ${pct(m.priorDensityAccuracy)} |`,
    `| mean \\|density − asked\\| (notes per bar; asked = the bucket's median) | ${num(m.ganDensityError)} | ${num(m.priorDensityError)} |`,
    ...(melody ? [`| mean pitch in the asked register bucket | ${pct(m.ganRegisterAccuracy)} | ${pct(m.priorRegisterAccuracy)} |`] : []),
  ];
  return `${sectionTitle}
A latent-constraints GAN (Engel et al. 2017) on this VAE's latent space: a generator G(ε, attributes) → z
(gated residual on ε ~ N(0, I)), a critic D(z, attributes) trained to tell encoded real latents (μ) with their own
attributes from G's latents and from real latents with another example's attributes, an attribute classifier on z
whose cross-entropy G also minimises, and the paper's distance penalty. MLPs of 2 × ${c.hiddenUnits} units. The VAE is unchanged.
Code: \`src/workers/models/latent-gan.ts\`, \`src/workers/tasks/train-latent-gan.ts\`; run by
\`npm run train:models -- --corpus DIR --only latent-gan\` (\`scripts/train-shipped-latent-gans.ts\`).

- Attributes: ${melody ? 'key (the diatonic collection of the best-fitting major/minor key: most notes in scale, then the Krumhansl–Kessler profile), ' : ''}density (notes per bar) in ${c.densityEdges.length + 1} buckets split at ${c.densityEdges.map((e) => e.toFixed(1)).join(', ')}${melody ? `, register (mean pitch) in ${c.registerEdges.length + 1} buckets split at ${c.registerEdges.map((e) => e.toFixed(1)).join(', ')}` : ''}.
- Trained: ${file.steps} steps of batches of 64 on ${m.examples.toLocaleString('en-US')} encoded training examples (the VAE's training split, seed ${c.seed}), ${Math.round(m.seconds)} s in all (encoding and measuring included) on ${backend}.

| figure (samples decoded at temperature 1) | GAN | VAE prior |
|---|---|---|
${rows.join('\n')}

Attribute classifier on held-out encoded latents (up to ${heldOutCap.toLocaleString('en-US')} of the VAE's held-out split): ${melody ? `key ${pct(m.classifierKeyAccuracy)}, ` : ''}density ${pct(m.classifierDensityAccuracy)}${melody ? `, register ${pct(m.classifierRegisterAccuracy)}` : ''}.
`;
}

/** Adds a folder's latent-gan.json figures to its music-model.json metrics and MODEL_CARD.md (idempotent). */
export async function recordLatentGan(folder: string, backend: string): Promise<void> {
  const file = JSON.parse(await readFile(join(folder, latentGanFile), 'utf8')) as LatentGanFile;
  const manifestPath = join(folder, 'music-model.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { metrics: Record<string, number> };
  const kept = Object.fromEntries(Object.entries(manifest.metrics).filter(([k]) => !k.startsWith('latentGan')));
  manifest.metrics = { ...kept, ...manifestMetricsOf(file.metrics as unknown as LatentGanMetrics) };
  await writeReplacing(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const cardPath = join(folder, 'MODEL_CARD.md');
  const card = existsSync(cardPath) ? await readFile(cardPath, 'utf8') : '';
  const section = latentGanCardSection(file, backend);
  const at = card.indexOf(sectionTitle);
  let next: string;
  if (at >= 0) {
    const after = card.indexOf('\n## ', at + sectionTitle.length);
    next = card.slice(0, at) + section + (after >= 0 ? card.slice(after) : '');
  } else {
    const licence = card.indexOf('## Licence of the weights');
    next = licence >= 0 ? `${card.slice(0, licence)}${section}\n${card.slice(licence)}` : `${card}\n${section}`;
  }
  await writeReplacing(cardPath, next);
}

export async function trainShippedLatentGans(options: ShippedLatentGanOptions): Promise<void> {
  for (const name of shipped) {
    const folder = join(options.outRoot, name);
    if (!existsSync(join(folder, 'music-model.json'))) continue;
    const { model } = await loadMusicVae(folder);
    try {
      const corpus = decodeCorpusFile(await readFile(join(options.corpus, `${name}.bin`)));
      const { steps, representation, vocabulary, seed } = model.config;
      if (corpus.header.kind !== representation || corpus.header.steps !== steps) throw new Error(`${name}.bin does not hold ${name}'s examples.`);
      const tokens = Int32Array.from(corpus.data);
      for (const t of tokens) if (!(t >= 0 && t < vocabulary)) throw new Error(`${name}.bin has the token ${t}, outside ${name}'s vocabulary of ${vocabulary}.`);
      const { train, heldOut } = splitExamples(tokens, steps, 0.1, seed);
      const { gan } = await trainLatentGan(
        model,
        train,
        heldOut.subarray(0, Math.min(heldOut.length, heldOutCap * steps)),
        {
          steps: options.steps ?? (representation === 'drums' ? 2000 : 3000),
          batchSize: 64,
          seed,
          maxExamples: options.maxExamples ?? 20_000,
          samplesPerClass: 16,
          outDir: folder,
        },
        consoleTaskContext(name),
      );
      gan.dispose();
      await recordLatentGan(folder, options.backend);
      console.log(`[${name}] latent GAN saved in ${folder}`);
    } finally {
      model.dispose();
    }
  }
}
