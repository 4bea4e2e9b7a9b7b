import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topN, topNAmong } from './top-n';

/** The reference answer: a full sort by score (descending), ties to the lower index. */
function bySort(scores: Float32Array, n: number, exclude: number[] = []): number[] {
  const skip = new Set(exclude);
  return Array.from(scores.keys())
    .filter((i) => !skip.has(i) && !Number.isNaN(scores[i]))
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
    .slice(0, Math.max(0, n));
}

describe('topN', () => {
  it('picks the best indexes, best first, ties to the lower index', () => {
    const scores = Float32Array.from([0.5, 2, -1, 2, 7, 0.5]);
    expect(Array.from(topN(scores, 3))).toEqual([4, 1, 3]);
    expect(Array.from(topN(scores, 10))).toEqual([4, 1, 3, 0, 5, 2]);
    expect(Array.from(topN(scores, 0))).toEqual([]);
    expect(Array.from(topN(new Float32Array(0), 5))).toEqual([]);
    expect(Array.from(topN(scores, -2))).toEqual([]);
    expect(Array.from(topN(scores, 2.7))).toEqual([4, 1]);
    expect(Array.from(topN(scores, Infinity))).toHaveLength(6);
  });

  it('skips excluded indexes and NaN scores', () => {
    const scores = Float32Array.from([3, NaN, 1, 9, 4]);
    expect(Array.from(topN(scores, 3, Int32Array.from([3])))).toEqual([4, 0, 2]);
    expect(Array.from(topN(scores, 5))).toEqual([3, 4, 0, 2]);
    expect(Array.from(topN(scores, 2, Int32Array.from([3, 4, 0, 2])))).toEqual([]);
  });

  it('agrees with a full sort on random arrays', () => {
    const scores = fc.array(fc.oneof(fc.float({ noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN)), { maxLength: 300 }).map((a) => Float32Array.from(a));
    fc.assert(
      fc.property(scores, fc.integer({ min: 0, max: 40 }), fc.array(fc.nat(320), { maxLength: 30 }), (s, n, exclude) => {
        expect(Array.from(topN(s, n, Int32Array.from(exclude)))).toEqual(bySort(s, n, exclude));
      }),
    );
  });

  it('picks among candidates only', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 100 }), fc.integer({ min: 0, max: 20 }), fc.integer(), (a, n, salt) => {
        const s = Float32Array.from(a);
        const candidates = Int32Array.from(Array.from(s.keys()).filter((i) => ((i * 31 + salt) & 3) !== 0));
        const skipped = Array.from(s.keys()).filter((i) => !candidates.includes(i));
        expect(Array.from(topNAmong(s, candidates, n))).toEqual(bySort(s, n, skipped));
      }),
    );
  });

  it('returns the top 10 of 10,000 scores', () => {
    const scores = new Float32Array(10_000);
    for (let i = 0; i < scores.length; i++) scores[i] = Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453);
    expect(Array.from(topN(scores, 10))).toEqual(bySort(scores, 10));
  });
});
