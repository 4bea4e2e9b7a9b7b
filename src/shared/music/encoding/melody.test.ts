import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note } from '../note-sequence';
import { tickAt } from './grid';
import {
  decodeMelody,
  encodeMelody,
  MelodyRejection,
  melodyStepNotes,
  melodyVocabularySize,
  noteOnToken,
  tokenPitch,
  tryEncodeMelody,
} from './melody';

const ppq = 480; // a step is 120 ticks
const n = (pitch: number, start: number, duration: number): Note => ({ id: `${pitch}@${start}`, pitch, velocity: 90, start, duration });
/** A note from step `s` lasting `len` steps at 480 PPQ from tick `from`. */
const at = (pitch: number, s: number, len: number, from = 0): Note => n(pitch, from + s * 120, len * 120);

describe('melody vocabulary', () => {
  it('is NO_EVENT, NOTE_OFF and one NOTE_ON per pitch of C3…B5', () => {
    expect(melodyVocabularySize()).toBe(38);
    expect(noteOnToken(48)).toBe(2);
    expect(noteOnToken(60)).toBe(14);
    expect(noteOnToken(83)).toBe(37);
    expect(tokenPitch(0)).toBeUndefined();
    expect(tokenPitch(1)).toBeUndefined();
    expect(tokenPitch(2)).toBe(48);
    expect(tokenPitch(37)).toBe(83);
    expect(() => tokenPitch(38)).toThrow(RangeError);
    expect(() => noteOnToken(47)).toThrow(RangeError);
    expect(melodyVocabularySize({ minPitch: 60, maxPitch: 71 })).toBe(14);
    expect(noteOnToken(60, { minPitch: 60, maxPitch: 71 })).toBe(2);
  });
});

