import { describe, expect, it } from 'vitest';
import { predictDenseHead, type DenseHead } from './dense-head';

describe('applying a dense head', () => {
  // Two inputs, three classes: class c's logit is x·W[:, c] + b[c].
  const head: DenseHead = { labels: ['a', 'b', 'c'], dims: 2, weights: Float32Array.of(2, 0, -1, 0, 2, -1), bias: Float32Array.of(0, 0, 0.5) };

  it('gives softmax probabilities of the normalised input, likeliest first', () => {
    const p = predictDenseHead(head, Float32Array.of(10, 0));
    // x = (1, 0): logits 2, 0, -0.5.
    const z = Math.exp(2) + Math.exp(0) + Math.exp(-0.5);
    expect(p.map((x) => x.label)).toEqual(['a', 'b', 'c']);
    expect(p[0]!.probability).toBeCloseTo(Math.exp(2) / z, 6);
    expect(p.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 9);
    expect(predictDenseHead(head, Float32Array.of(0, 3))[0]!.label).toBe('b');
  });

  it('refuses inputs and heads of the wrong shape', () => {
    expect(() => predictDenseHead(head, Float32Array.of(1, 2, 3))).toThrow(/dimensions/);
    expect(() => predictDenseHead({ ...head, bias: Float32Array.of(0) }, Float32Array.of(1, 0))).toThrow(/damaged/);
  });
});
