import { describe, expect, it } from 'vitest';
import { csrFromTriples, rowIndices, rowValues, transpose } from './csr';

describe('CSR matrices', () => {
  it('sums repeated cells and sorts each row', () => {
    const m = csrFromTriples(3, 4, [2, 0, 0, 2, 0], [1, 3, 0, 1, 3], [1, 2, 5, 4, 1]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(rowIndices(m, 0))).toEqual([0, 3]);
    expect(Array.from(rowValues(m, 0))).toEqual([5, 3]);
    expect(Array.from(rowIndices(m, 1))).toEqual([]);
    expect(Array.from(rowValues(m, 2))).toEqual([5]);
  });

  it('transposes, and transposing twice gives the matrix back', () => {
    const m = csrFromTriples(3, 4, [0, 0, 1, 2, 2], [0, 3, 3, 1, 3]);
    const t = transpose(m);
    expect(Array.from(rowIndices(t, 3))).toEqual([0, 1, 2]);
    expect(Array.from(rowIndices(t, 2))).toEqual([]);
    expect(transpose(t)).toEqual(m);
  });

  it('refuses a cell outside the matrix', () => {
    expect(() => csrFromTriples(2, 2, [0, 2], [0, 0])).toThrow('outside a 2 × 2 matrix');
  });
});
