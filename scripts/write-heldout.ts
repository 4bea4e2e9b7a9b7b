// `npx tsx scripts/write-heldout.ts --corpus DIR [--out models/shipped] [--seed 7]`: writes heldout.bin
// (the first 500 of the held-out examples, src/shared/music/encoding/evaluate-set.ts) into each
// shipped model folder, from the corpus it was trained on with the same seeded split the training
// task made (train-music-task.ts's splitExamples, 10% held out), for models trained before the
// trainer wrote the file itself. `montage eval music` compares generated sets with it.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeCorpusFile } from '../src/shared/music/corpus/corpus-file';
import { heldOutFileBytes, heldOutFileName } from '../src/shared/music/encoding/evaluate-set';
import { musicModelManifest } from '../src/shared/models/manifest';
import { splitExamples } from '../src/workers/tasks/train-music-task';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, out: { type: 'string', default: 'models/shipped' }, seed: { type: 'string', default: '7' } } });
if (!values.corpus) {
  console.error('usage: npx tsx scripts/write-heldout.ts --corpus DIR [--out models/shipped] [--seed 7]');
  process.exit(2);
}
const seed = Number(values.seed);
for (const name of ['melody-2bar', 'drums-2bar']) {
  const folder = resolve(values.out as string, name);
  const manifest = musicModelManifest.parse(JSON.parse(await readFile(join(folder, 'music-model.json'), 'utf8')));
  const corpus = decodeCorpusFile(await readFile(join(resolve(values.corpus), `${name}.bin`)));
  const { heldOut } = splitExamples(Int32Array.from(corpus.data), corpus.header.steps, 0.1, seed);
  const count = heldOut.length / corpus.header.steps;
  if (manifest.metrics.heldOut !== undefined && manifest.metrics.heldOut !== count) throw new Error(`${name}: the split gives ${count} held-out examples; the model says ${manifest.metrics.heldOut}.`);
  const range = (manifest.config as { melodyRange?: { minPitch: number; maxPitch: number } }).melodyRange;
  const bytes = heldOutFileBytes(heldOut, { kind: manifest.kind as 'melody' | 'drums', steps: manifest.steps, vocabulary: manifest.vocabulary, seed, ...(range ? { range } : {}), of: name });
  await writeFile(join(folder, heldOutFileName), bytes);
  console.log(`${name}: ${count} held out, wrote ${Math.min(500, count)} to ${join(folder, heldOutFileName)} (${bytes.length} bytes)`);
}
