import { describe, expect, it } from 'vitest';
import { constantRate, stepDecay, warmupCosine } from './lr-schedule';

describe('learning-rate schedules', () => {
  it('warms up linearly, peaks, then decays along a cosine to the floor', () => {
    const rate = warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 14, floor: 0.1 });
    expect([0, 1, 2, 3].map(rate)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(rate(4)).toBeCloseTo(1, 12);
    expect(rate(9)).toBeCloseTo(0.55, 12);
    expect(rate(14)).toBeCloseTo(0.1, 12);
    expect(rate(100)).toBeCloseTo(0.1, 12);
    for (let s = 4; s < 14; s++) expect(rate(s + 1)).toBeLessThan(rate(s));
  });

  it('decays in steps and stays constant when asked', () => {
    const rate = stepDecay(1, 0.5, 10);
    expect([0, 9, 10, 25].map(rate)).toEqual([1, 1, 0.5, 0.25]);
    expect(constantRate(0.3)(1234)).toBe(0.3);
  });

  it('rejects schedules that cannot work', () => {
    expect(() => warmupCosine({ peak: 1, warmupSteps: 5, totalSteps: 5 })).toThrow(RangeError);
    expect(() => stepDecay(1, 0.5, 0)).toThrow(RangeError);
  });
});
