// `montage eval images [--data DIR] [--json]`: how well the image-tagger session recognises
// photos, on images Debian packages install (eval-images-data.ts says which and why):
// - objects: recall and precision of the known objects in the darknet sample photos at the
//   default score threshold (0.3) and three others, and the time per image of a full `tag`
//   request (decode, detect, embed, 256 px thumbnail) in the session and as seen here;
// - custom categories: leave-one-out accuracy of k-NN on MobileNetV2 embeddings for k = 1, 3, 5,
//   7 and for k-NN as it runs (k chosen by leave-one-out; estimated nested, k chosen without the
//   held-out example), and 5-fold accuracy of the dense head, on the Adwaita icons (3 folders)
//   and on darknet photo variants (one category per photo);
// - find similar: the time of one top-10 query over 1,000 random 1,280-d embeddings.
// --data DIR reads the darknet photos from DIR. --json prints one object. Exit codes: 0 ok,
// 1 failed (photos missing, the session failed), 2 bad usage.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError, type BackendReport } from '../shared/api';
import { createRng } from '../shared/random';
import { predictDenseHead } from '../shared/vision/dense-head';
import { buildEmbeddingIndex, findSimilar } from '../shared/vision/find-similar';
import { stratifiedFolds } from '../shared/vision/folds';
import { recallPrecision, scoreLabels } from '../shared/vision/label-scoring';
import { labelKey } from '../shared/vision/labels';
import { chooseK, kCandidates, leaveOneOut, nestedLeaveOneOut } from '../shared/vision/leave-one-out';
import type { LabelledEmbedding } from '../shared/vision/types';
import { alignedTable, UsageError } from './cli-flags';
import { adwaitaFolder, darknetFolder, detectionCases, iconCategories, photoCategoryFiles } from './eval-images-data';
import { photoVariants } from './eval-images-variants';
import { fail } from './host-session';
import { openImageSession, readImageFile, type ImageSession } from './image-session';

export interface EvalImagesFlags {
  data?: string[];
  json?: boolean;
}

export const evalImagesUsage = 'usage: montage eval images [--data DIR] [--json]';

const defaultThreshold = 0.3;
const thresholds = [0.2, 0.3, 0.4, 0.5];
const headFolds = 5;

interface DetectionRow {
  file: string;
  width: number;
  height: number;
  /** The request as seen from the CLI, and the session's own stages. */
  ms: number;
  stages: { decodeMs: number; detectMs: number; embedMs: number; thumbnailMs: number; totalMs: number };
  expected: string[][];
  found: { label: string; score: number }[];
  matched: number;
  falsePositives: string[];
}

interface CategorySet {
  set: string;
  description: string;
  examples: number;
  categories: number;
  /** Leave-one-out accuracy per k. */
  loo: { k: number; accuracy: number; correct: number; total: number }[];
  /** The k k-NN chooses on all the examples, and the honest (nested) estimate of choosing k, then classifying. */
  chosenK: number;
  nested: { accuracy: number; correct: number; total: number };
  head: { folds: number; accuracy: number };
  embedMs: number;
}

const mean = (xs: readonly number[]): number => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const percent = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

async function detect(session: ImageSession, folder: string): Promise<DetectionRow[]> {
  const rows: DetectionRow[] = [];
  for (const c of detectionCases) {
    const image = readImageFile(join(folder, c.file));
    const started = performance.now();
    const r = await session.sessions.request(session.handle, 'tag', { image, name: c.file, minScore: 0.05, thumbnailSize: 256, embedding: true });
    const ms = round(performance.now() - started);
    const score = scoreLabels(r.tags, c.expected, c.alsoPresent, defaultThreshold);
    rows.push({
      file: c.file,
      width: r.width,
      height: r.height,
      ms,
      stages: r.timings,
      expected: c.expected,
      found: r.tags.map((t) => ({ label: t.label, score: t.score })),
      matched: score.matched,
      falsePositives: score.falsePositives,
    });
  }
  return rows;
}

async function embedAll(session: ImageSession, items: { label: string; name: string; bytes: Uint8Array }[]): Promise<{ examples: LabelledEmbedding[]; ms: number }> {
  const examples: LabelledEmbedding[] = [];
  const times: number[] = [];
  for (const item of items) {
    const r = await session.sessions.request(session.handle, 'embed', { image: item.bytes, name: item.name });
    times.push(r.ms);
    examples.push({ label: item.label, vector: r.embedding });
  }
  return { examples, ms: round(mean(times)) };
}

