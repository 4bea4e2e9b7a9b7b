import { describe, expect, it } from 'vitest';
import { emptySequence, type NoteSequence } from '../note-sequence';
import { barBeatAt } from '../timing';
import { barIndexAt, barProblem, songBars } from './bars';

describe('songBars', () => {
  // 4/4 at 480 PPQ, then 3/4 from tick 2880, half-way through bar 2 (which is cut short).
  const song: NoteSequence = {
    ...emptySequence(480),
    timeSignatures: [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 2880, numerator: 3, denominator: 4 },
    ],
  };
  const bars = songBars(song, 5000);
  it('starts a bar at each signature change, as barBeatAt counts', () => {
    expect(bars).toEqual([
      { start: 0, end: 1920, numerator: 4, denominator: 4 },
      { start: 1920, end: 2880, numerator: 4, denominator: 4 },
      { start: 2880, end: 4320, numerator: 3, denominator: 4 },
      { start: 4320, end: 5760, numerator: 3, denominator: 4 },
    ]);
    bars.forEach((b, i) => expect(barBeatAt(song, b.start).bar).toBe(i + 1));
    expect(songBars(song, 0)).toEqual([]);
  });
  it('finds the bar at a tick', () => {
    expect(barIndexAt(bars, 0)).toBe(0);
    expect(barIndexAt(bars, 2879)).toBe(1);
    expect(barIndexAt(bars, 2880)).toBe(2);
    expect(barIndexAt(bars, 99_999)).toBe(3);
  });
  it('says why a bar is not a whole 4/4 bar', () => {
    expect(barProblem(bars[0]!, 480)).toBeUndefined();
    expect(barProblem(bars[1]!, 480)?.label).toBe('in short bars');
    expect(barProblem(bars[2]!, 480)).toEqual({ reason: 'time signature 3/4 is not supported', label: 'in 3/4' });
  });
});
