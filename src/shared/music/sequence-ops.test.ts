import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySequence, type Note, type NoteSequence, type Track } from './note-sequence';
import { isSortedNotes } from './note-order';
import { concat, humanize, merge, quantize, slice, snapToScale, songDurationTicks, transpose } from './sequence-ops';
import { arbitrarySequence, deepFreeze } from './testing/arbitrary-sequence';
import { nextBarLine } from './timing';

const note = (id: string, start: number, pitch = 60, duration = 100): Note => ({ id, pitch, velocity: 80, start, duration });
const track = (id: string, notes: Note[], over: Partial<Track> = {}): Track => ({ id, name: id, program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0, notes, ...over });
const song = (tracks: Track[], over: Partial<NoteSequence> = {}): NoteSequence => deepFreeze({ ...emptySequence(480), tracks, ...over });
const allNotes = (s: NoteSequence): Note[] => s.tracks.flatMap((t) => t.notes);
const sorted = (s: NoteSequence): boolean => s.tracks.every((t) => isSortedNotes(t.notes));

describe('quantize', () => {
  const s = song([track('a', [note('x', 110), note('y', 230)]), track('b', [note('z', 50)])]);
  it('moves starts to the grid by strength', () => {
    expect(allNotes(quantize(s, { grid: 120, strength: 1 })).map((n) => n.start)).toEqual([120, 240, 0]);
    expect(allNotes(quantize(s, { grid: 120, strength: 0.5 })).map((n) => n.start)).toEqual([115, 235, 25]);
    expect(allNotes(quantize(s, { grid: 120, strength: 1, trackIds: ['b'] })).map((n) => n.start)).toEqual([110, 230, 0]);
    expect(allNotes(quantize(s, { grid: 120, strength: 1, noteIds: ['y'] })).map((n) => n.start)).toEqual([110, 240, 50]);
    expect(() => quantize(s, { grid: 0, strength: 1 })).toThrow(RangeError);
  });
  it('at strength 1 puts every start on the grid, keeps order, and is idempotent', () => {
    fc.assert(
      fc.property(arbitrarySequence(), fc.integer({ min: 1, max: 960 }), (seq, grid) => {
        deepFreeze(seq);
        const q = quantize(seq, { grid, strength: 1 });
        expect(allNotes(q).every((n) => n.start % grid === 0)).toBe(true);
        expect(sorted(q)).toBe(true);
        expect(quantize(q, { grid, strength: 1 })).toEqual(q);
      }),
    );
  });
});

describe('transpose', () => {
  it('shifts melodic notes, clamps at the edges and leaves drums alone', () => {
    const s = song([track('a', [note('x', 0, 60), note('y', 0, 125)]), track('d', [note('k', 0, 36)], { isDrum: true })]);
    const t = transpose(s, 5);
    expect(allNotes(t).map((n) => n.pitch)).toEqual([65, 127, 36]);
    expect(t.tracks[1]).toBe(s.tracks[1]);
    expect(allNotes(transpose(s, -70)).map((n) => n.pitch)).toEqual([0, 55, 36]);
    expect(transpose(s, 0)).toBe(s);
  });
  it('+n then −n is the identity when nothing clamps', () => {
    fc.assert(
      fc.property(arbitrarySequence(), fc.integer({ min: -24, max: 24 }), (seq, n) => {
        deepFreeze(seq);
        const pitches = allNotes(seq).map((x) => x.pitch);
        fc.pre(pitches.every((p) => p + n >= 0 && p + n <= 127));
        expect(transpose(transpose(seq, n), -n)).toEqual(seq);
      }),
    );
  });
});

describe('snapToScale', () => {
  it('snaps melodic notes to the scale (ties down) and leaves drums alone', () => {
    const s = song([track('a', [note('x', 0, 61), note('y', 10, 66), note('z', 20, 64)]), track('d', [note('k', 0, 37)], { isDrum: true })]);
    const snapped = snapToScale(s, 0, 'major');
    expect(allNotes(snapped).map((n) => n.pitch)).toEqual([60, 65, 64, 37]);
    expect(allNotes(snapToScale(s, 2, 'major')).map((n) => n.pitch)).toEqual([61, 66, 64, 37]);
  });
});

