// Arrangement of whole songs: cut a range out (slice), play one song after another (concat) and
// layer two songs (merge). Pure; note ids are kept where they stay unique and replaced with fresh
// ones where the second song's ids collide with the first's. Tracks of the second song join the
// first song's track with the same name, program and drum flag (each such track at most once);
// the rest are appended.
import { newId } from './new-id';
import { maxNotesPerSong, maxTracks, type Note, type NoteSequence, type Track } from './note-sequence';
import { sortNotes } from './note-order';
import { nextBarLine, songDurationTicks } from './timing';

type MapEntry = { tick: number };

/** The entries of a tick-sorted map in [start, end), shifted to start at 0, with the value in force at `start` placed at 0. */
function sliceMap<T extends MapEntry>(entries: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  let inForce: T | undefined;
  for (const e of entries) {
    if (e.tick <= start) inForce = e;
    else if (e.tick < end) out.push({ ...e, tick: e.tick - start });
  }
  if (inForce) out.unshift({ ...inForce, tick: 0 });
  return out;
}

/**
 * The part of the song in [startTick, endTick), moved to start at tick 0. Notes that overlap an
 * edge are cut to the range; tracks (with their settings) are all kept, even if left empty.
 */
export function slice(seq: NoteSequence, startTick: number, endTick: number): NoteSequence {
  if (!(Number.isInteger(startTick) && Number.isInteger(endTick) && startTick >= 0 && endTick > startTick)) {
    throw new RangeError(`A slice needs whole ticks with 0 ≤ start < end (got ${startTick}…${endTick}).`);
  }
  const tracks = seq.tracks.map((track): Track => {
    const notes: Note[] = [];
    for (const n of track.notes) {
      const s = Math.max(n.start, startTick);
      const e = Math.min(n.start + n.duration, endTick);
      if (e > s) notes.push(s === n.start && e === n.start + n.duration && startTick === 0 ? n : { ...n, start: s - startTick, duration: e - s });
    }
    return { ...track, notes: sortNotes(notes) };
  });
  return {
    ppq: seq.ppq,
    tracks,
    tempos: sliceMap(seq.tempos, startTick, endTick),
    timeSignatures: sliceMap(seq.timeSignatures, startTick, endTick),
    keySignatures: sliceMap(seq.keySignatures, startTick, endTick),
  };
}

/** `b` re-timed to `ppq` (ticks scaled and rounded; durations stay at least 1) and shifted by `offset`. */
function retime(b: NoteSequence, ppq: number, offset: number): NoteSequence {
  const t = (tick: number): number => offset + (b.ppq === ppq ? tick : Math.round((tick * ppq) / b.ppq));
  const shiftMap = <T extends MapEntry>(entries: readonly T[]): T[] => entries.map((e) => ({ ...e, tick: t(e.tick) }));
  return {
    ppq,
    tracks: b.tracks.map((track) => ({
      ...track,
      notes: track.notes.map((n) => {
        const start = t(n.start);
        return { ...n, start, duration: Math.max(1, t(n.start + n.duration) - start) };
      }),
    })),
    tempos: shiftMap(b.tempos),
    timeSignatures: shiftMap(b.timeSignatures),
    keySignatures: shiftMap(b.keySignatures),
  };
}

const trackKey = (t: Track): string => JSON.stringify([t.name, t.program, t.isDrum]);

/** Adds b's tracks to a's (matched by name, program and drum flag), renaming colliding ids. */
function combineTracks(a: NoteSequence, b: NoteSequence): Track[] {
  const tracks = a.tracks.map((t) => ({ ...t, notes: [...t.notes] }));
  const noteIds = new Set<string>();
  for (const t of a.tracks) for (const n of t.notes) noteIds.add(n.id);
  const trackIds = new Set(a.tracks.map((t) => t.id));
  const taken = new Set<number>();
  let total = noteIds.size;
  for (const bt of b.tracks) {
    const notes = bt.notes.map((n) => {
      const id = noteIds.has(n.id) ? newId() : n.id;
      noteIds.add(id);
      return id === n.id ? n : { ...n, id };
    });
    total += notes.length;
    const match = tracks.findIndex((t, i) => !taken.has(i) && i < a.tracks.length && trackKey(t) === trackKey(bt));
    if (match >= 0) {
      taken.add(match);
      (tracks[match] as Track).notes.push(...notes);
    } else {
      const id = trackIds.has(bt.id) ? newId() : bt.id;
      trackIds.add(id);
      tracks.push({ ...bt, id, notes });
    }
  }
  if (tracks.length > maxTracks) throw new RangeError(`The result would have ${tracks.length} tracks; a song can have at most ${maxTracks}.`);
  if (total > maxNotesPerSong) throw new RangeError(`The result would have ${total} notes; a song can have at most ${maxNotesPerSong}.`);
  return tracks.map((t) => ({ ...t, notes: sortNotes(t.notes) }));
}

/** a's entries before `from`, then b's entries, leaving out b's that repeat the value already in force. */
function joinMap<T extends MapEntry>(a: readonly T[], b: readonly T[], from: number): T[] {
  const out = a.filter((e) => e.tick < from);
  const same = (x: T, y: T): boolean => JSON.stringify({ ...x, tick: 0 }) === JSON.stringify({ ...y, tick: 0 });
  for (const e of b) {
    const last = out[out.length - 1];
    if (last && same(last, e)) continue;
    if (last && last.tick === e.tick) out[out.length - 1] = e;
    else out.push(e);
  }
  return out;
}

/**
 * `b` played after `a`: b starts at the first bar line (of a's last time signature) at or after
 * a's last note end, with b's tempo, time and key signatures from there on. b is converted to
 * a's PPQ.
 */
export function concat(a: NoteSequence, b: NoteSequence): NoteSequence {
  const offset = nextBarLine(a, songDurationTicks(a));
  const shifted = retime(b, a.ppq, offset);
  return {
    ppq: a.ppq,
    tracks: combineTracks(a, shifted),
    tempos: joinMap(a.tempos, shifted.tempos, offset),
    timeSignatures: joinMap(a.timeSignatures, shifted.timeSignatures, offset),
    keySignatures: joinMap(a.keySignatures, shifted.keySignatures, offset),
  };
}

/** `b` layered over `a` from tick 0, at a's PPQ; a's tempo map, time and key signatures are kept. */
export function merge(a: NoteSequence, b: NoteSequence): NoteSequence {
  return { ...a, tracks: combineTracks(a, retime(b, a.ppq, 0)) };
}
