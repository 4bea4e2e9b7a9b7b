// `npm run bench:recommend`: the recommender and event-log figures. Printed, never asserted.
//   1. event-log inserts through the batching writer (events/s)
//   2. the History queries at 1,000,000 events (newest page, by type, by item, by project, count)
//   3. ItemKNN fit on 100k interactions (943 users × 1,682 items, MovieLens-100k shaped, seeded)
//   4. a top-10 query over 10,000 items (score every item for a user, take the best 10), p50/p95
//   5. For you at 10,000 and 200,000 events: the first answer, the next after a new event, and the
//      longest the host's event loop was held meanwhile (for-you-figures.ts)
//   6. the leave-one-out table (HR@10, NDCG@10, fit s) on a generated 100k dataset
//   7. the same table on MovieLens latest-small from Debian's r-cran-dslabs, when installed
// Run it on a quiet machine; it says how many cores it saw.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/db/database';
import { createEventsRepo, type NewEvent } from '../../src/main/db/events-repo';
import { EventLog } from '../../src/main/services/event-log';
import { dslabsData, dslabsMovielensCsv } from '../../src/main/test/r-lazyload';
import { classicalRecommenders, recommenderNames, type RecommenderName } from '../../src/shared/recommend/catalogue';
import { evaluate, formatEvaluation } from '../../src/shared/recommend/evaluate';
import { buildInteractions, toCsr } from '../../src/shared/recommend/interactions';
import { createItemKnn } from '../../src/shared/recommend/item-knn';
import { importRatings } from '../../src/shared/recommend/ratings-import';
import { syntheticInteractions } from '../../src/shared/recommend/synthetic';
import { topN } from '../../src/shared/recommend/top-n';
import type { Recommender } from '../../src/shared/recommend/types';
import { forYouFigures } from './for-you-figures';

const line = (name: string, value: string): void => console.log(`${name.padEnd(52)} ${value}`);
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
};
const only = process.argv.slice(2).find((a) => a.startsWith('--models='))?.slice('--models='.length).split(',') as RecommenderName[] | undefined;

/** NeuMF joins the tables when its model file is present (it trains on the engine, in tfjs). */
async function models(names: readonly RecommenderName[]): Promise<Recommender[]> {
  const classical = classicalRecommenders(names);
  if (!names.includes('neumf')) return classical;
  const { NeuMfRecommender } = await import('../../src/workers/models/neumf');
  const { selectBackend } = await import('../../src/workers/backend/select-backend');
  await selectBackend({ force: 'wasm' });
  return [...classical, new NeuMfRecommender()];
}

function eventLogFigures(): void {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  try {
    const db = openDatabase(join(dir, 'montage.db'));
    const log = new EventLog(createEventsRepo(db), { flushMs: 50, repeatMs: 0, log: () => undefined });
    const n = 100_000;
    const [, ms] = timed(() => {
      for (let i = 0; i < n; i++) log.record({ type: 'document.opened', item: `song:${i % 5000}`, projectId: `p${i % 50}`, data: { i } });
      log.flush();
    });
    line('Event log: record + batched write (500 per transaction)', `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s (${n.toLocaleString('en')} events)`);
    // Fill to a million with a realistic mix of types, items and projects, then time the reads.
    const repo = createEventsRepo(db);
    const types = ['document.opened', 'song.played', 'document.edited', 'generation.kept', 'generation.discarded', 'recommendation.shown'] as const;
    const batch: NewEvent[] = [];
    for (let i = n; i < 1_000_000; i++) {
      batch.push({ at: 1_700_000_000_000 + i * 1000, type: types[i % types.length] as NewEvent['type'], item: `${i % 3 ? 'song' : 'model'}:${i % 7919}`, projectId: `p${i % 211}`, sessionId: `s${Math.floor(i / 2000)}`, weight: 1, data: { i } });
      if (batch.length === 10_000) repo.insertMany(batch.splice(0));
    }
    repo.insertMany(batch);
    const time = (name: string, fn: () => unknown): void => {
      const ms: number[] = [];
      for (let k = 0; k < 30; k++) ms.push(timed(fn)[1]);
      line(`  ${name}`, `p50 ${quantile(ms, 0.5).toFixed(2)} ms · p95 ${quantile(ms, 0.95).toFixed(2)} ms`);
    };
    console.log('History queries at 1,000,000 events:');
    time('newest 100', () => log.list({ limit: 100 }));
    time('100 of one type', () => log.list({ types: ['generation.kept'], limit: 100 }));
    time('100 of one item', () => log.list({ item: 'model:42', limit: 100 }));
    time('100 of one project', () => log.list({ projectId: 'p7', limit: 100 }));
    time('page 50 (before an id)', () => log.list({ before: 500_000, limit: 100 }));
    time('count and time span', () => log.summary());
    const [rows, readMs] = timed(() => log.interactions());
    line('  every weighted event with an item (fit input)', `${readMs.toFixed(0)} ms (${rows.length.toLocaleString('en')} rows)`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function itemKnnFigures(): void {
  const data = syntheticInteractions({ users: 943, items: 1682, factors: 16, interactionsPerUser: 106, popularitySkew: 0.9, seed: 1 });
  const train = toCsr(data);
  const fits: number[] = [];
  for (let k = 0; k < 3; k++) fits.push(timed(() => createItemKnn({ neighbours: 100, shrink: 10 }).fit(train, { seed: 1 }))[1]);
  line('ItemKNN fit, 100k interactions (943 × 1,682)', `median ${quantile(fits, 0.5).toFixed(0)} ms (${data.user.length.toLocaleString('en')} interactions, K=100)`);
  const big = syntheticInteractions({ users: 3000, items: 10_000, factors: 16, interactionsPerUser: 60, popularitySkew: 0.9, seed: 2 });
  const bigTrain = toCsr(big);
  const fitted = createItemKnn({ neighbours: 100, shrink: 10 }).fit(bigTrain, { seed: 1 });
  const query: number[] = [];
  for (let u = 0; u < 1000; u++) query.push(timed(() => topN(fitted.scoreAll(u % 3000), 10))[1]);
  line('Top-10 query over 10,000 items (ItemKNN)', `p50 ${quantile(query, 0.5).toFixed(3)} ms · p95 ${quantile(query, 0.95).toFixed(3)} ms (1,000 queries)`);
}

async function harnessTable(title: string, interactions: ReturnType<typeof syntheticInteractions>, names: readonly RecommenderName[]): Promise<void> {
  console.log(`\n${title}`);
  const result = await evaluate(interactions, await models(names), { seed: 1 });
  console.log(formatEvaluation(result));
}

console.log(`Montage recommender benchmark · ${cpus().length} cores · Node ${process.version}\n`);
eventLogFigures();
itemKnnFigures();
await forYouFigures();
const names = only ?? recommenderNames;
await harnessTable('Generated 100k interactions (943 × 1,682, 16 latent factors, seed 1):', syntheticInteractions({ users: 943, items: 1682, factors: 16, interactionsPerUser: 106, popularitySkew: 0.9, seed: 1 }), names);
if (existsSync(`${dslabsData}.rdb`)) {
  const { rows } = importRatings(dslabsMovielensCsv(), { format: 'movielens-csv' });
  await harnessTable('MovieLens latest-small (2016) from r-cran-dslabs:', buildInteractions(rows).interactions, names);
} else console.log('\nMovieLens latest-small: not measured (sudo apt-get install r-cran-dslabs)');
