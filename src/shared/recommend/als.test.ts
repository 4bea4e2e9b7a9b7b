import { describe, expect, it } from 'vitest';
import { choleskySolve, createAls, type AlsOptions, type FittedAls } from './als';
import type { CsrMatrix } from './types';
import { blocks, expectBlocks } from './testing/taste-blocks';

const fitAls = (train: CsrMatrix, options: AlsOptions, seed = 7): FittedAls => createAls(options).fit(train, { seed });

describe('ALS', () => {
  it('solves a symmetric positive definite system by Cholesky', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 3, 0, 3, 6]);
    const x = Float64Array.from([4, 6, 3]); // A·(0.5, 1, 0)
    choleskySolve(a, 3, x);
    expect(Array.from(x).map((v) => Number(v.toFixed(10)))).toEqual([0.5, 1, 0]);
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), 2, new Float64Array(2))).toThrow('not positive definite');
  });

  it("ranks a user's own group's unseen item above the other group's (conjugate gradient)", () => {
    const { train, heldOut } = blocks();
    expectBlocks(fitAls(train, { factors: 2, iterations: 10 }), heldOut);
  });

  it("ranks a user's own group's unseen item above the other group's (Cholesky)", () => {
    const { train, heldOut } = blocks();
    expectBlocks(fitAls(train, { factors: 2, iterations: 10, solver: 'cholesky' }), heldOut);
  });

  it('agrees with the exact solve when conjugate gradient runs to convergence', () => {
    const { train } = blocks();
    const cg = fitAls(train, { factors: 3, iterations: 1, cgSteps: 12, alpha: 2 });
    const exact = fitAls(train, { factors: 3, iterations: 1, solver: 'cholesky', alpha: 2 });
    cg.itemFactors.forEach((v, k) => expect(v).toBeCloseTo(exact.itemFactors[k] as number, 4));
    cg.userFactors.forEach((v, k) => expect(v).toBeCloseTo(exact.userFactors[k] as number, 4));
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const { train } = blocks();
    const a = fitAls(train, { factors: 4, iterations: 3 }, 11);
    const b = fitAls(train, { factors: 4, iterations: 3 }, 11);
    const c = fitAls(train, { factors: 4, iterations: 3 }, 12);
    expect(a.userFactors).toEqual(b.userFactors);
    expect(a.itemFactors).toEqual(b.itemFactors);
    expect(a.itemFactors).not.toEqual(c.itemFactors);
    expect(Array.from(a.score(3, Int32Array.from([5, 1])))).toEqual([a.scoreAll(3)[5], a.scoreAll(3)[1]]);
  });

  it('reports progress per iteration and stops with an AbortError', () => {
    const { train } = blocks();
    const seen: number[] = [];
    createAls({ factors: 2, iterations: 4 }).fit(train, { seed: 1, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);

    const controller = new AbortController();
    const progress: number[] = [];
    const run = (): unknown =>
      createAls({ factors: 2, iterations: 4 }).fit(train, {
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }) as Error);
    expect(progress).toEqual([0.25]);
  });
});
