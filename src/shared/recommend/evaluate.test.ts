import { describe, expect, it } from 'vitest';
import { rowIndices } from './csr';
import { evaluate, formatEvaluation, leaveOneOut, rankOfPositive } from './evaluate';
import { syntheticInteractions } from './synthetic';
import type { CsrMatrix, FittedRecommender, Interactions, Recommender } from './types';

/** Interactions from [user, item, time] triples (already in user, time order), over `items` items. */
function data(users: number, items: number, triples: [number, number, number][]): Interactions {
  return {
    users,
    items,
    user: Int32Array.from(triples, (t) => t[0]),
    item: Int32Array.from(triples, (t) => t[1]),
    time: Float64Array.from(triples, (t) => t[2]),
    weight: new Float32Array(triples.length).fill(1),
  };
}

/** Test-only model: scores each candidate by a fixed function of the item. */
function byItem(name: string, scoreOf: (item: number) => number, seen?: Int32Array[][]): Recommender {
  return {
    name,
    fit(train: CsrMatrix): FittedRecommender {
      const calls: Int32Array[] = [];
      seen?.push(calls);
      return {
        score: (_user, candidates) => {
          calls.push(candidates.slice());
          return Float32Array.from(candidates, scoreOf);
        },
        scoreAll: () => Float32Array.from({ length: train.cols }, (_, i) => scoreOf(i)),
      };
    },
  };
}

// 30 items; 99 negatives asked for, so each user is ranked against every item they never touched.
const HAND = data(5, 30, [
  [0, 0, 1],
  [0, 27, 2], // user 0: 27 held out; 28 and 29 score higher → rank 2
  [1, 1, 1],
  [1, 2, 3],
  [1, 29, 3], // user 1: tie at time 3, the later entry (29) is held out → rank 0
  [2, 0, 1], // user 2: one interaction, not evaluated
  [3, 28, 0],
  [3, 0, 1],
  [3, 28, 2], // user 3: 28 held out (both of its entries leave train) → rank 1 (29)
  [4, 5, 1],
  [4, 3, 2], // user 4: 3 held out; 4 and 6…29 score higher → rank 25, a miss
]);

describe('leaveOneOut', () => {
  it('holds out the latest item and removes every interaction with it from train', () => {
    const split = leaveOneOut(HAND);
    expect(Array.from(split.users)).toEqual([0, 1, 3, 4]);
    expect(Array.from(split.heldOut)).toEqual([27, 29, 28, 3]);
    expect(Array.from(rowIndices(split.train, 0))).toEqual([0]);
    expect(Array.from(rowIndices(split.train, 1))).toEqual([1, 2]);
    expect(Array.from(rowIndices(split.train, 2))).toEqual([0]);
    expect(Array.from(rowIndices(split.train, 3))).toEqual([0]);
    expect(Array.from(rowIndices(split.train, 4))).toEqual([5]);
  });

  it('samples negatives only among items the user never touched, the same for a seed', () => {
    const interactions = syntheticInteractions({ users: 200, items: 300, factors: 4, interactionsPerUser: 20, popularitySkew: 1, seed: 3 });
    const a = leaveOneOut(interactions, { seed: 11 });
    expect(leaveOneOut(interactions, { seed: 11 })).toEqual(a);
    expect(leaveOneOut(interactions, { seed: 12 }).negatives).not.toEqual(a.negatives);
    expect(a.usersWithFewerNegatives).toBe(0);
    const touched = new Map<number, Set<number>>();
    interactions.user.forEach((u, e) => touched.set(u, (touched.get(u) ?? new Set()).add(interactions.item[e]!)));
    a.users.forEach((u, j) => {
      const negatives = Array.from(a.negatives.subarray(a.negativeStart[j], a.negativeStart[j + 1]));
      expect(negatives).toHaveLength(99);
      expect(new Set(negatives).size).toBe(99);
      for (const i of negatives) expect(touched.get(u)!.has(i)).toBe(false);
    });
  });

  it('gives a user the same negatives whatever happens to other users', () => {
    const interactions = syntheticInteractions({ users: 50, items: 400, factors: 4, interactionsPerUser: 10, popularitySkew: 1, seed: 5 });
    const full = leaveOneOut(interactions, { seed: 7 });
    const keep = Array.from(interactions.user, (u) => u !== 0);
    const withoutUser0 = data(
      interactions.users,
      interactions.items,
      Array.from(interactions.user, (u, e): [number, number, number] => [u, interactions.item[e]!, interactions.time[e]!]).filter((_, e) => keep[e]),
    );
    const partial = leaveOneOut(withoutUser0, { seed: 7 });
    const last = (s: typeof full): number[] => Array.from(s.negatives.subarray(s.negativeStart[s.users.length - 1]));
    expect(last(partial)).toEqual(last(full));
  });
});