/** Accuracy of the dense head over stratified folds, each trained in the session. */
async function headAccuracy(session: ImageSession, examples: LabelledEmbedding[]): Promise<number> {
  const fold = stratifiedFolds(examples.map((e) => e.label), headFolds, 7);
  const dims = examples[0]!.vector.length;
  let correct = 0;
  for (let f = 0; f < headFolds; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const embeddings = new Float32Array(train.length * dims);
    train.forEach((e, i) => embeddings.set(e.vector, i * dims));
    const head = await session.sessions.request(session.handle, 'trainHead', { embeddings, dims, labels: train.map((e) => e.label) });
    examples.forEach((e, i) => {
      if (fold[i] === f && labelKey(predictDenseHead(head, e.vector)[0]?.label ?? '') === labelKey(e.label)) correct++;
    });
  }
  return correct / examples.length;
}

async function categorySet(session: ImageSession, set: string, description: string, items: { label: string; name: string; bytes: Uint8Array }[]): Promise<CategorySet> {
  const { examples, ms } = await embedAll(session, items);
  const loo = leaveOneOut(examples, kCandidates).map(({ k, accuracy, correct, total }) => ({ k, accuracy, correct, total }));
  const { accuracy, correct, total } = nestedLeaveOneOut(examples);
  return {
    set,
    description,
    examples: examples.length,
    categories: new Set(examples.map((e) => e.label)).size,
    loo,
    chosenK: chooseK(examples),
    nested: { accuracy, correct, total },
    head: { folds: headFolds, accuracy: await headAccuracy(session, examples) },
    embedMs: ms,
  };
}

function iconItems(): { label: string; name: string; bytes: Uint8Array }[] {
  return iconCategories.flatMap((label) =>
    readdirSync(join(adwaitaFolder, label))
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => ({ label, name: f, bytes: readImageFile(join(adwaitaFolder, label, f)) })),
  );
}

function photoVariantItems(folder: string): { label: string; name: string; bytes: Uint8Array }[] {
  return photoCategoryFiles.flatMap((file) => photoVariants(readImageFile(join(folder, file)), file).map((v) => ({ label: file.replace(/\.jpg$/, ''), name: v.name, bytes: v.bytes })));
}

/** Milliseconds per top-10 query over 1,000 random 1,280-d embeddings (mean of 200 queries). */
function findSimilarTiming(): { vectors: number; dims: number; queries: number; k: number; msPerQuery: number } {
  const rng = createRng(11);
  const dims = 1280;
  const random = (): Float32Array => Float32Array.from({ length: dims }, () => rng.next() * 2 - 1);
  const index = buildEmbeddingIndex(Array.from({ length: 1000 }, (_, i) => ({ id: `image-${i}`, vector: random() })));
  const queries = Array.from({ length: 200 }, random);
  for (const q of queries.slice(0, 20)) findSimilar(index, q, { k: 10 });
  const started = performance.now();
  for (const q of queries) findSimilar(index, q, { k: 10 });
  return { vectors: 1000, dims, queries: queries.length, k: 10, msPerQuery: round((performance.now() - started) / queries.length, 3) };
}

