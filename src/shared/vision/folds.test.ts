import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from './folds';

describe('stratified folds', () => {
  it('spreads every category over the folds, repeatably', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b'), ...Array(3).fill('C')] as string[];
    const folds = stratifiedFolds(labels, 5, 1);
    expect(folds).toEqual(stratifiedFolds(labels, 5, 1));
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 'b' && folds[i] === f)).toHaveLength(1);
    }
    // Sizes differ by at most one.
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});
