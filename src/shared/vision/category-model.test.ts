// Applying a stored category model: k-NN over its examples or a dense head; a category is given
// only when it clearly wins (score above 0.5; a tie gives none).
import { describe, expect, it } from 'vitest';
import { categoryPredictor, minCategoryScore } from './category-model';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('categoryPredictor', () => {
  it('k-NN: the category of the nearest examples, with its share of the vote', () => {
    const predict = categoryPredictor({ method: 'knn', k: 3, dims: 2, labels: ['Beach', 'Beach', 'City'], vectors: v(1, 0, 0.9, 0.1, 0, 1) });
    expect(predict(v(1, 0.05))).toMatchObject({ label: 'Beach' });
    expect(predict(v(1, 0.05))!.score).toBeGreaterThan(0.9);
    // A near tie (Beach 0.71 + 0.64, City 0.71 of 2.06) still has a majority; an even split has none.
    const even = categoryPredictor({ method: 'knn', k: 2, dims: 2, labels: ['Beach', 'City'], vectors: v(1, 0, 0, 1) });
    expect(even(v(1, 1))).toBeNull();
  });

  it('dense head: the likeliest category when its probability reaches the threshold', () => {
    const model = { method: 'dense' as const, dims: 2, labels: ['Beach', 'City'], weights: v(4, -4, -4, 4), bias: v(0, 0) };
    expect(categoryPredictor(model)(v(1, 0))).toMatchObject({ label: 'Beach' });
    expect(categoryPredictor(model)(v(0, 1))!.score).toBeGreaterThan(minCategoryScore);
  });
});
