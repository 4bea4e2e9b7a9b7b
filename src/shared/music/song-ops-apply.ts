// Applies a SongOp to a song and returns the op that undoes it. The host (documents service) and
// the renderer (piano roll mirror) both call this, so they agree by construction; the host keeps
// the inverse as the undo step. Pure: the input song is never mutated, and only the touched track
// and arrays are copied (the rest is shared). Ops arrive shape-checked by songOpSchema; this file
// checks what depends on the song (ids, indexes, order, limits) and refuses with a sentence a user
// can read, because an op that no longer applies usually means another window changed the song.
import { maxNotesPerSong, maxTracks, type Clip, type Note, type NoteSequence, type Track, type TrackSettings } from './note-sequence';
import { compareNotes, isSortedNotes, sortNotes } from './note-order';
import type { NotePatch, SongOp } from './song-ops';

export class SongOpError extends Error {
  override name = 'SongOpError';
}

export interface AppliedSongOps {
  song: NoteSequence;
  /** Applying these to `song` gives back the input song. */
  inverse: SongOp[];
}

const patchKeys = ['pitch', 'velocity', 'start', 'duration'] as const;

/** Applies one op; throws SongOpError when it does not apply to this song. */
export function applySongOp(song: NoteSequence, op: SongOp): AppliedSongOps {
  switch (op.type) {
    case 'addTrack': {
      if (song.tracks.length >= maxTracks) throw new SongOpError(`A song can have at most ${maxTracks} tracks.`);
      if (song.tracks.some((t) => t.id === op.track.id)) throw new SongOpError(`A track with id ${op.track.id} already exists.`);
      const index = op.index ?? song.tracks.length;
      if (index > song.tracks.length) {
        throw new SongOpError(`Cannot insert a track at position ${index + 1}: the song has ${song.tracks.length} tracks.`);
      }
      checkNewNotes(song, op.track.notes);
      const track: Track = { ...op.track, notes: isSortedNotes(op.track.notes) ? [...op.track.notes] : sortNotes(op.track.notes) };
      const tracks = [...song.tracks];
      tracks.splice(index, 0, track);
      return { song: { ...song, tracks }, inverse: [{ type: 'removeTrack', trackId: track.id }] };
    }
    case 'removeTrack': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      return {
        song: { ...song, tracks: song.tracks.filter((_, i) => i !== index) },
        inverse: [{ type: 'addTrack', track, index }],
      };
    }
    case 'moveTrack': {
      const from = trackIndex(song, op.trackId);
      if (op.index >= song.tracks.length) {
        throw new SongOpError(`Cannot move a track to position ${op.index + 1}: the song has ${song.tracks.length} tracks.`);
      }
      const tracks = [...song.tracks];
      const [track] = tracks.splice(from, 1);
      tracks.splice(op.index, 0, track as Track);
      return { song: { ...song, tracks }, inverse: [{ type: 'moveTrack', trackId: op.trackId, index: from }] };
    }
    case 'updateTrack': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      // Records are written through an untyped view: each key's value type is right by construction.
      const old: Partial<TrackSettings> = {};
      const next: Track = { ...track };
      for (const [key, value] of Object.entries(op.changes) as [keyof TrackSettings, unknown][]) {
        if (value === undefined) continue;
        (old as Record<string, unknown>)[key] = track[key];
        (next as Record<string, unknown>)[key] = value;
      }
      return {
        song: replaceTrack(song, index, next),
        inverse: [{ type: 'updateTrack', trackId: op.trackId, changes: old }],
      };
    }
    case 'addNotes': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      checkNewNotes(song, op.notes);
      const notes = mergeSorted(track.notes, sortNotes(op.notes));
      return {
        song: replaceTrack(song, index, { ...track, notes }),
        inverse: [{ type: 'removeNotes', trackId: op.trackId, noteIds: op.notes.map((n) => n.id) }],
      };
    }
    case 'removeNotes': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      const ids = uniqueIds(op.noteIds);
      const removed: Note[] = [];
      const notes = track.notes.filter((n) => (ids.has(n.id) ? (removed.push(n), false) : true));
      if (removed.length !== ids.size) throw missingNote(op.noteIds.find((id) => !removed.some((n) => n.id === id)) ?? '', track);
      return {
        song: replaceTrack(song, index, { ...track, notes }),
        inverse: [{ type: 'addNotes', trackId: op.trackId, notes: removed }],
      };
    }
    case 'updateNotes': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      const patches = new Map<string, NotePatch>();
      for (const patch of op.changes) {
        if (patches.has(patch.id)) throw new SongOpError(`The edit changes note ${patch.id} twice.`);
        patches.set(patch.id, patch);
      }
      const inverse: NotePatch[] = [];
      const notes = track.notes.map((note) => {
        const patch = patches.get(note.id);
        if (!patch) return note;
        const old: NotePatch = { id: note.id };
        const next: Note = { ...note };
        for (const key of patchKeys) {
          const value = patch[key];
          if (value === undefined) continue;
          old[key] = note[key];
          next[key] = value;
        }
        inverse.push(old);
        return next;
      });
      if (inverse.length !== patches.size) throw missingNote([...patches.keys()].find((id) => !inverse.some((p) => p.id === id)) ?? '', track);
      notes.sort(compareNotes);
      return {
        song: replaceTrack(song, index, { ...track, notes }),
        inverse: [{ type: 'updateNotes', trackId: op.trackId, changes: inverse }],
      };
    }
    case 'setClips': {
      const index = trackIndex(song, op.trackId);
      const track = song.tracks[index] as Track;
      checkClips(op.clips);
      // No clips is stored as no `clips` key, so that undoing the first clip gives back the track as it was.
      const { clips: old, ...rest } = track;
      const next: Track = op.clips.length ? { ...rest, clips: op.clips } : rest;
      return { song: replaceTrack(song, index, next), inverse: [{ type: 'setClips', trackId: op.trackId, clips: old ?? [] }] };
    }
    case 'setTempos':
      checkMap(op.tempos, 'tempo', true);
      return { song: { ...song, tempos: op.tempos }, inverse: [{ type: 'setTempos', tempos: song.tempos }] };
    case 'setTimeSignatures':
      checkMap(op.timeSignatures, 'time signature', true);
      return {
        song: { ...song, timeSignatures: op.timeSignatures },
        inverse: [{ type: 'setTimeSignatures', timeSignatures: song.timeSignatures }],
      };
    case 'setKeySignatures':
      checkMap(op.keySignatures, 'key', false);
      return {
        song: { ...song, keySignatures: op.keySignatures },
        inverse: [{ type: 'setKeySignatures', keySignatures: song.keySignatures }],
      };
    case 'setSoundfont': {
      // Built-in instruments are stored as no `soundfont` key, so undoing the first choice gives back the song as it was.
      const { soundfont: old, ...rest } = song;
      return { song: op.soundfont ? { ...rest, soundfont: op.soundfont } : rest, inverse: [{ type: 'setSoundfont', soundfont: old ?? null }] };
    }
  }
}

