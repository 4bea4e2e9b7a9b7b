// The one order of notes inside a track: by start, then pitch, then id. Every function that
// returns a track keeps its notes in this order, so the piano roll can binary-search by start,
// the host's snapshots compare equal byte for byte, and undo restores exactly the same array.
import type { Note } from './note-sequence';

/** Orders notes by (start, pitch, id); ids compare by UTF-16 code units, never by locale. */
export function compareNotes(a: Note, b: Note): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.pitch !== b.pitch) return a.pitch - b.pitch;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy (the input is left as it is). */
export function sortNotes(notes: readonly Note[]): Note[] {
  return [...notes].sort(compareNotes);
}

/** True when `notes` is already in compareNotes order (lets callers skip a copy). */
export function isSortedNotes(notes: readonly Note[]): boolean {
  for (let i = 1; i < notes.length; i++) {
    if (compareNotes(notes[i - 1] as Note, notes[i] as Note) > 0) return false;
  }
  return true;
}
