// Whole-selection note edits (quantize, transpose, snap to scale, humanize) as pure functions of
// a song: the input is never mutated, untouched tracks are shared, notes keep their ids (so the
// host can turn a result into updateNotes ops with noteEditOps) and each track stays in
// compareNotes order. Arrangement (slice, concat, merge) lives in sequence-arrange.ts and the
// time helpers in timing.ts; both are re-exported here so callers have one place to look.
import { createRng } from '../random';
import type { Note, NoteSequence, Track } from './note-sequence';
import { sortNotes } from './note-order';
import { nearestScalePitch, scalePitchClasses, type ScaleMode } from './scales';

export { concat, merge, slice } from './sequence-arrange';
export { barBeatAt, secondsToTicks, sequenceSummary, songDurationTicks, ticksToSeconds } from './timing';

/** Which notes an edit touches: all when both are omitted; both given means notes in those tracks with those ids. */
export interface NoteSelection {
  trackIds?: readonly string[];
  noteIds?: readonly string[];
}

const maxTick = 2 ** 31 - 1;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Maps the selected notes of the selected tracks; tracks where nothing changes are shared as they
 * are. `skipDrums` leaves drum tracks alone (pitch edits: a drum's pitch is a sound, not a note).
 */
function mapNotes(seq: NoteSequence, sel: NoteSelection, skipDrums: boolean, edit: (note: Note) => Note): NoteSequence {
  const trackIds = sel.trackIds ? new Set(sel.trackIds) : undefined;
  const noteIds = sel.noteIds ? new Set(sel.noteIds) : undefined;
  let changed = false;
  const tracks = seq.tracks.map((track): Track => {
    if ((trackIds && !trackIds.has(track.id)) || (skipDrums && track.isDrum)) return track;
    let trackChanged = false;
    const notes = track.notes.map((note) => {
      if (noteIds && !noteIds.has(note.id)) return note;
      const next = edit(note);
      if (next.start !== note.start || next.pitch !== note.pitch || next.velocity !== note.velocity || next.duration !== note.duration) {
        trackChanged = true;
        return next;
      }
      return note;
    });
    if (!trackChanged) return track;
    changed = true;
    return { ...track, notes: sortNotes(notes) };
  });
  return changed ? { ...seq, tracks } : seq;
}

export interface QuantizeOptions extends NoteSelection {
  /** Grid step in ticks (e.g. ppq / 4 for sixteenths); a positive integer. */
  grid: number;
  /** 0 leaves notes where they are, 1 puts every start on the grid; in between moves part way. */
  strength: number;
}

/** Moves note starts toward the nearest grid line (halfway rounds later); durations are kept. */
export function quantize(seq: NoteSequence, options: QuantizeOptions): NoteSequence {
  const { grid } = options;
  if (!Number.isInteger(grid) || grid < 1) throw new RangeError(`The quantize grid must be a whole number of ticks, at least 1 (got ${grid}).`);
  const strength = clamp(options.strength, 0, 1);
  return mapNotes(seq, options, false, (note) => {
    const target = Math.round(note.start / grid) * grid;
    const start = clamp(Math.round(note.start + (target - note.start) * strength), 0, maxTick);
    return start === note.start ? note : { ...note, start };
  });
}

/**
 * Shifts pitches by `semitones`. Notes that would leave 0…127 are clamped to the edge rather than
 * dropped or wrapped: an edit should never delete notes, and the user sees the pile-up at the
 * edge and can undo. Drum tracks are never transposed (their pitches name drum sounds).
 */
export function transpose(seq: NoteSequence, semitones: number, selection: NoteSelection = {}): NoteSequence {
  const shift = Math.round(semitones);
  if (shift === 0) return seq;
  return mapNotes(seq, selection, true, (note) => ({ ...note, pitch: clamp(note.pitch + shift, 0, 127) }));
}

/** Moves each selected pitch to the nearest pitch of the scale (ties go down); drum tracks are untouched. */
export function snapToScale(seq: NoteSequence, tonic: number, mode: ScaleMode, selection: NoteSelection = {}): NoteSequence {
  const classes = new Set(scalePitchClasses(tonic, mode));
  return mapNotes(seq, selection, true, (note) => {
    const pitch = nearestScalePitch(note.pitch, classes);
    return pitch === note.pitch ? note : { ...note, pitch };
  });
}

export interface HumanizeOptions extends NoteSelection {
  /** Largest shift of a start, in ticks, either way. */
  timingTicks: number;
  /** Largest change of velocity, either way. */
  velocity: number;
  /** Same seed, same song → same result (so a preview and the applied edit agree). */
  seed: number;
}

/** Random small shifts of start and velocity, uniform within ±timingTicks and ±velocity, seeded. */
export function humanize(seq: NoteSequence, options: HumanizeOptions): NoteSequence {
  const rng = createRng(options.seed);
  const timing = Math.max(0, Math.floor(options.timingTicks));
  const vel = Math.max(0, Math.floor(options.velocity));
  // Draw in track order and each track's note order, both fixed by the song, so the draws are too.
  return mapNotes(seq, options, false, (note) => {
    const dt = rng.int(2 * timing + 1) - timing;
    const dv = rng.int(2 * vel + 1) - vel;
    return { ...note, start: clamp(note.start + dt, 0, maxTick), velocity: clamp(note.velocity + dv, 1, 127) };
  });
}
