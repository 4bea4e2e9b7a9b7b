// The leave-one-out evaluation harness behind `montage eval recommend` and the recommender
// benchmarks: holds out each user's latest item, samples the same negatives for every model,
// fits each model on the rest and reports HR@10 and NDCG@10.
import { createRng } from '../random';
import { toCsr } from './interactions';
import type { CsrMatrix, FitOptions, Interactions, Recommender } from './types';
import { throwIfAborted } from './fit-control';

/** The cut-off of the reported metrics. */
export const K = 10;

export interface LeaveOneOutSplit {
  /** users × items; each evaluated user's held-out item is gone from their row (every repeat of it). */
  train: CsrMatrix;
  /** The evaluated users, ascending. */
  users: Int32Array;
  /** heldOut[j]: the item held out for users[j]. */
  heldOut: Int32Array;
  /** negatives[negativeStart[j] … negativeStart[j+1]): items users[j] never interacted with. */
  negativeStart: Int32Array;
  negatives: Int32Array;
  /** Negatives asked for per user, and how many users got fewer (their unseen items ran out). */
  negativesPerUser: number;
  usersWithFewerNegatives: number;
}

export interface EvaluationRow {
  name: string;
  /** Share of evaluated users whose held-out item ranks in the top 10 of itself + its negatives. */
  hr10: number;
  /** Mean of 1 / log2(rank + 2) over those users (0-based rank), 0 outside the top 10. */
  ndcg10: number;
  fitSeconds: number;
}

export interface EvaluationResult {
  protocol: {
    users: number;
    items: number;
    interactions: number;
    evaluatedUsers: number;
    /** The fewest negatives any evaluated user was ranked against: negativesRequested unless the catalogue is too small. */
    negatives: number;
    negativesRequested: number;
    /** Users whose unseen items ran out before negativesRequested. */
    usersWithFewerNegatives: number;
    seed: number;
    k: number;
  };
  rows: EvaluationRow[];
}

export interface EvaluateOptions {
  /** Seeds the negative sampling and every model's fit; 1 by default. */
  seed?: number;
  /** 99 by default. */
  negatives?: number;
  signal?: FitOptions['signal'];
  /** 0…1 over the whole run, with what is happening ("fit als", "score als"). */
  onProgress?: (fraction: number, stage: string) => void;
}

/**
 * Splits for leave-one-out. A user is evaluated when they have at least 2 distinct items and at
 * least one item they never touched. Their held-out item is the latest by time (equal times: the
 * later entry); every interaction of theirs with that item leaves train. Negatives are sampled
 * without repeats from the items the user never interacted with, by a generator seeded from
 * (seed, user), so a user's negatives do not depend on anyone else's data.
 */
export function leaveOneOut(interactions: Interactions, options: { seed?: number; negatives?: number } = {}): LeaveOneOutSplit {
  const seed = options.seed ?? 1;
  const wanted = options.negatives ?? 99;
  const { users, items } = interactions;
  const n = interactions.user.length;
  const latest = new Int32Array(users).fill(-1);
  for (let e = 0; e < n; e++) {
    const u = interactions.user[e] as number;
    const best = latest[u] as number;
    if (best === -1 || (interactions.time[e] as number) >= (interactions.time[best] as number)) latest[u] = e;
  }
  const all = toCsr(interactions);
  const held = new Int32Array(users).fill(-1);
  const evaluated: number[] = [];
  for (let u = 0; u < users; u++) {
    const distinct = (all.indptr[u + 1] as number) - (all.indptr[u] as number);
    if (distinct < 2 || distinct >= items) continue;
    held[u] = interactions.item[latest[u] as number] as number;
    evaluated.push(u);
  }
  const train = toCsr(interactions, (e) => held[interactions.user[e] as number] === interactions.item[e]);
  const negativeStart = new Int32Array(evaluated.length + 1);
  const negatives: number[] = [];
  let fewer = 0;
  evaluated.forEach((u, j) => {
    const seen = all.indices.subarray(all.indptr[u] as number, all.indptr[u + 1] as number);
    const sample = sampleUnseen(items, seen, wanted, userSeed(seed, u));
    if (sample.length < wanted) fewer++;
    for (const i of sample) negatives.push(i);
    negativeStart[j + 1] = negatives.length;
  });
  return {
    train,
    users: Int32Array.from(evaluated),
    heldOut: Int32Array.from(evaluated, (u) => held[u] as number),
    negativeStart,
    negatives: Int32Array.from(negatives),
    negativesPerUser: wanted,
    usersWithFewerNegatives: fewer,
  };
}

/**
 * 0-based rank of the positive among its negatives, pessimistic about ties: every negative that
 * scores at least as high (or a NaN on either side) ranks above it.
 */
export function rankOfPositive(scores: ArrayLike<number>): number {
  const positive = scores[0] as number;
  let rank = 0;
  for (let c = 1; c < scores.length; c++) if (!((scores[c] as number) < positive)) rank++;
  return rank;
}

