import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestScalePitch, scaleModes, scalePitchClasses } from './scales';

describe('scales', () => {
  it('lists pitch classes from the tonic', () => {
    expect(scalePitchClasses(0, 'major')).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(scalePitchClasses(2, 'major')).toEqual([2, 4, 6, 7, 9, 11, 1]);
    expect(scalePitchClasses(9, 'minor')).toEqual([9, 11, 0, 2, 4, 5, 7]);
    expect(scalePitchClasses(4, 'minorPentatonic')).toEqual([4, 7, 9, 11, 2]);
  });
  it('snaps to the nearest scale pitch, ties downward, within 0…127', () => {
    const cMajor = new Set(scalePitchClasses(0, 'major'));
    expect(nearestScalePitch(61, cMajor)).toBe(60); // C# → C (tie with D)
    expect(nearestScalePitch(66, cMajor)).toBe(65); // F# → F (tie with G)
    expect(nearestScalePitch(64, cMajor)).toBe(64);
    const cPent = new Set(scalePitchClasses(0, 'majorPentatonic'));
    expect(nearestScalePitch(65, cPent)).toBe(64); // F → E (1 down) rather than G (2 up)
    expect(nearestScalePitch(127, new Set([0]))).toBe(120); // 132 is out of range
  });
  it('always lands in the scale and never moves further than half the widest gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 11 }), fc.constantFrom(...scaleModes), (pitch, tonic, mode) => {
        const classes = new Set(scalePitchClasses(tonic, mode));
        const snapped = nearestScalePitch(pitch, classes);
        expect(classes.has(snapped % 12)).toBe(true);
        expect(snapped).toBeGreaterThanOrEqual(0);
        expect(snapped).toBeLessThanOrEqual(127);
        expect(Math.abs(snapped - pitch)).toBeLessThanOrEqual(pitch >= 12 && pitch <= 115 ? 2 : 11);
      }),
    );
  });
});
