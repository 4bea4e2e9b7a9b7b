import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySequence, type NoteSequence } from './note-sequence';
import { barBeatAt, nextBarLine, secondsToTicks, sequenceSummary, songDurationTicks, ticksToSeconds } from './timing';
import { arbitrarySequence } from './testing/arbitrary-sequence';

const base = (over: Partial<NoteSequence>): NoteSequence => ({ ...emptySequence(480), ...over });

describe('ticks and seconds', () => {
  const seq = base({ tempos: [{ tick: 0, bpm: 120 }, { tick: 960, bpm: 60 }] });
  it('follows the tempo map', () => {
    expect(ticksToSeconds(seq, 480)).toBeCloseTo(0.5, 12);
    expect(ticksToSeconds(seq, 960)).toBeCloseTo(1, 12);
    expect(ticksToSeconds(seq, 1440)).toBeCloseTo(2, 12);
    expect(secondsToTicks(seq, 2)).toBeCloseTo(1440, 9);
    expect(secondsToTicks(seq, 0.25)).toBeCloseTo(240, 9);
  });
  it('round-trips within a tick for any tempo map', () => {
    fc.assert(
      fc.property(arbitrarySequence(), fc.integer({ min: 0, max: 100_000 }), (s, tick) => {
        expect(Math.abs(secondsToTicks(s, ticksToSeconds(s, tick)) - tick)).toBeLessThan(1);
      }),
    );
  });
});

describe('barBeatAt', () => {
  it('counts 1-based bars and beats in 4/4', () => {
    const seq = emptySequence(480);
    expect(barBeatAt(seq, 0)).toEqual({ bar: 1, beat: 1, tick: 0 });
    expect(barBeatAt(seq, 500)).toEqual({ bar: 1, beat: 2, tick: 20 });
    expect(barBeatAt(seq, 1920 * 2 + 480 * 3)).toEqual({ bar: 3, beat: 4, tick: 0 });
  });
  it('follows time-signature changes, each starting a new bar', () => {
    // Two bars of 4/4, then 6/8 (beats are eighths, 240 ticks), then a change in the middle of a 6/8 bar.
    const seq = base({ timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 3840, numerator: 6, denominator: 8 }, { tick: 3840 + 1440 + 720, numerator: 2, denominator: 4 }] });
    expect(barBeatAt(seq, 3840)).toEqual({ bar: 3, beat: 1, tick: 0 });
    expect(barBeatAt(seq, 3840 + 1440 + 250)).toEqual({ bar: 4, beat: 2, tick: 10 });
    expect(barBeatAt(seq, 3840 + 1440 + 720)).toEqual({ bar: 5, beat: 1, tick: 0 });
  });
  it('puts the next bar line of the last signature at or after a tick', () => {
    const seq = base({ timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 960, numerator: 3, denominator: 4 }] });
    expect(nextBarLine(seq, 961)).toBe(960 + 1440);
    expect(nextBarLine(seq, 960 + 1440)).toBe(960 + 1440);
    expect(nextBarLine(seq, 100)).toBe(960);
  });
});

describe('songDurationTicks and sequenceSummary', () => {
  it('measure the end of the last note', () => {
    const seq = base({
      tempos: [{ tick: 0, bpm: 60 }],
      tracks: [{ id: 't', name: '', program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0, notes: [{ id: 'a', pitch: 60, velocity: 1, start: 100, duration: 860 }, { id: 'b', pitch: 60, velocity: 1, start: 0, duration: 10 }] }],
    });
    expect(songDurationTicks(seq)).toBe(960);
    expect(sequenceSummary(seq)).toEqual({ tracks: 1, notes: 2, durationSeconds: 2 });
    expect(songDurationTicks(emptySequence())).toBe(0);
  });
});