/** Fits and scores every model on the same split; models run one after another. */
export async function evaluate(interactions: Interactions, models: readonly Recommender[], options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const seed = options.seed ?? 1;
  const { signal, onProgress } = options;
  throwIfAborted(signal, 'The evaluation');
  onProgress?.(0, 'split');
  const split = leaveOneOut(interactions, { seed, negatives: options.negatives ?? 99 });
  const rows: EvaluationRow[] = [];
  const share = 1 / Math.max(1, models.length);
  for (const [m, model] of models.entries()) {
    throwIfAborted(signal, 'The evaluation');
    const base = m * share;
    onProgress?.(base, `fit ${model.name}`);
    const started = now();
    const fitted = await model.fit(split.train, {
      seed,
      signal,
      onProgress: (f) => onProgress?.(base + share * 0.8 * Math.min(1, Math.max(0, f)), `fit ${model.name}`),
    });
    const fitSeconds = (now() - started) / 1000;
    throwIfAborted(signal, 'The evaluation');
    onProgress?.(base + share * 0.8, `score ${model.name}`);
    let hits = 0;
    let gain = 0;
    let lastYield = now();
    try {
      for (let j = 0; j < split.users.length; j++) {
        const from = split.negativeStart[j] as number;
        const to = split.negativeStart[j + 1] as number;
        const candidates = new Int32Array(1 + to - from);
        candidates[0] = split.heldOut[j] as number;
        candidates.set(split.negatives.subarray(from, to), 1);
        const scores = fitted.score(split.users[j] as number, candidates);
        if (scores.length !== candidates.length) throw new Error(`${model.name}: score() returned ${scores.length} scores for ${candidates.length} candidates`);
        const rank = rankOfPositive(scores);
        if (rank < K) {
          hits++;
          gain += 1 / Math.log2(rank + 2);
        }
        if (now() - lastYield > 100) {
          await yieldToEventLoop();
          throwIfAborted(signal, 'The evaluation');
          onProgress?.(base + share * (0.8 + (0.2 * j) / split.users.length), `score ${model.name}`);
          lastYield = now();
        }
      }
    } finally {
      // A model holding memory outside the JS heap (NeuMF's tensors) lets it go once scored.
      (fitted as { dispose?: () => void }).dispose?.();
    }
    const evaluatedUsers = Math.max(1, split.users.length);
    rows.push({ name: model.name, hr10: hits / evaluatedUsers, ndcg10: gain / evaluatedUsers, fitSeconds });
    await yieldToEventLoop();
  }
  onProgress?.(1, 'done');
  let fewest = split.users.length === 0 ? 0 : split.negativesPerUser;
  for (let j = 0; j < split.users.length; j++) fewest = Math.min(fewest, (split.negativeStart[j + 1] as number) - (split.negativeStart[j] as number));
  return {
    protocol: {
      users: interactions.users,
      items: interactions.items,
      interactions: interactions.user.length,
      evaluatedUsers: split.users.length,
      negatives: fewest,
      negativesRequested: split.negativesPerUser,
      usersWithFewerNegatives: split.usersWithFewerNegatives,
      seed,
      k: K,
    },
    rows,
  };
}

/** The result as a plain-text table, for the CLI. */
export function formatEvaluation(result: EvaluationResult): string {
  const p = result.protocol;
  const among = p.usersWithFewerNegatives > 0 ? `${p.negatives}–${p.negativesRequested} sampled negatives (${p.usersWithFewerNegatives} users had fewer than ${p.negativesRequested} unseen items)` : `${p.negatives} sampled negatives`;
  const lines = [
    `Leave-one-out on ${p.users} users × ${p.items} items, ${p.interactions} interactions, seed ${p.seed}`,
    `${p.evaluatedUsers} users evaluated: each one's latest item ranked among ${among}; ties rank against the model`,
    '',
  ];
  const header = ['model', `HR@${p.k}`, `NDCG@${p.k}`, 'fit (s)'];
  const body = result.rows.map((r) => [r.name, r.hr10.toFixed(4), r.ndcg10.toFixed(4), r.fitSeconds.toFixed(2)]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => (row[c] as string).length)));
  const format = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ');
  lines.push(format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format));
  return lines.join('\n');
}

/** Up to `wanted` distinct items in [0, items) outside `seen` (ascending), in sampled order. */
function sampleUnseen(items: number, seen: Int32Array, wanted: number, seed: number): number[] {
  const rng = createRng(seed);
  const unseen = items - seen.length;
  const isSeen = (i: number): boolean => binarySearch(seen, i);
  if (unseen <= 2 * wanted) {
    // Small pool: list it and take a partial Fisher–Yates shuffle.
    const pool: number[] = [];
    for (let i = 0; i < items; i++) if (!isSeen(i)) pool.push(i);
    const take = Math.min(wanted, pool.length);
    for (let k = 0; k < take; k++) {
      const j = k + rng.int(pool.length - k);
      [pool[k], pool[j]] = [pool[j] as number, pool[k] as number];
    }
    return pool.slice(0, take);
  }
  const chosen = new Set<number>();
  const out: number[] = [];
  while (out.length < wanted) {
    const i = rng.int(items);
    if (isSeen(i) || chosen.has(i)) continue;
    chosen.add(i);
    out.push(i);
  }
  return out;
}

function binarySearch(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** A per-user seed, mixed so that nearby users get unrelated streams. */
function userSeed(seed: number, user: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(user + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}


// src/shared is compiled without DOM or Node types; the timer and clock exist in both runtimes.
const host = globalThis as unknown as { performance?: { now(): number }; setTimeout?: (run: () => void, ms: number) => unknown };

function now(): number {
  return host.performance ? host.performance.now() : Date.now();
}

/** Lets a worker's message loop run (a cancel arrives that way) during a long evaluation. */
function yieldToEventLoop(): Promise<void> {
  const timer = host.setTimeout;
  return new Promise((resolve) => (timer ? timer(resolve, 0) : resolve()));
}
