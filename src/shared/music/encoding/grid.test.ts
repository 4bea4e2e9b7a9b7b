import { describe, expect, it } from 'vitest';
import { longestGap, pitchName, stepAt, tickAt } from './grid';

describe('step grid', () => {
  it('converts ticks and steps from a start tick, rounding to the nearest', () => {
    expect(stepAt(1920 + 359, 480, 1920)).toBe(3);
    expect(stepAt(1920 + 61, 480, 1920)).toBe(1);
    expect(Object.is(stepAt(1900, 480, 1920), -0)).toBe(false);
    expect(tickAt(3, 480, 1920)).toBe(2280);
    expect(tickAt(3, 25, 0)).toBe(19); // 18.75
  });
  it('names pitches with C4 = 60', () => {
    expect([48, 60, 61, 83, 0].map(pitchName)).toEqual(['C3', 'C4', 'C#4', 'B5', 'C-1']);
  });
  it('finds the longest uncovered run, edges included', () => {
    expect(longestGap([], 16)).toBe(16);
    expect(longestGap([{ start: 4, end: 6 }, { start: 10, end: 12 }], 16)).toBe(4);
    expect(longestGap([{ start: 2, end: 20 }], 16)).toBe(2);
  });
});
