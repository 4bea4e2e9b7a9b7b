import { describe, expect, it } from 'vitest';
import { createSeededBatches } from './seeded-batches';

describe('createSeededBatches', () => {
  it('visits every example once per epoch, across batch boundaries', () => {
    const batches = createSeededBatches(10, 4, 3);
    expect(batches.stepsPerEpoch).toBe(3);
    const drawn = [0, 1, 2, 3, 4].flatMap((s) => Array.from(batches.indicesAt(s)));
    expect([...drawn.slice(0, 10)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...drawn.slice(10, 20)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('depends only on seed and step, so a resumed run draws the same batches', () => {
    const a = createSeededBatches(50, 8, 7);
    const inOrder = Array.from({ length: 20 }, (_, s) => Array.from(a.indicesAt(s)));
    const resumed = createSeededBatches(50, 8, 7);
    expect(Array.from(resumed.indicesAt(13))).toEqual(inOrder[13]);
    expect(Array.from(resumed.indicesAt(2))).toEqual(inOrder[2]);
  });

  it('shuffles differently for another seed and for another epoch', () => {
    const a = createSeededBatches(50, 50, 1);
    const b = createSeededBatches(50, 50, 2);
    expect(Array.from(a.indicesAt(0))).not.toEqual(Array.from(b.indicesAt(0)));
    expect(Array.from(a.indicesAt(0))).not.toEqual(Array.from(a.indicesAt(1)));
  });

  it('rejects impossible sizes and steps', () => {
    expect(() => createSeededBatches(0, 4, 1)).toThrow(RangeError);
    expect(() => createSeededBatches(4, 0, 1)).toThrow(RangeError);
    expect(() => createSeededBatches(4, 2, 1).indicesAt(-1)).toThrow(RangeError);
  });
});
