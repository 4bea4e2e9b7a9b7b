import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  collectionForKey,
  drumAttributes,
  estimateKey,
  keyProfileCorrelation,
  meanPitch,
  melodyAttributes,
  quantileEdges,
  scaleClassOf,
} from './attributes';
import type { StepNote } from './grid';

/** Quarter notes (4 steps each) from step 0. */
const line = (pitches: number[]): StepNote[] => pitches.map((pitch, i) => ({ pitch, start: 4 * i, duration: 4 }));

describe('estimateKey', () => {
  it('finds C major in a C major scale walk and G major once F♯ appears', () => {
    expect(estimateKey(line([60, 62, 64, 65, 67, 69, 71, 72]))).toEqual({ tonic: 0, mode: 'major' });
    expect(estimateKey(line([67, 69, 71, 72, 74, 76, 78, 79]))).toEqual({ tonic: 7, mode: 'major' });
  });

  it('tells A minor from C major (same notes) by the key profile', () => {
    // A natural minor, dwelling on A, C and E.
    const notes = line([57, 60, 64, 57, 59, 60, 62, 64, 57, 69, 64, 57]);
    expect(estimateKey(notes)).toEqual({ tonic: 9, mode: 'minor' });
    expect(keyProfileCorrelation(notes, { tonic: 9, mode: 'minor' })).toBeGreaterThan(keyProfileCorrelation(notes, { tonic: 0, mode: 'major' }));
  });

  it('finds D minor from a harmonic-minor line (C♯ is the one note out)', () => {
    expect(estimateKey(line([62, 64, 65, 67, 69, 70, 61, 62, 69, 62]))).toEqual({ tonic: 2, mode: 'minor' });
  });

  it('answers null without notes', () => {
    expect(estimateKey([])).toBeNull();
  });
});

describe('scale classes', () => {
  it('maps a key to its diatonic collection', () => {
    expect(scaleClassOf({ tonic: 0, mode: 'major' })).toBe(0);
    expect(scaleClassOf({ tonic: 9, mode: 'minor' })).toBe(0);
    expect(scaleClassOf({ tonic: 4, mode: 'minor' })).toBe(7);
  });

  it('maps any asked scale to the collection holding most of it', () => {
    expect(collectionForKey(0, 'major')).toBe(0);
    expect(collectionForKey(9, 'minor')).toBe(0);
    expect(collectionForKey(2, 'dorian')).toBe(0);
    expect(collectionForKey(7, 'mixolydian')).toBe(0);
    expect(collectionForKey(4, 'majorPentatonic')).toBe(4);
    expect(collectionForKey(9, 'minorPentatonic')).toBe(0);
  });
});

describe('density, register and buckets', () => {
  it('measures notes per bar and mean pitch', () => {
    const a = melodyAttributes(line([60, 62, 64, 65, 67, 69, 71, 72]), 2);
    expect(a.density).toBe(4);
    expect(a.register).toBe(66.25);
    expect(a.scaleClass).toBe(0);
    expect(meanPitch([])).toBeNaN();
    expect(melodyAttributes([], 2).scaleClass).toBe(-1);
    expect(drumAttributes(line([36, 42, 38, 42]), 2)).toEqual({ key: null, scaleClass: -1, density: 2, register: NaN });
  });

  it('buckets values between ascending edges', () => {
    expect([0, 1.9, 2, 3, 5, 100].map((v) => bucketOf(v, [2, 4, 6]))).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('splits values at their quantiles, dropping repeated edges', () => {
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([3, 5, 7]);
    expect(quantileEdges([1, 1, 1, 1, 1, 1, 2, 3], 4)).toEqual([2]);
    expect(quantileEdges([], 4)).toEqual([]);
  });
});
