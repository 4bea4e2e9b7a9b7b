import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromTriples } from './csr';
import { createItemKnn, type FittedItemKnn, type ItemKnnOptions } from './item-knn';
import type { CsrMatrix } from './types';

const fitKnn = (train: CsrMatrix, options: ItemKnnOptions = {}): FittedItemKnn => createItemKnn(options).fit(train, { seed: 1 });

// Users × items: u0 {0, 1}, u1 {0, 2}, u2 {0, 1, 2}. Columns: i0 = (1,1,1), i1 = (1,0,1), i2 = (0,1,1).
const small = csrFromTriples(3, 3, [0, 0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 0, 1, 2]);
// With shrink 1: sim(0,1) = sim(0,2) = 2 / (√3·√2 + 1), sim(1,2) = 1 / (√2·√2 + 1).
const s01 = 2 / (Math.sqrt(6) + 1);
const s12 = 1 / 3;

describe('item-based CF', () => {
  it('computes cosine similarity with shrinkage', () => {
    const fitted = fitKnn(small, { shrink: 1 });
    const n0 = fitted.neighbours(0);
    expect(n0.map((n) => n.item)).toEqual([1, 2]); // a tie goes to the lower item
    expect(n0[0]?.weight).toBeCloseTo(s01, 6);
    expect(n0[1]?.weight).toBeCloseTo(s01, 6);
    const n1 = fitted.neighbours(1);
    expect(n1.map((n) => n.item)).toEqual([0, 2]);
    expect(n1[1]?.weight).toBeCloseTo(s12, 6);
    expect(fitted.neighbours(2, 1).map((n) => n.item)).toEqual([0]);
  });

  it("scores an item by the similarity to the user's items", () => {
    const fitted = fitKnn(small, { shrink: 1 });
    const all = fitted.scoreAll(0);
    expect(all[0]).toBeCloseTo(s01, 6);
    expect(all[1]).toBeCloseTo(s01, 6);
    expect(all[2]).toBeCloseTo(s01 + s12, 6);
    const some = fitted.score(0, Int32Array.from([2, 0]));
    expect(some[0]).toBeCloseTo(s01 + s12, 6);
    expect(some[1]).toBeCloseTo(s01, 6);
  });

  it('keeps only the top-K neighbours of each item', () => {
    const fitted = fitKnn(small, { shrink: 1, neighbours: 1 });
    expect(fitted.neighbours(0).map((n) => n.item)).toEqual([1]);
    expect(fitted.neighbours(1).map((n) => n.item)).toEqual([0]);
    expect(fitted.neighbours(2).map((n) => n.item)).toEqual([0]);
    const all = fitted.scoreAll(0); // u0 has items 0 and 1: row 0 gives item 1, row 1 gives item 0
    expect(all[0]).toBeCloseTo(s01, 6);
    expect(all[1]).toBeCloseTo(s01, 6);
    expect(all[2]).toBe(0);
  });

  it('explains a recommendation by the items that contributed most', () => {
    const fitted = fitKnn(small, { shrink: 1 });
    const because = fitted.explain(2, 2, 5);
    expect(because.map((b) => b.item)).toEqual([0, 1]);
    expect(because[0]?.weight).toBeCloseTo(s01, 6);
    expect(because[1]?.weight).toBeCloseTo(s12, 6);
    expect(fitted.explain(2, 2, 1).map((b) => b.item)).toEqual([0]);
    expect(fitted.explain(0, 0, 3).map((b) => b.item)).toEqual([1]); // not itself
  });

  it('weighs the scores by interaction strength', () => {
    const weighted = csrFromTriples(3, 3, [0, 0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 0, 1, 2], [1, 3, 1, 1, 1, 1, 1]);
    const fitted = fitKnn(weighted, { shrink: 0 });
    // Column i1 = (3, 0, 1), i0 = (1, 1, 1): dot 4, norms √10·√3.
    expect(fitted.neighbours(1)[0]?.weight).toBeCloseTo(4 / Math.sqrt(30), 6);
    expect(fitted.scoreAll(0)[0]).toBeCloseTo((3 * 4) / Math.sqrt(30), 5);
    const binary = fitKnn(weighted, { shrink: 0, binary: true });
    expect(binary.neighbours(1)[0]?.weight).toBeCloseTo(2 / Math.sqrt(6), 6);
  });

  it('learns from co-occurrence in contexts with a single user', () => {
    const one = csrFromTriples(1, 4, [0, 0, 0, 0], [0, 1, 2, 3]);
    const contexts = csrFromTriples(3, 4, [0, 0, 1, 1, 2, 2], [0, 1, 0, 1, 2, 3]);
    const fitted = fitKnn(one, { shrink: 1, contexts, contextWeight: 0.5 });
    // User part: 1 / (1·1 + 1) = 0.5 for every pair; contexts: i0, i1 = (1,1,0): 2 / (2 + 1).
    expect(fitted.neighbours(0)[0]).toEqual({ item: 1, weight: expect.closeTo(0.25 + 1 / 3, 6) as number });
    expect(fitted.neighbours(0)[1]?.weight).toBeCloseTo(0.25, 6);
    expect(fitted.neighbours(2)[0]?.item).toBe(3);
    // The local user keeps item 0 now: item 1 comes first, because of item 0.
    const scores = fitted.scoreHistory(Int32Array.from([0]));
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
    expect(fitted.explainHistory(Int32Array.from([0, 2]), undefined, 1, 3).map((b) => b.item)).toEqual([0, 2]);
    // Contexts only.
    const contextOnly = fitKnn(one, { shrink: 1, contexts, contextWeight: 1 });
    expect(contextOnly.neighbours(0).map((n) => n.item)).toEqual([1]);
  });

  it('refuses contexts over other items', () => {
    const contexts = csrFromTriples(1, 5, [0], [4]);
    expect(() => fitKnn(small, { contexts })).toThrow('contexts have 5 items, the training matrix 3');
  });

  it('stops with an AbortError', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => createItemKnn().fit(small, { seed: 1, signal: controller.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }) as Error);
  });

  it('matches a dense computation on random matrices', () => {
    const cells = fc.array(fc.tuple(fc.nat(7), fc.nat(9), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(cells, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }), (triples, k, shrink) => {
        const train = csrFromTriples(8, 10, triples.map((t) => t[0]), triples.map((t) => t[1]), triples.map((t) => t[2]));
        const dense = Array.from({ length: 8 }, () => new Array<number>(10).fill(0));
        for (let u = 0; u < 8; u++) for (let q = train.indptr[u] as number; q < (train.indptr[u + 1] as number); q++) (dense[u] as number[])[train.indices[q] as number] = train.values[q] as number;
        const col = (i: number): number[] => dense.map((row) => row[i] as number);
        const norm = (a: number[]): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
        const fitted = fitKnn(train, { neighbours: k, shrink });
        for (let i = 0; i < 10; i++) {
          const sims = Array.from({ length: 10 }, (_, j) => {
            const dot = col(i).reduce((s, x, u) => s + x * (col(j)[u] as number), 0);
            return dot === 0 ? 0 : dot / (norm(col(i)) * norm(col(j)) + shrink);
          });
          // Compare similarities, not identities, so that float rounding between equal-valued ties cannot fail it.
          const expected = Array.from(sims.keys()).filter((j) => j !== i && (sims[j] as number) > 0).map((j) => sims[j] as number).sort((a, b) => b - a).slice(0, k);
          const got = fitted.neighbours(i).map((n) => n.weight);
          expect(got.length).toBe(expected.length);
          got.forEach((g, x) => expect(g).toBeCloseTo(expected[x] as number, 5));
        }
      }),
    );
  });
});
