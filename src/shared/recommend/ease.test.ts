import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { csrFromTriples } from './csr';
import { createEase, spdInverse, type EaseOptions, type FittedEase } from './ease';
import type { CsrMatrix } from './types';
import { blocks, expectBlocks } from './testing/taste-blocks';

const fitEase = (train: CsrMatrix, options: EaseOptions): FittedEase => createEase(options).fit(train, { seed: 1 });

describe('EASE', () => {
  it('computes B for a 3-item case by hand', () => {
    // X rows {0, 1}, {0}, {0, 1, 2}: XᵀX + I = [[4, 2, 1], [2, 3, 1], [1, 1, 2]], whose inverse is
    // P = [[5, −3, −1], [−3, 7, −2], [−1, −2, 8]] / 13, so B[i][j] = −P[i][j] / P[j][j].
    const train = csrFromTriples(3, 3, [0, 0, 1, 2, 2, 2], [0, 1, 0, 0, 1, 2]);
    const fitted = fitEase(train, { regularization: 1 });
    const expected = [0, 3 / 7, 1 / 8, 3 / 5, 0, 1 / 4, 1 / 5, 2 / 7, 0];
    fitted.weights.forEach((w, k) => expect(w).toBeCloseTo(expected[k] as number, 6));
    const user0 = fitted.scoreAll(0);
    [3 / 5, 3 / 7, 3 / 8].forEach((s, i) => expect(user0[i]).toBeCloseTo(s, 6));
    const some = fitted.score(1, Int32Array.from([2, 1]));
    expect(some[0]).toBeCloseTo(1 / 8, 6);
    expect(some[1]).toBeCloseTo(3 / 7, 6);
  });

  it('inverts symmetric positive definite matrices', () => {
    const rng = createRng(5);
    for (const n of [1, 2, 7, 40]) {
      const r = Array.from({ length: n * n }, () => rng.next() - 0.5);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] = (a[i * n + j] as number) + (r[k * n + i] as number) * (r[k * n + j] as number) + (i === j && k === 0 ? 0.1 : 0);
      const inv = spdInverse(a.slice(), n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += (a[i * n + k] as number) * (inv[k * n + j] as number);
          expect(s).toBeCloseTo(i === j ? 1 : 0, 6);
        }
      }
    }
    expect(() => spdInverse(Float64Array.from([1, 0, 2, 1]), 2)).toThrow('not positive definite');
  });

  it("ranks a user's own group's unseen item above the other group's", () => {
    const { train, heldOut } = blocks();
    const fitted = fitEase(train, { regularization: 2 });
    expectBlocks(fitted, heldOut);
  });

  it('refuses a catalogue above its item limit', () => {
    const train = csrFromTriples(1, 5, [0], [0]);
    expect(() => fitEase(train, { maxItems: 4 })).toThrow('EASE is dense: 5 items is above its limit of 4 items');
  });

  it('stops with an AbortError', () => {
    const controller = new AbortController();
    controller.abort();
    const train = csrFromTriples(1, 3, [0], [0]);
    expect(() => createEase().fit(train, { seed: 1, signal: controller.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }) as Error);
  });
});

describe('EASE over its item limit', () => {
  it('fits the most-used items and ranks the rest after them by how many users have them', () => {
    // Items 0–2 are used by several users; 3 by two; 4 by one. A limit of 3 keeps 0–2.
    const m = csrFromTriples(
      5,
      5,
      [0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 0],
      [0, 1, 1, 2, 0, 2, 0, 1, 3, 2, 3, 4],
    );
    expect(() => createEase({ maxItems: 3 }).fit(m, { seed: 1 })).toThrow(/above its limit of 3 items/);
    const fitted = createEase({ maxItems: 3, overflow: 'most-used' }).fit(m, { seed: 1 });
    const full = createEase().fit(csrFromTriples(5, 3, [0, 0, 1, 1, 2, 2, 3, 3, 4], [0, 1, 1, 2, 0, 2, 0, 1, 2]), { seed: 1 });
    const scores = fitted.scoreAll(1);
    // The kept items score as EASE on them alone would; the tail comes after, the more used first.
    expect(Array.from(scores.subarray(0, 3))).toEqual(Array.from(full.scoreAll(1)));
    expect(Math.min(...scores.subarray(0, 3))).toBeGreaterThan(scores[3] as number);
    expect(scores[3]).toBeGreaterThan(scores[4] as number);
    expect(Array.from(fitted.score(1, Int32Array.from([4, 0])))).toEqual([scores[4], scores[0]]);
  });
});
