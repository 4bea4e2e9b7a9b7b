import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entropyBits, klDivergence, normalise, overlapArea } from './distributions';

describe('histograms', () => {
  it('normalise to shares, leaving an empty histogram empty', () => {
    expect([...normalise([1, 3])]).toEqual([0.25, 0.75]);
    expect([...normalise([0, 0])]).toEqual([0, 0]);
    expect(() => normalise([1, -1])).toThrow(RangeError);
    expect(() => normalise([NaN])).toThrow(RangeError);
  });
  it('entropy in bits', () => {
    expect(entropyBits([1, 1, 1, 1])).toBe(2);
    expect(entropyBits([5, 0])).toBe(0);
    expect(entropyBits([1, 1, 2])).toBe(1.5); // ¼·2 + ¼·2 + ½·1
    expect(entropyBits([0, 0])).toBe(0);
  });
});

describe('overlapArea', () => {
  it('sums the bin-wise minima of the normalised histograms', () => {
    expect(overlapArea([1, 0], [1, 1])).toBe(0.5);
    expect(overlapArea([2, 6], [1, 3])).toBe(1);
    expect(overlapArea([1, 0], [0, 1])).toBe(0);
    expect(overlapArea([1, 2, 1], [0, 1, 1])).toBe(0 + 0.5 + 0.25);
    expect(overlapArea([0, 0], [0, 1])).toBe(0);
    expect(() => overlapArea([1], [1, 1])).toThrow(RangeError);
  });
  it('is symmetric and between 0 and 1', () => {
    const h = fc.array(fc.nat(20), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(h, h, (p, q) => {
        const a = overlapArea(p, q);
        expect(a).toBeCloseTo(overlapArea(q, p), 12);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe('klDivergence', () => {
  it('is Σ p log2(p/q), infinite where q misses p without smoothing, finite with it', () => {
    expect(klDivergence([1, 0], [1, 1], 0)).toBe(1); // 1 · log2(1 / ½)
    expect(klDivergence([1, 1], [1, 1], 0)).toBe(0);
    expect(klDivergence([1, 1], [1, 0], 0)).toBe(Infinity);
    // Smoothing 1 on shares (1, 0) and (0, 1): P = (2/3, 1/3), Q = (1/3, 2/3): 2/3 · 1 + 1/3 · (−1) = 1/3.
    expect(klDivergence([1, 0], [0, 1], 1)).toBeCloseTo(1 / 3, 12);
    expect(Number.isFinite(klDivergence([1, 1], [1, 0]))).toBe(true);
    expect(() => klDivergence([1], [1], -1)).toThrow(RangeError);
  });
  it('is never negative and 0 for proportional histograms', () => {
    const h = fc.array(fc.nat(20), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(h, h, fc.integer({ min: 1, max: 5 }), (p, q, k) => {
        expect(klDivergence(p, q)).toBeGreaterThanOrEqual(-1e-12);
        expect(klDivergence(p, p.map((v) => v * k))).toBeCloseTo(0, 9);
      }),
    );
  });
});
