import { describe, expect, it } from 'vitest';
import { createNextTokenBatches } from './next-token-batches';

const sequences = Array.from({ length: 5 }, (_, i) => Int32Array.from([10 * i, 10 * i + 1, 10 * i + 2, 10 * i + 3]));

describe('createNextTokenBatches', () => {
  it('pairs each input token with the token after it', () => {
    const batch = createNextTokenBatches(sequences, 3, 1).next();
    expect(batch.batchSize).toBe(3);
    expect(batch.length).toBe(3);
    for (let row = 0; row < 3; row++) {
      const inputs = Array.from(batch.inputs.subarray(row * 3, row * 3 + 3));
      const targets = Array.from(batch.targets.subarray(row * 3, row * 3 + 3));
      const base = inputs[0] as number;
      expect(inputs).toEqual([base, base + 1, base + 2]);
      expect(targets).toEqual([base + 1, base + 2, base + 3]);
    }
  });

  it('visits every sequence once per pass, in a seeded order', () => {
    const firstTokens = (seed: number) => {
      const source = createNextTokenBatches(sequences, 1, seed);
      return Array.from({ length: 10 }, () => source.next().inputs[0]);
    };
    const a = firstTokens(3);
    expect(a).toEqual(firstTokens(3));
    expect([...a.slice(0, 5)].sort((x, y) => (x as number) - (y as number))).toEqual([0, 10, 20, 30, 40]);
    expect([...a.slice(5)].sort((x, y) => (x as number) - (y as number))).toEqual([0, 10, 20, 30, 40]);
    const others = [4, 5, 6, 7].map((seed) => firstTokens(seed).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('rejects sequences it cannot batch', () => {
    expect(() => createNextTokenBatches([], 2, 1)).toThrow(RangeError);
    expect(() => createNextTokenBatches([Int32Array.from([1])], 2, 1)).toThrow(RangeError);
    expect(() => createNextTokenBatches([Int32Array.from([1, 2]), Int32Array.from([1, 2, 3])], 2, 1)).toThrow(RangeError);
    expect(() => createNextTokenBatches(sequences, 0, 1)).toThrow(RangeError);
  });
});