describe('humanize', () => {
  it('is deterministic for a seed, stays within bounds, and keeps ids and order', () => {
    fc.assert(
      fc.property(arbitrarySequence(), fc.integer(), (seq, seed) => {
        deepFreeze(seq);
        const options = { timingTicks: 20, velocity: 10, seed };
        const h = humanize(seq, options);
        expect(humanize(seq, options)).toEqual(h);
        expect(sorted(h)).toBe(true);
        const before = new Map(allNotes(seq).map((n) => [n.id, n]));
        for (const n of allNotes(h)) {
          const old = before.get(n.id) as Note;
          expect(Math.abs(n.start - old.start)).toBeLessThanOrEqual(20);
          expect(Math.abs(n.velocity - old.velocity)).toBeLessThanOrEqual(10);
          expect(n.velocity).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
  it('changes something for a non-trivial song and differs across seeds', () => {
    const s = song([track('a', Array.from({ length: 20 }, (_, i) => note(`n${i}`, i * 480 + 100)))]);
    expect(humanize(s, { timingTicks: 30, velocity: 10, seed: 1 })).not.toEqual(s);
    expect(humanize(s, { timingTicks: 30, velocity: 10, seed: 1 })).not.toEqual(humanize(s, { timingTicks: 30, velocity: 10, seed: 2 }));
  });
});

describe('slice', () => {
  it('cuts notes to the range, starts at 0 and carries the maps in force', () => {
    const s = song([track('a', [note('x', 0, 60, 600), note('y', 500, 62, 100), note('z', 900, 64, 400), note('w', 2000)])], {
      tempos: [{ tick: 0, bpm: 100 }, { tick: 400, bpm: 140 }, { tick: 1000, bpm: 90 }],
      keySignatures: [{ tick: 700, tonic: 2, mode: 'major' }],
    });
    const cut = slice(s, 480, 1000);
    expect(cut.tracks[0]?.notes).toEqual([note('x', 0, 60, 120), note('y', 20, 62, 100), note('z', 420, 64, 100)]);
    expect(cut.tempos).toEqual([{ tick: 0, bpm: 140 }]);
    expect(cut.timeSignatures).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(cut.keySignatures).toEqual([{ tick: 220, tonic: 2, mode: 'major' }]);
    expect(() => slice(s, 10, 10)).toThrow(RangeError);
  });
  it('slice(0, duration) keeps every note', () => {
    fc.assert(
      fc.property(arbitrarySequence(), (seq) => {
        const end = songDurationTicks(seq);
        fc.pre(end > 0);
        const cut = slice(deepFreeze(seq), 0, end);
        expect(cut.tracks).toEqual(seq.tracks);
        expect(cut.tempos).toEqual(seq.tempos.filter((t) => t.tick < end));
      }),
    );
  });
});

describe('concat and merge', () => {
  const a = song([track('piano', [note('a1', 0, 60, 500)]), track('drums', [note('a2', 0, 36)], { isDrum: true })], {
    timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }],
  });
  const b = song([track('piano', [note('a1', 0, 67, 120)]), track('bass', [note('b2', 60, 40)], { program: 33 })], {
    ppq: 240,
    tempos: [{ tick: 0, bpm: 90 }],
  });
  it('puts b at the next bar line of a, at a’s ppq, matching tracks by name/program/drum', () => {
    const c = concat(a, b);
    expect(c.ppq).toBe(480);
    expect(c.tracks.map((t) => t.name)).toEqual(['piano', 'drums', 'bass']);
    const piano = c.tracks[0]?.notes ?? [];
    expect(piano.map((n) => [n.start, n.pitch, n.duration])).toEqual([[0, 60, 500], [1440, 67, 240]]);
    expect(new Set(allNotes(c).map((n) => n.id)).size).toBe(4); // the colliding id a1 was replaced
    expect(c.tracks[2]?.notes.map((n) => n.start)).toEqual([1440 + 120]);
    expect(c.tempos).toEqual([{ tick: 0, bpm: 120 }, { tick: 1440, bpm: 90 }]);
    expect(c.timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }, { tick: 1440, numerator: 4, denominator: 4 }]);
  });
  it('merge layers b over a from tick 0 with a’s maps', () => {
    const m = merge(a, b);
    expect(m.tempos).toBe(a.tempos);
    expect(m.tracks[0]?.notes.map((n) => n.start)).toEqual([0, 0]);
    expect(m.tracks.length).toBe(3);
  });
  it('concat keeps every note of both songs, in order, with unique ids', () => {
    fc.assert(
      fc.property(arbitrarySequence(), arbitrarySequence(), (x, y) => {
        const c = concat(deepFreeze(x), deepFreeze(y));
        expect(allNotes(c).length).toBe(allNotes(x).length + allNotes(y).length);
        expect(new Set(allNotes(c).map((n) => n.id)).size).toBe(allNotes(c).length);
        expect(sorted(c)).toBe(true);
        // Every note of x starts before the bar line and every note of y at or after it.
        const offset = nextBarLine(x, songDurationTicks(x));
        expect(offset).toBeGreaterThanOrEqual(songDurationTicks(x));
        expect(allNotes(c).filter((n) => n.start >= offset).length).toBe(allNotes(y).length);
      }),
    );
  });
});
