import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note } from '../note-sequence';
import { compareNotes } from '../note-order';
import { tickAt } from './grid';
import { canonicalDrumPitches, decodeDrums, drumClassOf, drumClasses, drumCombinationCount, drumHitCount, drumStepNotes, encodeDrums } from './drums';

const hit = (pitch: number, start: number): Note => ({ id: `${pitch}@${start}`, pitch, velocity: 100, start, duration: 60 });

describe('drum classes', () => {
  it('reduce every GM key 27…87, and 22 and 26, to nine classes', () => {
    const mapped = Array.from({ length: 128 }, (_, p) => p).filter((p) => drumClassOf(p) !== undefined);
    expect(mapped).toEqual([22, 26, ...Array.from({ length: 61 }, (_, i) => 27 + i)]);
    expect(drumClassOf(128)).toBeUndefined();
    expect(drumClassOf(-1)).toBeUndefined();
    expect(drumClasses).toHaveLength(9);
    expect(drumCombinationCount).toBe(512);
  });
  it('put each sound where a kit plays it', () => {
    const cls = (p: number) => drumClasses[drumClassOf(p) as number];
    expect(cls(35)).toBe('kick'); // acoustic bass drum
    expect(cls(37)).toBe('snare'); // side stick
    expect(cls(39)).toBe('snare'); // hand clap
    expect(cls(44)).toBe('closedHiHat'); // pedal hi-hat
    expect(cls(70)).toBe('closedHiHat'); // maracas
    expect(cls(46)).toBe('openHiHat');
    expect(cls(41)).toBe('lowTom'); // low floor tom
    expect(cls(43)).toBe('lowTom'); // high floor tom
    expect(cls(47)).toBe('midTom'); // low-mid tom
    expect(cls(60)).toBe('midTom'); // hi bongo
    expect(cls(50)).toBe('highTom');
    expect(cls(52)).toBe('crash'); // Chinese cymbal
    expect(cls(53)).toBe('ride'); // ride bell
    expect(canonicalDrumPitches).toEqual([36, 38, 42, 46, 45, 48, 50, 49, 51]);
    expect(canonicalDrumPitches.map(drumClassOf)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('encodeDrums / decodeDrums', () => {
  it('sets one bit per class struck on a step (a rock beat)', () => {
    // 480 PPQ, a step is 120 ticks: kick on 1 and 3, snare (electric, 40) on 2 and 4, closed hat on eighths, crash on 1.
    const notes = [hit(36, 0), hit(36, 960), hit(40, 480), hit(40, 1440), hit(49, 0), ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => hit(42, i * 240)), hit(20, 120)];
    const bits = encodeDrums(notes, 480, 0, 16);
    expect(bits).toBeInstanceOf(Uint16Array);
    // kick 1, snare 2, closed hat 4, crash 128
    expect([...bits]).toEqual([133, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0]);
    expect(drumHitCount(bits)).toBe(13);
  });
  it('decodes to canonical pitches, one step long, in start then pitch order', () => {
    const notes = decodeDrums([133, 0, 6], 480, 1920, { velocity: 90 });
    expect(notes.map(({ id: _id, ...rest }) => rest)).toEqual([
      { pitch: 36, velocity: 90, start: 1920, duration: 120 },
      { pitch: 42, velocity: 90, start: 1920, duration: 120 },
      { pitch: 49, velocity: 90, start: 1920, duration: 120 },
      { pitch: 38, velocity: 90, start: 2160, duration: 120 },
      { pitch: 42, velocity: 90, start: 2160, duration: 120 },
    ]);
    expect(drumStepNotes([3])).toEqual([
      { pitch: 36, start: 0, duration: 1 },
      { pitch: 38, start: 0, duration: 1 },
    ]);
  });
  it('refuses a step outside 0…511 and a window of no steps', () => {
    expect(() => drumStepNotes([512])).toThrow(RangeError);
    expect(() => drumStepNotes([1.5])).toThrow(RangeError);
    expect(() => encodeDrums([], 480, 0, 0)).toThrow(RangeError);
  });
  it('gives back canonical hits on the grid (round trip)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(24, 25, 96, 480, 960),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(16, 32, 64),
        fc.uniqueArray(fc.record({ step: fc.nat(63), cls: fc.nat(8) }), { selector: (h) => `${h.step}:${h.cls}`, maxLength: 60 }),
        (ppq, from, steps, hits) => {
          const notes: Note[] = hits
            .filter((h) => h.step < steps)
            .map((h, i) => ({ id: String(i), pitch: canonicalDrumPitches[h.cls] as number, velocity: 100, start: tickAt(h.step, ppq, from), duration: tickAt(h.step + 1, ppq, from) - tickAt(h.step, ppq, from) }));
          const decoded = decodeDrums(encodeDrums(notes, ppq, from, steps), ppq, from);
          const strip = (list: Note[]) => list.map(({ id: _id, ...rest }) => rest);
          expect(strip(decoded)).toEqual(strip([...notes].sort((a, b) => compareNotes({ ...a, id: '' }, { ...b, id: '' }))));
        },
      ),
    );
  });
});
