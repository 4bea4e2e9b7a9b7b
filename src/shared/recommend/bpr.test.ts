import { describe, expect, it } from 'vitest';
import { createBpr, type BprOptions, type FittedBpr } from './bpr';
import { csrFromTriples } from './csr';
import type { CsrMatrix } from './types';
import { blocks, expectBlocks } from './testing/taste-blocks';

const fitBpr = (train: CsrMatrix, options: BprOptions, seed = 7): FittedBpr => createBpr(options).fit(train, { seed });

describe('BPR', () => {
  it("ranks a user's own group's unseen item above the other group's", () => {
    const { train, heldOut } = blocks();
    const fitted = fitBpr(train, { factors: 4, epochs: 60 });
    expectBlocks(fitted, heldOut);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const { train } = blocks();
    const a = fitBpr(train, { factors: 3, epochs: 5 }, 3);
    const b = fitBpr(train, { factors: 3, epochs: 5 }, 3);
    const c = fitBpr(train, { factors: 3, epochs: 5 }, 4);
    expect(a.userFactors).toEqual(b.userFactors);
    expect(a.itemFactors).toEqual(b.itemFactors);
    expect(a.itemBias).toEqual(b.itemBias);
    expect(a.itemFactors).not.toEqual(c.itemFactors);
    const all = a.scoreAll(2);
    expect(Array.from(a.score(2, Int32Array.from([7, 0])))).toEqual([all[7], all[0]]);
  });

  it('survives a user who has every item and a user who has none', () => {
    const train = csrFromTriples(3, 3, [0, 0, 0, 1], [0, 1, 2, 2]);
    const fitted = fitBpr(train, { factors: 2, epochs: 3 });
    expect(fitted.scoreAll(2).every(Number.isFinite)).toBe(true);
    expect(fitted.scoreAll(0).every(Number.isFinite)).toBe(true);
  });

  it('reports progress per epoch and stops with an AbortError', () => {
    const { train } = blocks();
    const seen: number[] = [];
    createBpr({ factors: 2, epochs: 2 }).fit(train, { seed: 1, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([0.5, 1]);
    const controller = new AbortController();
    const run = (): unknown => createBpr({ factors: 2, epochs: 5 }).fit(train, { seed: 1, signal: controller.signal, onProgress: () => controller.abort() });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }) as Error);
  });
});
