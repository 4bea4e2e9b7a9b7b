// `npx tsx bench/vision/images-bench.ts`: the image recognition figures of docs/images.md.
// Printed, never asserted. In-process on the wasm backend with one thread (as a model session
// runs), after the models' load and warm-up:
//   1. a full `tag` per darknet sample photo (decode, detect, embed, 256 px thumbnail), the
//      median of 5 runs each, with its stages, and detection alone
//   2. embedding alone per photo (decode + MobileNetV2)
//   3. find similar: top-10 over 1,000 random 1,280-d embeddings, p50/p95 of 500 queries
//   4. leave-one-out and choosing k for 1,000 random 1,280-d examples in 10 categories
// Run it on a quiet machine; it says how many cores it saw.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/shared/random';
import { buildEmbeddingIndex, findSimilar } from '../../src/shared/vision/find-similar';
import { chooseK, leaveOneOut } from '../../src/shared/vision/leave-one-out';
import { selectBackend } from '../../src/workers/backend/select-backend';
import { ImageTagger, type TagResult } from '../../src/workers/vision/image-tagger';

const darknet = '/usr/share/darknet/data';
const photos = ['dog.jpg', 'horses.jpg', 'person.jpg', 'giraffe.jpg', 'eagle.jpg', 'kite.jpg', 'scream.jpg'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number): string => `${x.toFixed(0).padStart(5)} ms`;

const backend = await selectBackend({ force: 'wasm' });
console.log(`${cpus().length} cores; tfjs ${backend.tfjsVersion} on ${backend.name} (${backend.detail})`);
let t = performance.now();
const tagger = await ImageTagger.load();
console.log(`models loaded and warmed up in ${ms(performance.now() - t)}\n`);

console.log('photo         size        tag (median of 5)  decode  detect   embed  thumb   | embed only');
const tagTimes: number[] = [];
const embedTimes: number[] = [];
for (const name of photos) {
  const bytes = new Uint8Array(readFileSync(join(darknet, name)));
  const runs: TagResult[] = [];
  for (let i = 0; i < 5; i++) runs.push(await tagger.tag(bytes));
  const pick = (f: (r: TagResult) => number): number => median(runs.map(f));
  const embeds: number[] = [];
  for (let i = 0; i < 5; i++) embeds.push((await tagger.embed(bytes)).ms);
  const r = runs[0]!;
  tagTimes.push(pick((x) => x.timings.totalMs));
  embedTimes.push(median(embeds));
  console.log(
    `${name.padEnd(13)} ${`${r.width} × ${r.height}`.padEnd(11)} ${ms(pick((x) => x.timings.totalMs))}           ${ms(pick((x) => x.timings.decodeMs))} ${ms(pick((x) => x.timings.detectMs))} ${ms(pick((x) => x.timings.embedMs))} ${ms(pick((x) => x.timings.thumbnailMs))} | ${ms(median(embeds))}`,
  );
}
console.log(`mean over ${photos.length} photos: tag ${ms(tagTimes.reduce((a, b) => a + b) / photos.length)}, embed ${ms(embedTimes.reduce((a, b) => a + b) / photos.length)}\n`);
tagger.dispose();

const rng = createRng(3);
const random = (dims: number): Float32Array => Float32Array.from({ length: dims }, () => rng.next() * 2 - 1);
const index = buildEmbeddingIndex(Array.from({ length: 1000 }, (_, i) => ({ id: `image-${i}`, vector: random(1280) })));
const queries = Array.from({ length: 500 }, () => random(1280));
const times = queries.map((q) => {
  const t0 = performance.now();
  findSimilar(index, q, { k: 10 });
  return performance.now() - t0;
});
console.log(`find similar, top 10 of 1,000 × 1,280-d: p50 ${quantile(times.slice(50), 0.5).toFixed(2)} ms, p95 ${quantile(times.slice(50), 0.95).toFixed(2)} ms`);

const examples = Array.from({ length: 1000 }, (_, i) => ({ label: `category ${i % 10}`, vector: random(1280) }));
t = performance.now();
leaveOneOut(examples);
console.log(`leave-one-out for k = 1, 3, 5, 7 over 1,000 × 1,280-d: ${ms(performance.now() - t)}`);
t = performance.now();
chooseK(examples.slice(0, 200));
console.log(`choosing k for 200 examples: ${ms(performance.now() - t)}`);
