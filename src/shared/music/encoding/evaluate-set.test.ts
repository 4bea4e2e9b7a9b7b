import { describe, expect, it } from 'vitest';
import { evaluateExamples, evaluateSet } from './evaluate-set';

// One bar of C major in eighths (C4 … B4, the last ended by a NOTE_OFF), and four quarter-note C4s.
const scale = Int32Array.from([14, 0, 16, 0, 18, 0, 19, 0, 21, 0, 23, 0, 25, 0, 1, 0]);
const fourCs = Int32Array.from([14, 0, 0, 0, 14, 0, 0, 0, 14, 0, 0, 0, 14, 0, 0, 0]);
const silence = new Int32Array(16);
// Kick on every beat; and kick + hat on 1 and 3, snare + hat on 2 and 4, hats on the eighths between.
const fourOnTheFloor = Uint16Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
const backbeat = Uint16Array.from([5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0]);

describe('evaluateSet: melodies', () => {
  const key = { tonic: 0, mode: 'major' as const };
  it('gives each set’s figures, worked out by hand', () => {
    const { generated, reference } = evaluateSet([scale], [fourCs], { kind: 'melody', key });
    expect(generated).toMatchObject({ examples: 1, noteDensity: 7, meanIoi: 2, emptyBarRate: 0, pitchRange: 11, usedPitchClasses: 7, qualifiedNoteRate: 0, inScaleRate: 1 });
    expect(generated.pitchClassEntropy).toBeCloseTo(Math.log2(7), 12);
    expect(reference).toMatchObject({ examples: 1, noteDensity: 4, meanIoi: 4, emptyBarRate: 0, pitchClassEntropy: 0, pitchRange: 0, usedPitchClasses: 1, qualifiedNoteRate: 1, inScaleRate: 1 });
    expect(generated.drumPatternRate).toBeUndefined();
    expect(generated.drumClassHistogram).toBeUndefined();
  });
  it('compares the pooled histograms: overlap area and KL(reference ‖ generated)', () => {
    const result = evaluateSet([scale], [fourCs], { kind: 'melody', smoothing: 0 });
    // Pitch classes: the reference is all C, the scale has C one time in 7.
    expect(result.pitchClass?.overlap).toBeCloseTo(1 / 7, 12);
    expect(result.pitchClass?.kl).toBeCloseTo(Math.log2(7), 12);
    // Intervals: all 2 against all 4.
    expect(result.ioi).toEqual({ overlap: 0, kl: Infinity });
    expect(result.drumClass).toBeUndefined();
    expect(result.generated.inScaleRate).toBeUndefined(); // no key given
    const same = evaluateSet([scale, fourCs], [fourCs, scale], { kind: 'melody' });
    expect(same.pitchClass?.overlap).toBeCloseTo(1, 12);
    expect(same.pitchClass?.kl).toBeCloseTo(0, 12);
    expect(same.ioi.overlap).toBeCloseTo(1, 12);
  });
  it('averages a figure over the examples where it is defined', () => {
    const figures = evaluateExamples([scale, silence], { kind: 'melody', key });
    expect(figures.pitchClassEntropy).toBeCloseTo(Math.log2(7), 12); // the silent bar has none
    expect(figures.noteDensity).toBe(3.5);
    expect(figures.emptyBarRate).toBe(0.5);
    expect(evaluateExamples([silence], { kind: 'melody' }).pitchRange).toBeNaN();
    expect(evaluateExamples([], { kind: 'melody' }).noteDensity).toBeNaN();
  });
  it('refuses examples that are not whole bars', () => {
    expect(() => evaluateExamples([new Int32Array(15)], { kind: 'melody' })).toThrow(RangeError);
  });
});

describe('evaluateSet: drums', () => {
  it('gives density, intervals, EB, DP and the drum-class comparison', () => {
    const result = evaluateSet([fourOnTheFloor], [backbeat], { kind: 'drums' });
    expect(result.generated).toMatchObject({ noteDensity: 4, meanIoi: 4, emptyBarRate: 0, drumPatternRate: 1 });
    expect([...(result.generated.drumClassHistogram as Float64Array)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    // 2 kicks, 2 snares, 8 hats.
    expect(result.reference).toMatchObject({ noteDensity: 12, meanIoi: 2 });
    expect([...(result.reference.drumClassHistogram as Float64Array)]).toEqual([2, 2, 8, 0, 0, 0, 0, 0, 0].map((x) => x / 12));
    expect(result.drumClass?.overlap).toBeCloseTo(1 / 6, 12);
    expect(result.pitchClass).toBeUndefined();
    expect(result.generated.pitchClassEntropy).toBeUndefined();
  });
});