function report(backend: BackendReport | null, rows: DetectionRow[], sets: CategorySet[], similar: ReturnType<typeof findSimilarTiming>): string {
  const scores = rows.map((r) => scoreLabels(r.found, r.expected, detectionCases.find((c) => c.file === r.file)!.alsoPresent, defaultThreshold));
  const total = recallPrecision(scores);
  const table = alignedTable([
    ['PHOTO', 'SIZE', 'EXPECTED', 'FOUND', 'RECALL', 'NOT IN THE PHOTO'],
    ...rows.map((r, i) => [r.file, `${r.width} × ${r.height}`, r.expected.map((g) => g.join('|')).join(', '), scores[i]!.found.join(', ') || '—', `${r.matched}/${r.expected.length}`, r.falsePositives.join(', ') || '—']),
  ]);
  const sweep = alignedTable([
    ['SCORE ≥', 'RECALL', 'PRECISION'],
    ...thresholds.map((t) => {
      const s = recallPrecision(rows.map((r) => scoreLabels(r.found, r.expected, detectionCases.find((c) => c.file === r.file)!.alsoPresent, t)));
      return [t.toFixed(2), percent(s.recall), percent(s.precision)];
    }),
  ]);
  const stage = (f: (r: DetectionRow) => number): string => mean(rows.map(f)).toFixed(0);
  const categories = alignedTable([
    ['SET', 'EXAMPLES', 'CATEGORIES', ...kCandidates.map((k) => `k=${k}`), 'k-NN, k CHOSEN (NESTED)', `DENSE HEAD (${headFolds}-FOLD)`],
    ...sets.map((s) => {
      const at = (k: number): string => percent(s.loo.find((l) => l.k === k)?.accuracy ?? null);
      return [s.set, String(s.examples), String(s.categories), ...kCandidates.map(at), `${percent(s.nested.accuracy)} (k=${s.chosenK} on all)`, percent(s.head.accuracy)];
    }),
  ]);
  return [
    `Image recognition on ${backend ? `${backend.name} (${backend.detail})` : 'an unknown backend'}`,
    '',
    `Objects in the darknet sample photos, score ≥ ${defaultThreshold}:`,
    table,
    `Recall ${percent(total.recall)}, precision ${percent(total.precision)} (distinct labels per photo).`,
    '',
    sweep,
    '',
    `Time per image, a full tag request (decode, detect, embed, 256 px thumbnail), mean of ${rows.length}: ${stage((r) => r.stages.totalMs)} ms in the session ` +
      `(decode ${stage((r) => r.stages.decodeMs)}, detect ${stage((r) => r.stages.detectMs)}, embed ${stage((r) => r.stages.embedMs)}, thumbnail ${stage((r) => r.stages.thumbnailMs)}); ${stage((r) => r.ms)} ms as requested from here.`,
    '',
    'Custom categories on MobileNetV2 embeddings (1,280-d), leave-one-out accuracy:',
    categories,
    ...sets.map((s) => `  ${s.set}: ${s.description}; embedding ${s.embedMs.toFixed(0)} ms per image.`),
    '',
    `Find similar: ${similar.msPerQuery.toFixed(2)} ms per top-${similar.k} query over ${similar.vectors.toLocaleString('en')} random ${similar.dims}-d embeddings.`,
  ].join('\n');
}

export async function evalImagesCommand(extra: readonly string[], flags: EvalImagesFlags): Promise<number> {
  const data = flags.data ?? [];
  try {
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; ${evalImagesUsage}`);
    if (data.length > 1) throw new UsageError(`--data names one folder of darknet sample photos; ${evalImagesUsage}`);
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  const folder = data[0] ?? darknetFolder;
  const missing = [...detectionCases.map((c) => c.file), ...photoCategoryFiles].find((f) => !existsSync(join(folder, f)));
  if (missing) return fail(1, `${join(folder, missing)} is missing: the darknet sample photos come with the Debian package darknet (apt-get install darknet), or name their folder with --data.`);
  let session: ImageSession | undefined;
  try {
    session = await openImageSession();
    const backend = session.sessions.info(session.handle).backend;
    const rows = await detect(session, folder);
    const sets: CategorySet[] = [];
    if (iconCategories.every((c) => existsSync(join(adwaitaFolder, c)))) {
      sets.push(await categorySet(session, 'icons', `Adwaita 512 px icons in ${iconCategories.join(', ')} (${adwaitaFolder})`, iconItems()));
    }
    sets.push(await categorySet(session, 'photo variants', `${photoCategoryFiles.length} darknet photos × 8 (original, mirrored, 4 corner crops, centre crop, darker), a category per photo`, photoVariantItems(folder)));
    const similar = findSimilarTiming();
    if (flags.json) {
      const scores = (t: number) => recallPrecision(rows.map((r) => scoreLabels(r.found, r.expected, detectionCases.find((c) => c.file === r.file)!.alsoPresent, t)));
      const found = (r: DetectionRow) => r.found.filter((f) => f.score >= defaultThreshold);
      console.log(
        JSON.stringify({
          backend,
          detection: {
            threshold: defaultThreshold,
            images: rows.map((r) => ({ ...r, found: found(r) })),
            ...scores(defaultThreshold),
            sweep: thresholds.map((t) => ({ threshold: t, ...scores(t) })),
            meanMs: round(mean(rows.map((r) => r.ms))),
            meanStagesMs: Object.fromEntries((['decodeMs', 'detectMs', 'embedMs', 'thumbnailMs', 'totalMs'] as const).map((k) => [k, round(mean(rows.map((r) => r.stages[k])))])),
          },
          categories: sets,
          findSimilar: similar,
        }),
      );
    } else {
      console.log(report(backend, rows, sets, similar));
    }
    return 0;
  } catch (err) {
    return fail(1, StudioError.from(err).message);
  } finally {
    session?.close();
  }
}
