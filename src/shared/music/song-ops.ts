// The typed edits of a song. Every change to a song, from the piano roll, the CLI or (later) a
// model, is one of these; the host applies it with `applySongOp` (song-ops-apply.ts), which also
// returns its inverse, and that inverse is the undo. The renderer applies the same ops to its
// mirror, so both sides agree by construction.
import { z } from 'zod';
import { clipSchema, keySignatureSchema, soundfontRef, maxClipsPerTrack, maxNotesPerSong, noteSchema, tempoSchema, timeSignatureSchema, trackSchema, trackSettingsSchema } from './note-sequence';

const trackId = z.string().min(1).max(64);
const noteId = z.string().min(1).max(64);

/** A note's fields that an edit may change (move, resize, velocity). */
export const notePatchSchema = z
  .object({
    id: noteId,
    pitch: noteSchema.shape.pitch.optional(),
    velocity: noteSchema.shape.velocity.optional(),
    start: noteSchema.shape.start.optional(),
    duration: noteSchema.shape.duration.optional(),
  })
  .strict();
export type NotePatch = z.infer<typeof notePatchSchema>;

export const songOpSchema = z.discriminatedUnion('type', [
  /** Inserts a track (with its notes) at `index` (default: the end). */
  z.object({ type: z.literal('addTrack'), track: trackSchema, index: z.number().int().min(0).optional() }).strict(),
  z.object({ type: z.literal('removeTrack'), trackId }).strict(),
  /** Moves a track to `index` among the tracks. */
  z.object({ type: z.literal('moveTrack'), trackId, index: z.number().int().min(0) }).strict(),
  /** Changes some of a track's settings (name, program, drum flag, mute, solo, volume, pan). */
  z.object({ type: z.literal('updateTrack'), trackId, changes: trackSettingsSchema.partial().strict() }).strict(),
  /** Adds notes to a track; their ids must be new in the song. */
  z.object({ type: z.literal('addNotes'), trackId, notes: z.array(noteSchema).min(1).max(maxNotesPerSong) }).strict(),
  z.object({ type: z.literal('removeNotes'), trackId, noteIds: z.array(noteId).min(1).max(maxNotesPerSong) }).strict(),
  /** Changes notes in place: move (start, pitch), resize (duration), velocity. */
  z.object({ type: z.literal('updateNotes'), trackId, changes: z.array(notePatchSchema).min(1).max(maxNotesPerSong) }).strict(),
  /** Replaces a track's clips (sorted by start, non-overlapping); the notes are edited by their own ops. */
  z.object({ type: z.literal('setClips'), trackId, clips: z.array(clipSchema).max(maxClipsPerTrack) }).strict(),
  /** Replaces the tempo map. */
  z.object({ type: z.literal('setTempos'), tempos: z.array(tempoSchema).min(1).max(10_000) }).strict(),
  z.object({ type: z.literal('setTimeSignatures'), timeSignatures: z.array(timeSignatureSchema).min(1).max(10_000) }).strict(),
  z.object({ type: z.literal('setKeySignatures'), keySignatures: z.array(keySignatureSchema).max(10_000) }).strict(),
  /** Plays the song's tracks from a soundfont asset (its hash), or with the built-in instruments (null). */
  z.object({ type: z.literal('setSoundfont'), soundfont: soundfontRef.nullable() }).strict(),
]);
export type SongOp = z.infer<typeof songOpSchema>;
export type SongOpType = SongOp['type'];
