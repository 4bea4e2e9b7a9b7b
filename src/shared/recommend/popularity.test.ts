import { describe, expect, it } from 'vitest';
import { csrFromTriples } from './csr';
import { createPopularity } from './popularity';

// Three users, four items; user 2 played item 1 twice (summed to 2) and item 3 with weight 0.5.
const train = csrFromTriples(3, 4, [0, 0, 1, 2, 2, 2], [0, 1, 1, 1, 1, 3], [1, 1, 1, 1, 1, 0.5]);

describe('popularity', () => {
  it('scores each item by the number of users who have it', () => {
    const fitted = createPopularity().fit(train, { seed: 1 });
    expect(Array.from(fitted.scoreAll(0))).toEqual([1, 3, 0, 1]);
    expect(Array.from(fitted.scoreAll(2))).toEqual([1, 3, 0, 1]);
    expect(Array.from(fitted.score(1, Int32Array.from([3, 1, 2])))).toEqual([1, 3, 0]);
    expect(fitted.explain).toBeUndefined();
  });

  it('sums interaction strength when weighted', () => {
    const fitted = createPopularity({ weighted: true }).fit(train, { seed: 1 });
    expect(Array.from(fitted.scoreAll(0))).toEqual([1, 4, 0, 0.5]);
  });

  it('hands out copies, so a caller cannot change the model', () => {
    const fitted = createPopularity().fit(train, { seed: 1 });
    fitted.scoreAll(0).fill(9);
    expect(Array.from(fitted.scoreAll(1))).toEqual([1, 3, 0, 1]);
    expect(createPopularity().name).toBe('popularity');
  });
});
