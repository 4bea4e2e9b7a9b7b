// The interim key and density method of the generation service (pure parts); the service itself,
// with real sessions, is in generation-service.int.test.ts.
import { describe, expect, it } from 'vitest';
import type { GeneratedClip } from '../../shared/api';
import { chooseVariations, fitToKey } from './generation-service';

const line = (...pitches: number[]) => pitches.map((pitch, i) => ({ pitch, start: i * 2, duration: 2 }));
const clip = (density: number, inScaleRate?: number): GeneratedClip => ({ notes: [], bars: 2, density, ...(inScaleRate === undefined ? {} : { inScaleRate }) });

describe('fitToKey', () => {
  it('keeps a melody already in the key where it is', () => {
    expect(fitToKey(line(60, 62, 64, 65, 67), { tonic: 0, mode: 'major' })).toEqual({ shift: 0, rate: 1 });
  });

  it('moves a melody by the semitones that put the most notes in the scale, within −6…+5', () => {
    // D♭ major (C#, D#, F, F#, G#) into C major: down one.
    expect(fitToKey(line(61, 63, 65, 66, 68), { tonic: 0, mode: 'major' })).toEqual({ shift: -1, rate: 1 });
    // C major into F# major: up six is outside the shifts, down six is the same pitch classes.
    expect(fitToKey(line(60, 62, 64, 65, 67, 69, 71), { tonic: 6, mode: 'major' })).toEqual({ shift: -6, rate: 1 });
  });

  it('prefers the smallest shift on a tie, and leaves no notes alone', () => {
    // One C: in C major at 0 already (also at +5 → F, −5 → G …); 0 wins.
    expect(fitToKey(line(60), { tonic: 0, mode: 'major' }).shift).toBe(0);
    // One C# in C major: +1 (D) and −1 (C) both fit; +1 comes first.
    expect(fitToKey(line(61), { tonic: 0, mode: 'major' })).toEqual({ shift: 1, rate: 1 });
    const none = fitToKey([], { tonic: 0, mode: 'major' });
    expect(none.shift).toBe(0);
    expect(none.rate).toBeNaN();
  });
});

describe('chooseVariations', () => {
  const candidates = [clip(3, 0.8), clip(8, 1), clip(5, 1), clip(6), clip(2, 0.5)].map((c, index) => ({ index, clip: c }));

  it('with a key: best in-scale rate first, then closest to the density; without notes last', () => {
    expect(chooseVariations(candidates, 3, { key: true, density: 6 })).toEqual([clip(5, 1), clip(8, 1), clip(3, 0.8)]);
    expect(chooseVariations(candidates, 5, { key: true }).map((c) => c.density)).toEqual([8, 5, 3, 2, 6]);
  });

  it('with a density only: closest first; with neither: in drawing order', () => {
    expect(chooseVariations(candidates, 2, { key: false, density: 6 }).map((c) => c.density)).toEqual([6, 5]);
    expect(chooseVariations(candidates, 2, { key: false }).map((c) => c.density)).toEqual([3, 8]);
  });

  it('puts silent draws after every draw with notes, whatever was asked', () => {
    const sounding = (density: number): GeneratedClip => ({ ...clip(density), notes: [{ id: 'n', pitch: 60, velocity: 90, start: 0, duration: 120 }] });
    const drawn = [clip(0), sounding(4), clip(0), sounding(6), sounding(2)].map((c, index) => ({ index, clip: c }));
    expect(chooseVariations(drawn, 3, { key: false }).map((c) => c.density)).toEqual([4, 6, 2]);
    expect(chooseVariations(drawn, 4, { key: false, density: 0 }).map((c) => c.density)).toEqual([2, 4, 6, 0]);
  });
});
