import { describe, expect, it } from 'vitest';
import { cosineSimilarity, dot, l2Norm, l2Normalize } from './cosine';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('cosine similarity', () => {
  it('knows the textbook answers', () => {
    expect(dot(v(1, 2, 3), v(4, 5, 6))).toBe(32);
    expect(l2Norm(v(3, 4))).toBe(5);
    expect(cosineSimilarity(v(1, 0), v(0, 1))).toBe(0);
    expect(cosineSimilarity(v(1, 1), v(2, 2))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(v(1, 2), v(-1, -2))).toBeCloseTo(-1, 6);
    expect(cosineSimilarity(v(1, 0), v(1, 1))).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('normalises to unit length without changing the input, and leaves a zero vector zero', () => {
    const x = v(3, 4);
    expect([...l2Normalize(x)]).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect([...x]).toEqual([3, 4]);
    expect([...l2Normalize(v(0, 0))]).toEqual([0, 0]);
    expect(cosineSimilarity(v(0, 0), v(1, 2))).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => dot(v(1, 2), v(1, 2, 3))).toThrow(RangeError);
  });
});
