import { describe, expect, it } from 'vitest';
import type { StepNote } from './grid';
import {
  drumClassHistogram,
  drumPatternRate,
  emptyBarRate,
  inScaleRate,
  interOnsetIntervals,
  ioiHistogram,
  meanIoi,
  noteDensity,
  pitchClassEntropy,
  pitchClassHistogram,
  pitchRange,
  qualifiedNoteRate,
  stepNotesOf,
  usedPitchClassesPerBar,
} from './metrics';

const sn = (pitch: number, start: number, duration: number): StepNote => ({ pitch, start, duration });

// C major scale C4…B4 in eighths over one bar (steps 0, 2, …, 12).
const scale = [60, 62, 64, 65, 67, 69, 71].map((p, i) => sn(p, 2 * i, 2));
// Two bars: C4 and E4 for a quarter each, C5 for a half, then a bar of rest.
const sparse = [sn(60, 0, 4), sn(64, 4, 4), sn(72, 8, 8)];

describe('pitch metrics', () => {
  it('a C major scale: every class once, entropy log2(7), range 11, 7 classes in the bar, all in C major', () => {
    const h = pitchClassHistogram(scale);
    expect([...h]).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1].map((x) => x / 7));
    expect(pitchClassEntropy(scale)).toBeCloseTo(Math.log2(7), 12);
    expect(pitchRange(scale)).toBe(11);
    expect(usedPitchClassesPerBar(scale)).toBe(7);
    expect(inScaleRate(scale, 0, 'major')).toBe(1);
    // C natural minor has C D Eb F G Ab Bb: of the scale, C D F G are in it.
    expect(inScaleRate(scale, 0, 'minor')).toBe(4 / 7);
    // G major (one sharp): every note but F.
    expect(inScaleRate(scale, 7, 'major')).toBe(6 / 7);
  });
  it('C, E, C: entropy of (2/3, 1/3), range an octave, two classes in the one bar with onsets', () => {
    expect(pitchClassEntropy(sparse)).toBeCloseTo(Math.log2(3) - 2 / 3, 12);
    expect(pitchRange(sparse)).toBe(12);
    expect(usedPitchClassesPerBar(sparse)).toBe(2);
    expect(pitchClassEntropy([sn(60, 0, 1), sn(72, 4, 1)])).toBe(0);
  });
  it('are undefined (NaN) without notes', () => {
    expect(pitchClassEntropy([])).toBeNaN();
    expect(pitchRange([])).toBeNaN();
    expect(usedPitchClassesPerBar([])).toBeNaN();
    expect(inScaleRate([], 0, 'major')).toBeNaN();
    expect([...pitchClassHistogram([])]).toEqual(new Array(12).fill(0));
  });
});

describe('rhythm metrics', () => {
  it('note density is onsets per bar', () => {
    expect(noteDensity(scale, 1)).toBe(7);
    expect(noteDensity(sparse, 2)).toBe(1.5);
  });
  it('inter-onset intervals count distinct onsets; the histogram is indexed by steps and clamps its last bin', () => {
    expect(interOnsetIntervals(scale)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(meanIoi(scale)).toBe(2);
    expect(meanIoi(sparse)).toBe(4);
    const h = ioiHistogram(scale, 4);
    expect([...h]).toEqual([0, 0, 1, 0, 0]);
    // A chord on step 0, then onsets at 3 and 43: intervals 3 and 40 (≥ 32 goes to the last bin).
    const chords = [sn(60, 0, 1), sn(64, 0, 1), sn(60, 3, 1), sn(60, 43, 1)];
    expect(interOnsetIntervals(chords)).toEqual([3, 40]);
    expect(ioiHistogram(chords)[3]).toBe(0.5);
    expect(ioiHistogram(chords)[32]).toBe(0.5);
    expect(meanIoi([sn(60, 0, 1)])).toBeNaN();
  });
  it('empty-bar rate counts bars where nothing sounds', () => {
    expect(emptyBarRate(scale, 1)).toBe(0);
    expect(emptyBarRate(sparse, 2)).toBe(0.5);
    expect(emptyBarRate([sn(60, 12, 8)], 2)).toBe(0); // held over the bar line
    expect(emptyBarRate([sn(60, 0, 1)], 4)).toBe(0.75);
    expect(emptyBarRate([], 2)).toBe(1);
  });
  it('qualified-note rate is the share of notes of three steps or more', () => {
    expect(qualifiedNoteRate(scale)).toBe(0);
    expect(qualifiedNoteRate(sparse)).toBe(1);
    expect(qualifiedNoteRate([sn(60, 0, 2), sn(60, 2, 3), sn(60, 5, 1), sn(60, 6, 10)])).toBe(0.5);
    expect(qualifiedNoteRate([])).toBeNaN();
  });
});

describe('drum metrics', () => {
  it('DP: 1 on a sixteenth, MuseGAN’s 0.1 one 96th of a bar off it, 0 elsewhere', () => {
    // 480 PPQ: a sixteenth is 120 ticks, MuseGAN's unit (a 24th of a quarter) 20 ticks.
    // 0 and 120 on the grid; 20 and 100 one unit off; 60 (a 32nd) is not in the pattern.
    const hits = [0, 120, 20, 100, 60].map((start) => ({ start }));
    expect(drumPatternRate(hits, 480)).toBeCloseTo((1 + 1 + 0.1 + 0.1 + 0) / 5, 12);
    expect(drumPatternRate(hits, 480, 0)).toBeCloseTo(2 / 5, 12);
    expect(drumPatternRate([sn(36, 0, 1), sn(38, 5, 1)], 4)).toBe(1); // sixteenth tokens: on the grid by construction
    expect(drumPatternRate([], 480)).toBeNaN();
  });
  it('drum-class histogram shares hits by class, leaving out keys outside the kit', () => {
    const h = drumClassHistogram([sn(36, 0, 1), sn(35, 4, 1), sn(40, 4, 1), sn(60, 8, 1), sn(20, 9, 1)]);
    expect([...h]).toEqual([0.5, 0.25, 0, 0, 0, 0.25, 0, 0, 0]);
  });
});

describe('stepNotesOf', () => {
  it('puts song notes on the step grid from the window start', () => {
    // 480 PPQ from tick 1920: 2030 is step 0.92 → 1; it ends at 2280, step 3.
    expect(stepNotesOf([{ pitch: 60, start: 2030, duration: 250 }, { pitch: 62, start: 1920, duration: 10 }], 480, 1920)).toEqual([sn(60, 1, 2), sn(62, 0, 1)]);
  });
});