describe('rankOfPositive', () => {
  it('counts ties and NaNs against the model', () => {
    expect(rankOfPositive([0.5, 0.1, 0.9, 0.5])).toBe(2);
    expect(rankOfPositive([1, 1, 1])).toBe(2);
    expect(rankOfPositive([NaN, 0, 0])).toBe(2);
    expect(rankOfPositive([1, NaN, 0])).toBe(1);
    expect(rankOfPositive([1])).toBe(0);
  });
});

describe('evaluate', () => {
  it('computes HR@10 and NDCG@10 by hand for a model that scores by item index', async () => {
    const result = await evaluate(HAND, [byItem('index', (i) => i), byItem('constant', () => 0)]);
    expect(result.protocol).toEqual({
      users: 5,
      items: 30,
      interactions: 11,
      evaluatedUsers: 4,
      negatives: 27,
      negativesRequested: 99,
      usersWithFewerNegatives: 4,
      seed: 1,
      k: 10,
    });
    const [index, constant] = result.rows;
    expect(index?.name).toBe('index');
    expect(index?.hr10).toBe(3 / 4);
    expect(index?.ndcg10).toBeCloseTo((1 / Math.log2(4) + 1 + 1 / Math.log2(3) + 0) / 4, 12);
    // Every candidate ties with the positive, so every positive ranks last: no hits.
    expect(constant?.hr10).toBe(0);
    expect(constant?.ndcg10).toBe(0);
    expect(index?.fitSeconds).toBeGreaterThanOrEqual(0);
  });

  it('gives every model the same candidates, the held-out item first', async () => {
    const interactions = syntheticInteractions({ users: 60, items: 500, factors: 4, interactionsPerUser: 8, popularitySkew: 1, seed: 9 });
    const seen: Int32Array[][] = [];
    const asyncModel: Recommender = { name: 'async', fit: (train, o) => Promise.resolve(byItem('x', (i) => -i, seen).fit(train, o)) };
    const result = await evaluate(interactions, [byItem('a', (i) => i, seen), asyncModel], { seed: 4 });
    expect(result.rows.map((r) => r.name)).toEqual(['a', 'async']);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
    const split = leaveOneOut(interactions, { seed: 4 });
    expect(seen[0]?.map((c) => c[0])).toEqual(Array.from(split.heldOut));
    expect(seen[0]?.every((c) => c.length === 100)).toBe(true);
    expect(result.protocol.negatives).toBe(99);
  });

  it('reports progress from 0 to 1 and passes the seed to every fit', async () => {
    const fractions: number[] = [];
    const seeds: number[] = [];
    const model: Recommender = {
      name: 'progress',
      fit(train, options) {
        seeds.push(options.seed);
        options.onProgress?.(0.5);
        return byItem('p', (i) => i).fit(train, options);
      },
    };
    await evaluate(HAND, [model, model], { seed: 21, onProgress: (f) => fractions.push(f) });
    expect(seeds).toEqual([21, 21]);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThanOrEqual(fractions[k - 1]!);
  });

  it('stops with an AbortError when cancelled, fitting nothing further', async () => {
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(evaluate(HAND, [byItem('a', (i) => i)], { signal: cancelled.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const fitted: string[] = [];
    const abortingModel: Recommender = {
      name: 'first',
      fit(train, options) {
        fitted.push('first');
        during.abort();
        return byItem('first', (i) => i).fit(train, options);
      },
    };
    const second: Recommender = { name: 'second', fit: (train, o) => (fitted.push('second'), byItem('second', (i) => i).fit(train, o)) };
    await expect(evaluate(HAND, [abortingModel, second], { signal: during.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fitted).toEqual(['first']);
  });

  it('refuses a model whose score() returns the wrong number of scores', async () => {
    const broken: Recommender = { name: 'broken', fit: () => ({ score: () => new Float32Array(1), scoreAll: () => new Float32Array(0) }) };
    await expect(evaluate(HAND, [broken])).rejects.toThrow('broken: score() returned 1 scores for 29 candidates');
  });

  it('formats the result as a plain-text table', async () => {
    const text = formatEvaluation(await evaluate(HAND, [byItem('index', (i) => i)]));
    expect(text).toContain('Leave-one-out on 5 users × 30 items, 11 interactions, seed 1');
    expect(text).toContain('4 users evaluated');
    expect(text).toContain('27–99 sampled negatives (4 users had fewer than 99 unseen items)');
    expect(text).toMatch(/model\s+HR@10\s+NDCG@10\s+fit \(s\)/);
    expect(text).toMatch(/index\s+0\.7500\s+0\.5327\s+\d+\.\d\d/);
  });
});
