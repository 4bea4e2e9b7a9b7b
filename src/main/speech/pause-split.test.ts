import { describe, expect, it } from 'vitest';
import { findPauseCut, frameLevels, frameSamples, hasSpeech, quietestFrame, speechThreshold } from './pause-split';

describe('pause-split', () => {
  it('measures each whole 20 ms frame', () => {
    const pcm = new Float32Array(frameSamples * 2 + 10).fill(0.5);
    pcm.fill(0, frameSamples);
    expect(frameLevels(pcm, 0, pcm.length)).toEqual([0.5, 0]);
  });

  it('puts the threshold above the quiet frames, never under the floor', () => {
    expect(speechThreshold([])).toBe(0.004);
    const levels = [...Array(20).fill(0.01), ...Array(80).fill(0.2)];
    expect(speechThreshold(levels)).toBeCloseTo(0.03);
    expect(speechThreshold(Array(100).fill(0.0001))).toBe(0.004);
  });

  it('cuts in the middle of the first 0.6 s pause after speech, and not before speech', () => {
    const quiet = (n: number) => Array<number>(n).fill(0.001);
    const loud = (n: number) => Array<number>(n).fill(0.1);
    // Silence first is no pause; 0.4 s between words is none either.
    expect(findPauseCut([...quiet(40), ...loud(10), ...quiet(20), ...loud(10)], 0, 80, 0.01)).toBe(-1);
    const levels = [...quiet(40), ...loud(10), ...quiet(40), ...loud(10)];
    expect(findPauseCut(levels, 0, levels.length, 0.01)).toBe(50 + 29 - 15);
    expect(findPauseCut(levels, 65, levels.length, 0.01)).toBe(-1);
    expect(hasSpeech(levels, 0, 45, 0.01)).toBe(true);
    expect(hasSpeech(levels, 60, 90, 0.01)).toBe(false);
    expect(quietestFrame([0.3, 0.2, 0.05, 0.2], 0, 4)).toBe(2);
  });
});
