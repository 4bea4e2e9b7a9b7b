import { describe, expect, it } from 'vitest';
import { transpose } from './csr';
import { evaluate } from './evaluate';
import { syntheticInteractions, syntheticLatents, type SyntheticOptions } from './synthetic';
import type { Interactions, Recommender } from './types';

const SMALL: SyntheticOptions = { users: 300, items: 200, factors: 8, interactionsPerUser: 15, popularitySkew: 1, seed: 42 };

function checkShape(data: Interactions, options: SyntheticOptions): void {
  expect(data.users).toBe(options.users);
  expect(data.items).toBe(options.items);
  const perUser = new Map<number, Set<number>>();
  for (let e = 0; e < data.user.length; e++) {
    const u = data.user[e]!;
    const i = data.item[e]!;
    expect(i >= 0 && i < options.items).toBe(true);
    if (e > 0 && data.user[e - 1] === u) expect(data.time[e]!).toBeGreaterThan(data.time[e - 1]!);
    else if (e > 0) expect(u).toBeGreaterThan(data.user[e - 1]!);
    const items = perUser.get(u) ?? new Set<number>();
    expect(items.has(i)).toBe(false);
    perUser.set(u, items.add(i));
  }
  expect(perUser.size).toBe(options.users);
  for (const items of perUser.values()) expect(items.size).toBeGreaterThanOrEqual(2);
  expect(Array.from(data.weight).every((w) => w === 1)).toBe(true);
}

/** Share of interactions that go to the most popular tenth of the items. */
function headShare(data: Interactions): number {
  const counts = new Array<number>(data.items).fill(0);
  for (const i of data.item) counts[i]!++;
  counts.sort((a, b) => b - a);
  const head = counts.slice(0, Math.ceil(data.items / 10)).reduce((a, b) => a + b, 0);
  return head / data.user.length;
}

describe('syntheticInteractions', () => {
  it('is the same for a seed and different for another', () => {
    const a = syntheticInteractions(SMALL);
    expect(syntheticInteractions(SMALL)).toEqual(a);
    expect(syntheticInteractions({ ...SMALL, seed: 43 }).item).not.toEqual(a.item);
  });

  it('gives each user distinct items in increasing time, about the mean count each', () => {
    const data = syntheticInteractions(SMALL);
    checkShape(data, SMALL);
    expect(data.user.length / SMALL.users).toBeGreaterThan(13);
    expect(data.user.length / SMALL.users).toBeLessThan(17);
  });

  it('samples large catalogues by resampling, still deterministic and without repeats', () => {
    const large: SyntheticOptions = { users: 100, items: 5000, factors: 8, interactionsPerUser: 20, popularitySkew: 0.8, seed: 1 };
    const data = syntheticInteractions(large);
    checkShape(data, large);
    expect(syntheticInteractions(large)).toEqual(data);
  });

  it('skews towards popular items as popularitySkew grows', () => {
    const flat = headShare(syntheticInteractions({ ...SMALL, popularitySkew: 0 }));
    const skewed = headShare(syntheticInteractions({ ...SMALL, popularitySkew: 1.2 }));
    expect(skewed).toBeGreaterThan(flat + 0.1);
  });

  it('exposes the latent truth it sampled from', () => {
    const truth = syntheticLatents(SMALL);
    expect(truth.userFactors).toHaveLength(SMALL.users * SMALL.factors);
    expect(truth.itemFactors).toHaveLength(SMALL.items * SMALL.factors);
    expect(Math.max(...truth.itemBias)).toBe(0);
    expect(syntheticLatents(SMALL)).toEqual(truth);
  });

  it('has taste that popularity alone cannot explain: the true factors beat item counts', async () => {
    const options: SyntheticOptions = { users: 400, items: 300, factors: 8, interactionsPerUser: 20, popularitySkew: 1, seed: 7 };
    const truth = syntheticLatents(options);
    const f = options.factors;
    const oracle: Recommender = {
      name: 'true factors',
      fit: () => {
        const score = (u: number, candidates: Int32Array): Float32Array =>
          Float32Array.from(candidates, (i) => {
            let s = truth.itemBias[i]!;
            for (let k = 0; k < f; k++) s += truth.userFactors[u * f + k]! * truth.itemFactors[i * f + k]!;
            return s;
          });
        return { score, scoreAll: (u) => score(u, Int32Array.from({ length: options.items }, (_, i) => i)) };
      },
    };
    const popularity: Recommender = {
      name: 'item counts',
      fit: (train) => {
        const byItem = transpose(train);
        const count = (i: number): number => byItem.indptr[i + 1]! - byItem.indptr[i]!;
        return { score: (_u, candidates) => Float32Array.from(candidates, count), scoreAll: () => Float32Array.from({ length: train.cols }, (_, i) => count(i)) };
      },
    };
    const result = await evaluate(syntheticInteractions(options), [oracle, popularity], { seed: 1 });
    const [best, counts] = result.rows;
    expect(best!.hr10).toBeGreaterThan(counts!.hr10 + 0.1);
    expect(counts!.hr10).toBeGreaterThan(0.1);
  });

  it('refuses sizes that are not positive integers', () => {
    expect(() => syntheticInteractions({ ...SMALL, users: 0 })).toThrow('users must be a positive integer');
    expect(() => syntheticInteractions({ ...SMALL, interactionsPerUser: 0 })).toThrow('interactionsPerUser must be positive');
  });
});