/** Applies ops in order, all or nothing; the inverse undoes them all (each op's inverse, last first). */
export function applySongOps(song: NoteSequence, ops: readonly SongOp[]): AppliedSongOps {
  const inverses: SongOp[][] = [];
  let current = song;
  for (const op of ops) {
    const applied = applySongOp(current, op);
    current = applied.song;
    inverses.push(applied.inverse);
  }
  return { song: current, inverse: inverses.reverse().flat() };
}

function trackIndex(song: NoteSequence, trackId: string): number {
  const index = song.tracks.findIndex((t) => t.id === trackId);
  if (index < 0) throw new SongOpError(`Track ${trackId} no longer exists (it may have been deleted in another window).`);
  return index;
}

function replaceTrack(song: NoteSequence, index: number, track: Track): NoteSequence {
  const tracks = [...song.tracks];
  tracks[index] = track;
  return { ...song, tracks };
}

function missingNote(id: string, track: Track): SongOpError {
  return new SongOpError(`Note ${id} is not in track “${track.name || track.id}” (it may have been deleted in another window).`);
}

function uniqueIds(ids: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const id of ids) {
    if (set.has(id)) throw new SongOpError(`The edit names note ${id} twice.`);
    set.add(id);
  }
  return set;
}

/** New notes need ids unused in the whole song and among themselves, and must fit the note limit. */
function checkNewNotes(song: NoteSequence, notes: readonly Note[]): void {
  let total = notes.length;
  for (const t of song.tracks) total += t.notes.length;
  if (total > maxNotesPerSong) {
    throw new SongOpError(`A song can have at most ${maxNotesPerSong.toLocaleString('en')} notes; this edit would make ${total.toLocaleString('en')}.`);
  }
  if (notes.length === 0) return;
  const fresh = new Set<string>();
  for (const n of notes) {
    if (fresh.has(n.id)) throw new SongOpError(`A note with id ${n.id} already exists.`);
    fresh.add(n.id);
  }
  for (const t of song.tracks) {
    for (const n of t.notes) if (fresh.has(n.id)) throw new SongOpError(`A note with id ${n.id} already exists.`);
  }
}

function checkClips(clips: readonly Clip[]): void {
  const ids = new Set<string>();
  for (let i = 0; i < clips.length; i++) {
    const clip = clips[i] as Clip;
    if (ids.has(clip.id)) throw new SongOpError(`The edit names clip ${clip.id} twice.`);
    ids.add(clip.id);
    const prev = clips[i - 1];
    if (prev && prev.start + prev.duration > clip.start) throw new SongOpError('Clips of a track must be in order and must not overlap.');
  }
}

function checkMap(entries: readonly { tick: number }[], what: string, firstAtZero: boolean): void {
  if (firstAtZero && entries[0]?.tick !== 0) throw new SongOpError(`The first ${what} must be at the start of the song (tick 0).`);
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i] as { tick: number }).tick <= (entries[i - 1] as { tick: number }).tick) {
      throw new SongOpError(`The ${what} changes must be in order, at most one per tick.`);
    }
  }
}

/** Merges two sorted note arrays into a new sorted array (O(n), where re-sorting would be O(n log n)). */
function mergeSorted(a: readonly Note[], b: readonly Note[]): Note[] {
  const out: Note[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (compareNotes(a[i] as Note, b[j] as Note) <= 0) out.push(a[i++] as Note);
    else out.push(b[j++] as Note);
  }
  while (i < a.length) out.push(a[i++] as Note);
  while (j < b.length) out.push(b[j++] as Note);
  return out;
}