describe('encodeMelody', () => {
  it('writes onsets, rests and note-offs on sixteenth steps', () => {
    // C4 for a quarter, E4 for an eighth, an eighth's rest, G4 for a half to the bar's end.
    const tokens = encodeMelody([at(60, 0, 4), at(64, 4, 2), at(67, 8, 8)], ppq, 0, 16);
    expect(tokens).toBeInstanceOf(Int32Array);
    expect([...tokens]).toEqual([14, 0, 0, 0, 18, 0, 1, 0, 21, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('counts steps from startTick and rounds to the nearest step', () => {
    const from = 1920;
    // 2030 is step 0.92 → 1; it ends at 2030 + 100 = 2130, step 1.75 → 2. 1870 is step −0.42 → 0.
    const tokens = encodeMelody([n(62, from + 110, 100), n(60, from - 50, 80)], ppq, from, 4);
    expect([...tokens]).toEqual([14, 16, 1, 0]);
  });
  it('keeps the highest of notes starting together, and lets a new onset end the previous note', () => {
    expect([...encodeMelody([at(60, 0, 4), at(67, 0, 4), at(64, 0, 4)], ppq, 0, 8)]).toEqual([21, 0, 0, 0, 1, 0, 0, 0]);
    // C5 held for 8 steps, cut by C4 at step 2 (which ends at 4); C5 does not come back.
    expect([...encodeMelody([at(72, 0, 8), at(60, 2, 2)], ppq, 0, 8)]).toEqual([26, 0, 14, 0, 1, 0, 0, 0]);
    // Of one pitch starting twice on a step, the longer note is kept.
    expect([...encodeMelody([at(60, 0, 1), at(60, 0, 3)], ppq, 0, 4)]).toEqual([14, 0, 0, 1]);
  });
  it('ignores onsets outside the window and cuts notes at its end', () => {
    const tokens = encodeMelody([at(60, -4, 8), at(62, 2, 10), at(64, 8, 4)], ppq, 0, 8);
    expect([...tokens]).toEqual([0, 0, 16, 0, 0, 0, 0, 0]);
    expect(melodyStepNotes(tokens)).toEqual([{ pitch: 62, start: 2, duration: 6 }]);
  });
  it('moves a line by whole octaves into range, the smallest shift, or rejects it', () => {
    const low = tryEncodeMelody([at(36, 0, 2), at(47, 2, 2)], ppq, 0, 4);
    expect(low).toEqual({ ok: true, tokens: Int32Array.from([2, 0, 13, 0]), transposition: 12, notes: 2 });
    const high = tryEncodeMelody([at(84, 0, 2), at(95, 2, 2)], ppq, 0, 4);
    expect(high.ok && high.transposition).toBe(-12);
    expect(high.ok && [...high.tokens]).toEqual([26, 0, 37, 0]);
    const twoOctavesUp = tryEncodeMelody([at(30, 0, 4)], ppq, 0, 4);
    expect(twoOctavesUp.ok && twoOctavesUp.transposition).toBe(24);
    // 35 semitones fit the 36-semitone range only from a C: C#3…C6 cannot be moved in.
    const wide = tryEncodeMelody([at(49, 0, 2), at(84, 2, 2)], ppq, 0, 4);
    expect(wide).toEqual({ ok: false, reason: 'the melody does not fit C3–B5 by whole-octave transposition' });
    expect(tryEncodeMelody([at(48, 0, 2), at(83, 2, 2)], ppq, 0, 4).ok).toBe(true);
    expect(() => encodeMelody([at(40, 0, 2), at(80, 2, 2)], ppq, 0, 4)).toThrow(MelodyRejection);
    // Only notes that survive the monophonic reduction count: the low C under the G is dropped.
    expect(tryEncodeMelody([at(20, 0, 2), at(67, 0, 2)], ppq, 0, 4).ok).toBe(true);
  });
  it('gives an empty window all NO_EVENT and refuses a window of no steps', () => {
    expect([...encodeMelody([], ppq, 0, 4)]).toEqual([0, 0, 0, 0]);
    expect(() => encodeMelody([], ppq, 0, 0)).toThrow(RangeError);
  });
});

describe('decodeMelody', () => {
  it('turns tokens into notes with new ids and the given velocity', () => {
    const notes = decodeMelody([14, 0, 0, 0, 18, 0, 1, 0, 21, 0, 0, 0, 0, 0, 0, 0], ppq, 960, { velocity: 70 });
    expect(notes.map(({ id: _id, ...rest }) => rest)).toEqual([
      { pitch: 60, velocity: 70, start: 960, duration: 480 },
      { pitch: 64, velocity: 70, start: 1440, duration: 240 },
      { pitch: 67, velocity: 70, start: 1920, duration: 960 },
    ]);
    expect(new Set(notes.map((x) => x.id)).size).toBe(3);
    expect(decodeMelody([14], ppq, 0)[0]?.velocity).toBe(100);
  });
  it('ignores a NOTE_OFF in silence and refuses tokens outside the vocabulary', () => {
    expect(melodyStepNotes([1, 0, 14, 1, 1])).toEqual([{ pitch: 60, start: 2, duration: 1 }]);
    expect(() => melodyStepNotes([0, 38])).toThrow(RangeError);
    expect(() => melodyStepNotes([-1])).toThrow(RangeError);
  });
});

const ppqs = fc.constantFrom(24, 25, 96, 100, 480, 960);

describe('melody round trip', () => {
  it('decode(encode(x)) is x for quantized monophonic in-range melodies', () => {
    const segment = fc.record({ gap: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 1, max: 12 }), pitch: fc.integer({ min: 48, max: 83 }) });
    fc.assert(
      fc.property(ppqs, fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(16, 32, 64), fc.array(segment, { maxLength: 40 }), fc.integer({ min: 1, max: 127 }), (q, from, steps, segments, velocity) => {
        const melody: Omit<Note, 'id'>[] = [];
        let pos = 0;
        for (const { gap, length, pitch } of segments) {
          const s = pos + gap;
          if (s >= steps) break;
          const e = Math.min(s + length, steps);
          melody.push({ pitch, velocity, start: tickAt(s, q, from), duration: tickAt(e, q, from) - tickAt(s, q, from) });
          pos = e;
        }
        const tokens = encodeMelody(melody.map((x, i) => ({ ...x, id: String(i) })), q, from, steps);
        expect(tokens.length).toBe(steps);
        const decoded = decodeMelody(tokens, q, from, { velocity });
        expect(decoded.map(({ id: _id, ...rest }) => rest)).toEqual(melody);
      }),
    );
  });
  it('encodes any notes to valid tokens, and encoding the decoded notes gives the same tokens', () => {
    const note = fc.record({ pitch: fc.integer({ min: 0, max: 127 }), start: fc.integer({ min: 0, max: 4000 }), duration: fc.integer({ min: 1, max: 2000 }) });
    fc.assert(
      fc.property(ppqs, fc.array(note, { maxLength: 30 }), fc.constantFrom(16, 32), (q, notes, steps) => {
        const encoded = tryEncodeMelody(notes, q, 0, steps);
        if (!encoded.ok) return;
        expect(Math.abs(encoded.transposition % 12)).toBe(0);
        expect(encoded.tokens.every((t) => t >= 0 && t < 38)).toBe(true);
        expect([...encodeMelody(decodeMelody(encoded.tokens, q, 0), q, 0, steps)]).toEqual([...encoded.tokens]);
      }),
    );
  });
});
