import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addClipOps,
  arrangeTrack,
  barEnd,
  barStart,
  ClipRefusal,
  clipNotes,
  deleteClipOps,
  duplicateClipOps,
  duplicateTrackOps,
  moveClipOps,
  renameClipOps,
  type ArrangedClip,
} from './clips';
import { emptySequence, type Clip, type Note, type NoteSequence, type Track } from './note-sequence';
import { applySongOps } from './song-ops-apply';
import { arbitrarySequence, deepFreeze } from './testing/arbitrary-sequence';

// 4/4 at 480 PPQ: a bar is 1920 ticks.
const bar = 1920;
const note = (id: string, start: number, duration = 240, pitch = 60): Note => ({ id, pitch, velocity: 100, start, duration });
const track = (id: string, notes: Note[] = [], clips?: Clip[]): Track => ({
  id,
  name: id,
  program: 0,
  isDrum: false,
  mute: false,
  solo: false,
  volume: 1,
  pan: 0,
  notes,
  ...(clips ? { clips } : {}),
});
const song = (...tracks: Track[]): NoteSequence => deepFreeze({ ...emptySequence(), tracks });
const regions = (s: NoteSequence, i = 0) => arrangeTrack(s, s.tracks[i] as Track).map((c) => [c.start / bar, (c.start + c.duration) / bar, c.auto]);

describe('bar lines', () => {
  it('finds the bar line at or before and after a tick, across a signature change', () => {
    const s = { ...emptySequence(), timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }, { tick: 2 * bar, numerator: 3, denominator: 4 as const }] };
    expect(barStart(s, 100)).toBe(0);
    expect(barEnd(s, 100)).toBe(bar);
    expect(barEnd(s, bar)).toBe(bar);
    expect(barEnd(s, bar, false)).toBe(2 * bar);
    // 3/4 bars of 1440 ticks from tick 3840.
    expect(barStart(s, 2 * bar + 1500)).toBe(2 * bar + 1440);
    expect(barEnd(s, 2 * bar + 1500)).toBe(2 * bar + 2880);
    // A bar of 4/4 cut short by the change.
    expect(barEnd(s, bar + 10, false)).toBe(2 * bar);
  });
});

describe('arrangeTrack', () => {
  it('groups loose notes into bar-aligned regions split by a whole empty bar', () => {
    const s = song(track('a', [note('1', 100), note('2', bar + 100), note('3', 3 * bar), note('4', 3 * bar + 10, bar * 2)]));
    // Bars 1–2 hold notes 1 and 2; bar 3 is empty; notes 3–4 run from bar 4 into bar 6.
    expect(regions(s)).toEqual([
      [0, 2, true],
      [3, 6, true],
    ]);
  });

  it('keeps notes of stored clips out of the regions, and regions out of stored clips', () => {
    const clip: Clip = { id: 'c', name: 'Verse', start: bar, duration: bar };
    const s = song(track('a', [note('1', 100, 2 * bar), note('2', bar + 10), note('3', 2 * bar + 10)], [clip]));
    expect(regions(s)).toEqual([
      [0, 1, true],
      [1, 2, false],
      [2, 3, true],
    ]);
    expect(clipNotes(s.tracks[0] as Track, clip).map((n) => n.id)).toEqual(['2']);
  });

  it('shows an empty stored clip and nothing for an empty track', () => {
    expect(regions(song(track('a')))).toEqual([]);
    expect(regions(song(track('a', [], [{ id: 'c', name: '', start: 0, duration: bar }])))).toEqual([[0, 1, false]]);
  });

  it('never gives overlapping clips, and every note lies in exactly one (property)', () => {
    fc.assert(
      fc.property(arbitrarySequence({ maxTracks: 2, maxNotesPerTrack: 20 }), (s) => {
        for (const t of s.tracks) {
          const clips = arrangeTrack(s, t);
          for (let i = 1; i < clips.length; i++) expect((clips[i] as Clip).start).toBeGreaterThanOrEqual((clips[i - 1] as Clip).start + (clips[i - 1] as Clip).duration);
          for (const n of t.notes) expect(clips.filter((c) => n.start >= c.start && n.start < c.start + c.duration)).toHaveLength(1);
        }
      }),
    );
  });
});

