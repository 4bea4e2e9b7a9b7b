// fast-check generator of SongOps that apply to a given song (existing ids, indexes in range, new
// ids that are new), covering every op type, for the apply/inverse property tests.
import fc from 'fast-check';
import type { Note, NoteSequence } from '../note-sequence';
import type { SongOp } from '../song-ops';

let fresh = 0;
const newNoteId = (): string => `new-${fresh++}`;

const noteFields = fc.record({
  pitch: fc.integer({ min: 0, max: 127 }),
  velocity: fc.integer({ min: 1, max: 127 }),
  start: fc.integer({ min: 0, max: 20_000 }),
  duration: fc.integer({ min: 1, max: 2_000 }),
});

export function arbitrarySongOp(song: NoteSequence): fc.Arbitrary<SongOp> {
  const ops: fc.Arbitrary<SongOp>[] = [
    fc.array(fc.record({ tick: fc.integer({ min: 1, max: 9_999 }), bpm: fc.double({ min: 10, max: 999, noNaN: true }) }), { maxLength: 3 }).map(
      (rest): SongOp => ({ type: 'setTempos', tempos: [{ tick: 0, bpm: 100 }, ...uniqueSorted(rest)] }),
    ),
    fc.constantFrom(2, 3, 4, 6).map((numerator): SongOp => ({ type: 'setTimeSignatures', timeSignatures: [{ tick: 0, numerator, denominator: 4 }] })),
    fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 2 }).map(
      (tonics): SongOp => ({ type: 'setKeySignatures', keySignatures: tonics.map((tonic, i) => ({ tick: i * 960, tonic, mode: 'minor' as const })) }),
    ),
    fc.tuple(fc.array(noteFields, { maxLength: 4 }), fc.integer({ min: 0, max: song.tracks.length }), fc.boolean()).map(
      ([notes, index, atEnd]): SongOp => ({
        type: 'addTrack',
        index: atEnd ? undefined : index,
        track: {
          id: `track-${fresh++}`, name: 'New', program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0,
          notes: notes.map((n) => ({ ...n, id: newNoteId() })),
        },
      }),
    ),
  ];
  if (song.tracks.length > 0) {
    const track = fc.constantFrom(...song.tracks);
    ops.push(
      track.map((t): SongOp => ({ type: 'removeTrack', trackId: t.id })),
      fc.tuple(track, fc.integer({ min: 0, max: song.tracks.length - 1 })).map(([t, index]): SongOp => ({ type: 'moveTrack', trackId: t.id, index })),
      fc.tuple(track, fc.record({ name: fc.string({ maxLength: 8 }), mute: fc.boolean(), pan: fc.double({ min: -1, max: 1, noNaN: true }) }, { requiredKeys: [] })).map(
        ([t, changes]): SongOp => ({ type: 'updateTrack', trackId: t.id, changes }),
      ),
      // Non-overlapping clips: sorted distinct starts, each up to the next one.
      fc.tuple(track, fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { maxLength: 4 })).map(([t, starts]): SongOp => {
        const sorted = [...starts].sort((a, b) => a - b);
        const clips = sorted.map((start, i) => ({ id: `clip-${fresh++}`, name: 'Clip', start, duration: (sorted[i + 1] ?? start + 1920) - start }));
        return { type: 'setClips', trackId: t.id, clips };
      }),
      fc.tuple(track, fc.array(noteFields, { minLength: 1, maxLength: 5 })).map(
        ([t, notes]): SongOp => ({ type: 'addNotes', trackId: t.id, notes: notes.map((n) => ({ ...n, id: newNoteId() })) }),
      ),
    );
    const withNotes = song.tracks.filter((t) => t.notes.length > 0);
    if (withNotes.length > 0) {
      const someNotes = fc.constantFrom(...withNotes).chain((t) => fc.tuple(fc.constant(t.id), fc.subarray(t.notes as Note[], { minLength: 1 })));
      ops.push(
        someNotes.map(([trackId, notes]): SongOp => ({ type: 'removeNotes', trackId, noteIds: notes.map((n) => n.id) })),
        someNotes.chain(([trackId, notes]) =>
          fc.tuple(...notes.map((n) => fc.record({ pitch: fc.integer({ min: 0, max: 127 }), start: fc.integer({ min: 0, max: 20_000 }), duration: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }).map((p) => ({ id: n.id, ...p })))).map(
            (changes): SongOp => ({ type: 'updateNotes', trackId, changes }),
          ),
        ),
      );
    }
  }
  return fc.oneof(...ops);
}

function uniqueSorted<T extends { tick: number }>(entries: T[]): T[] {
  const byTick = new Map(entries.map((e) => [e.tick, e]));
  return [...byTick.values()].sort((a, b) => a.tick - b.tick);
}
