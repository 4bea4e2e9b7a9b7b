import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySequence, maxNotesPerSong, type Note, type NoteSequence, type Track } from './note-sequence';
import { compareNotes, isSortedNotes } from './note-order';
import type { SongOp } from './song-ops';
import { applySongOp, applySongOps, SongOpError } from './song-ops-apply';
import { describeSongOps } from './song-ops-describe';
import { arbitrarySequence, deepFreeze } from './testing/arbitrary-sequence';
import { arbitrarySongOp } from './testing/arbitrary-song-op';

const note = (id: string, start: number, pitch = 60): Note => ({ id, pitch, velocity: 100, start, duration: 10 });
const track = (id: string, notes: Note[] = []): Track => ({ id, name: id, program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0, notes });
const song = (...tracks: Track[]): NoteSequence => deepFreeze({ ...emptySequence(), tracks });

describe('applySongOp', () => {
  it('adds a track at an index and undoes it', () => {
    const s = song(track('a'), track('b'));
    const { song: next, inverse } = applySongOp(s, { type: 'addTrack', track: track('c', [note('x', 5), note('y', 1)]), index: 1 });
    expect(next.tracks.map((t) => t.id)).toEqual(['a', 'c', 'b']);
    expect(next.tracks[1]?.notes.map((n) => n.id)).toEqual(['y', 'x']);
    expect(inverse).toEqual([{ type: 'removeTrack', trackId: 'c' }]);
    expect(applySongOps(next, inverse).song).toEqual(s);
  });

  it('removes a track; the inverse puts the whole track back at its index', () => {
    const s = song(track('a'), track('b', [note('n', 0)]), track('c'));
    const { song: next, inverse } = applySongOp(s, { type: 'removeTrack', trackId: 'b' });
    expect(next.tracks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(inverse).toEqual([{ type: 'addTrack', track: s.tracks[1], index: 1 }]);
  });

  it('moves a track and back', () => {
    const s = song(track('a'), track('b'), track('c'));
    const { song: next, inverse } = applySongOp(s, { type: 'moveTrack', trackId: 'a', index: 2 });
    expect(next.tracks.map((t) => t.id)).toEqual(['b', 'c', 'a']);
    expect(inverse).toEqual([{ type: 'moveTrack', trackId: 'a', index: 0 }]);
  });

  it('updates track settings; the inverse restores exactly the changed fields', () => {
    const s = song(track('a'));
    const { song: next, inverse } = applySongOp(s, { type: 'updateTrack', trackId: 'a', changes: { name: 'Bass', mute: true } });
    expect(next.tracks[0]).toMatchObject({ name: 'Bass', mute: true, solo: false });
    expect(inverse).toEqual([{ type: 'updateTrack', trackId: 'a', changes: { name: 'a', mute: false } }]);
  });

  it('adds, updates and removes notes, keeping (start, pitch, id) order', () => {
    const s = song(track('a', [note('n1', 0), note('n2', 20)]));
    const added = applySongOp(s, { type: 'addNotes', trackId: 'a', notes: [note('n3', 10), note('n0', 0, 50)] });
    expect(added.song.tracks[0]?.notes.map((n) => n.id)).toEqual(['n0', 'n1', 'n3', 'n2']);
    expect(added.inverse).toEqual([{ type: 'removeNotes', trackId: 'a', noteIds: ['n3', 'n0'] }]);
    const moved = applySongOp(added.song, { type: 'updateNotes', trackId: 'a', changes: [{ id: 'n1', start: 30 }] });
    expect(moved.song.tracks[0]?.notes.map((n) => n.id)).toEqual(['n0', 'n3', 'n2', 'n1']);
    expect(moved.inverse).toEqual([{ type: 'updateNotes', trackId: 'a', changes: [{ id: 'n1', start: 0 }] }]);
    const removed = applySongOp(moved.song, { type: 'removeNotes', trackId: 'a', noteIds: ['n2'] });
    expect(removed.inverse).toEqual([{ type: 'addNotes', trackId: 'a', notes: [note('n2', 20)] }]);
  });

  it('replaces the tempo, time and key maps and restores them', () => {
    const s = song();
    const op: SongOp = { type: 'setTempos', tempos: [{ tick: 0, bpm: 90 }, { tick: 960, bpm: 140 }] };
    const { song: next, inverse } = applySongOp(s, op);
    expect(next.tempos).toEqual(op.tempos);
    expect(inverse).toEqual([{ type: 'setTempos', tempos: s.tempos }]);
    expect(applySongOp(s, { type: 'setKeySignatures', keySignatures: [] }).inverse).toEqual([{ type: 'setKeySignatures', keySignatures: [] }]);
  });

  it('refuses ops that no longer apply, with a readable reason', () => {
    const s = song(track('a', [note('n1', 0)]), track('b', [note('n2', 0)]));
    const refuse = (op: SongOp, message: RegExp): void => {
      expect(() => applySongOp(s, op)).toThrow(SongOpError);
      expect(() => applySongOp(s, op)).toThrow(message);
    };
    refuse({ type: 'removeTrack', trackId: 'zz' }, /Track zz no longer exists \(it may have been deleted in another window\)\./);
    refuse({ type: 'addNotes', trackId: 'a', notes: [note('n2', 5)] }, /A note with id n2 already exists\./);
    refuse({ type: 'addNotes', trackId: 'a', notes: [note('x', 5), note('x', 6)] }, /A note with id x already exists\./);
    refuse({ type: 'addTrack', track: track('c', [note('n1', 0)]) }, /A note with id n1 already exists/);
    refuse({ type: 'addTrack', track: track('a') }, /A track with id a already exists/);
    refuse({ type: 'addTrack', track: track('c'), index: 3 }, /position 4: the song has 2 tracks/);
    refuse({ type: 'moveTrack', trackId: 'a', index: 2 }, /position 3/);
    refuse({ type: 'removeNotes', trackId: 'a', noteIds: ['n2'] }, /Note n2 is not in track “a”/);
    refuse({ type: 'removeNotes', trackId: 'a', noteIds: ['n1', 'n1'] }, /names note n1 twice/);
    refuse({ type: 'updateNotes', trackId: 'b', changes: [{ id: 'n1', pitch: 3 }] }, /Note n1 is not in track/);
    refuse({ type: 'updateNotes', trackId: 'a', changes: [{ id: 'n1', pitch: 3 }, { id: 'n1', pitch: 4 }] }, /changes note n1 twice/);
    refuse({ type: 'setTempos', tempos: [{ tick: 10, bpm: 90 }] }, /first tempo must be at the start/);
    refuse({ type: 'setTempos', tempos: [{ tick: 0, bpm: 90 }, { tick: 0, bpm: 100 }] }, /in order, at most one per tick/);
    refuse({ type: 'setTimeSignatures', timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 5, numerator: 3, denominator: 4 }, { tick: 4, numerator: 4, denominator: 4 }] }, /in order/);
    refuse({ type: 'setKeySignatures', keySignatures: [{ tick: 5, tonic: 0, mode: 'major' }, { tick: 1, tonic: 0, mode: 'major' }] }, /key changes must be in order/);
  });

  it('refuses more notes than a song may hold', () => {
    const many = Array.from({ length: maxNotesPerSong }, (_, i) => note(`m${i}`, i));
    const s = song(track('a', many));
    expect(() => applySongOp(s, { type: 'addNotes', trackId: 'a', notes: [note('one-more', 0)] })).toThrow(/at most 200,000 notes; this edit would make 200,001/);
  });

  it('applySongOps inverts a list in reverse order', () => {
    const s = song(track('a'));
    const ops: SongOp[] = [
      { type: 'addNotes', trackId: 'a', notes: [note('x', 0)] },
      { type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', pitch: 72 }] },
    ];
    const { song: next, inverse } = applySongOps(s, ops);
    expect(inverse).toEqual([
      { type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', pitch: 60 }] },
      { type: 'removeNotes', trackId: 'a', noteIds: ['x'] },
    ]);
    expect(applySongOps(next, inverse).song).toEqual(s);
    expect(() => applySongOps(s, [...ops, { type: 'removeTrack', trackId: 'nope' }])).toThrow(SongOpError);
  });
});

describe('applySongOp properties', () => {
  const songAndOps = arbitrarySequence({ maxNotesPerTrack: 8 }).chain((s) =>
    fc.tuple(fc.constant(s), arbitrarySongOp(s)).chain(([s1, op1]) => {
      const s2 = applySongOp(s1, op1).song;
      return fc.tuple(fc.constant(s1), fc.constant(op1), arbitrarySongOp(s2));
    }),
  );

  it('undo restores the song, input is never mutated, and notes stay ordered', () => {
    fc.assert(
      fc.property(songAndOps, ([s, op1, op2]) => {
        deepFreeze(s);
        deepFreeze(op1);
        deepFreeze(op2);
        const snapshot = structuredClone(s);
        const { song: next, inverse } = applySongOps(s, [op1, op2]);
        expect(s).toEqual(snapshot);
        for (const t of next.tracks) expect(isSortedNotes(t.notes)).toBe(true);
        const back = applySongOps(deepFreeze(next), inverse);
        expect(back.song).toEqual(s);
        // Redo: the inverse of the inverse gets the edited song again.
        expect(applySongOps(back.song, back.inverse).song).toEqual(next);
      }),
      { numRuns: 300 },
    );
  });

  it('shares tracks an op does not touch', () => {
    fc.assert(
      fc.property(arbitrarySequence().filter((s) => s.tracks.length >= 2), (s) => {
        const first = s.tracks[0] as Track;
        const { song: next } = applySongOp(s, { type: 'updateTrack', trackId: first.id, changes: { mute: !first.mute } });
        expect(next.tracks[1]).toBe(s.tracks[1]);
      }),
    );
  });

  it('compareNotes is a total order consistent with equality of (start, pitch, id)', () => {
    const n = fc.record({ id: fc.constantFrom('a', 'b', 'c'), pitch: fc.integer({ min: 0, max: 3 }), velocity: fc.constant(1), start: fc.integer({ min: 0, max: 3 }), duration: fc.constant(1) });
    fc.assert(
      fc.property(n, n, n, (a, b, c) => {
        expect(Math.sign(compareNotes(a, b)) + Math.sign(compareNotes(b, a))).toBe(0);
        if (compareNotes(a, b) <= 0 && compareNotes(b, c) <= 0) expect(compareNotes(a, c)).toBeLessThanOrEqual(0);
        expect(compareNotes(a, b) === 0).toBe(a.start === b.start && a.pitch === b.pitch && a.id === b.id);
      }),
    );
  });
});

describe('describeSongOps', () => {
  it('labels common edits', () => {
    const add: SongOp = { type: 'addNotes', trackId: 'a', notes: [note('x', 0), note('y', 0), note('z', 0)] };
    expect(describeSongOps([add])).toBe('Add 3 notes');
    expect(describeSongOps([{ type: 'addNotes', trackId: 'a', notes: [note('x', 0)] }])).toBe('Add 1 note');
    expect(describeSongOps([{ type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', start: 5 }, { id: 'y', pitch: 3 }] }])).toBe('Move 2 notes');
    expect(describeSongOps([{ type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', duration: 5 }] }])).toBe('Resize 1 note');
    expect(describeSongOps([{ type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', velocity: 5 }] }])).toBe('Change velocity of 1 note');
    expect(describeSongOps([{ type: 'updateNotes', trackId: 'a', changes: [{ id: 'x', velocity: 5, start: 1 }] }])).toBe('Edit 1 note');
    expect(describeSongOps([{ type: 'removeNotes', trackId: 'a', noteIds: ['x'] }, { type: 'removeNotes', trackId: 'b', noteIds: ['y'] }])).toBe('Delete 2 notes');
    expect(describeSongOps([add, { type: 'removeNotes', trackId: 'a', noteIds: ['q'] }])).toBe('Edit notes');
    expect(describeSongOps([{ type: 'updateTrack', trackId: 'a', changes: { mute: true } }])).toBe('Mute track');
    expect(describeSongOps([{ type: 'updateTrack', trackId: 'a', changes: { name: 'x' } }])).toBe('Rename track');
    expect(describeSongOps([{ type: 'setTempos', tempos: [{ tick: 0, bpm: 1 }] }])).toBe('Change tempo');
    expect(describeSongOps([add, { type: 'setTempos', tempos: [{ tick: 0, bpm: 1 }] }])).toBe('Edit song');
    expect(describeSongOps([])).toBe('No change');
  });
});