describe('clip edits', () => {
  const loose = () => song(track('a', [note('1', 0), note('2', 480)]), track('b', [note('3', 4 * bar)]));
  const first = (s: NoteSequence, i = 0): ArrangedClip => arrangeTrack(s, s.tracks[i] as Track)[0] as ArrangedClip;

  it('moves a region along its track: the notes follow, it becomes a named clip, and undo restores the song', () => {
    const s = loose();
    const { song: moved, inverse } = applySongOps(s, moveClipOps(s, 'a', first(s), 'a', 2 * bar).ops);
    expect(moved.tracks[0]?.notes.map((n) => n.start)).toEqual([2 * bar, 2 * bar + 480]);
    expect(moved.tracks[0]?.clips).toEqual([expect.objectContaining({ name: 'a', start: 2 * bar, duration: bar })]);
    expect(applySongOps(moved, inverse).song).toEqual(s);
  });

  it('moves a clip to another track with its notes, and refuses a place another clip holds', () => {
    const s = loose();
    const { song: moved, inverse } = applySongOps(s, moveClipOps(s, 'a', first(s), 'b', bar).ops);
    expect(moved.tracks[0]?.notes).toEqual([]);
    expect(moved.tracks[0]?.clips).toBeUndefined();
    expect(moved.tracks[1]?.notes.map((n) => [n.id, n.start])).toEqual([
      ['1', bar],
      ['2', bar + 480],
      ['3', 4 * bar],
    ]);
    expect(applySongOps(moved, inverse).song).toEqual(s);
    expect(() => moveClipOps(s, 'a', first(s), 'b', 4 * bar)).toThrow(ClipRefusal);
    expect(() => moveClipOps(s, 'a', first(s), 'a', -1)).toThrow(/before the song/);
  });

  it('duplicates a clip after itself, skipping clips in the way, with new note ids', () => {
    const s = song(track('a', [note('1', 0), note('2', bar + 10)], [{ id: 'c', name: 'Hook', start: 0, duration: bar }]));
    const { ops, copy } = duplicateClipOps(s, 'a', first(s));
    // Bar 2 holds the loose note 2, so the copy goes to bar 3.
    expect(copy.start).toBe(2 * bar);
    const next = applySongOps(s, ops).song;
    const t = next.tracks[0] as Track;
    expect(t.clips?.map((c) => [c.name, c.start])).toEqual([
      ['Hook', 0],
      ['Hook', 2 * bar],
    ]);
    const copied = clipNotes(t, copy);
    expect(copied.map((n) => n.start)).toEqual([2 * bar]);
    expect(copied[0]?.id).not.toBe('1');
  });

  it('deletes a clip with its notes; renames and adds clips', () => {
    const s = loose();
    const gone = applySongOps(s, deleteClipOps(s, 'a', first(s))).song;
    expect(gone.tracks[0]?.notes).toEqual([]);
    const named = applySongOps(s, renameClipOps(s, 'a', first(s), 'Intro').ops).song;
    expect(named.tracks[0]?.clips?.[0]?.name).toBe('Intro');
    const { ops, clip } = addClipOps(s, 'b', bar + 300, 4);
    // Four bars from bar 2 would run into the region at bar 5, so the clip stops there.
    expect([clip.start, clip.start + clip.duration]).toEqual([bar, 4 * bar]);
    expect(applySongOps(s, ops).song.tracks[1]?.clips).toEqual([clip]);
    expect(() => addClipOps(s, 'a', 100)).toThrow(/already/);
  });

  it('duplicates a track below it with fresh ids', () => {
    const s = song(track('a', [note('1', 0)], [{ id: 'c', name: 'x', start: 0, duration: bar }]), track('b'));
    const { ops, track: copy } = duplicateTrackOps(s, 'a');
    const next = applySongOps(s, ops).song;
    expect(next.tracks.map((t) => t.name)).toEqual(['a', 'a copy', 'b']);
    expect(copy.notes[0]?.id).not.toBe('1');
    expect(copy.clips?.[0]?.id).not.toBe('c');
    expect(copy.notes[0]?.start).toBe(0);
  });
});
