// The one music type of Montage: a NoteSequence of tracks and notes on a tick grid at a stated PPQ,
// with its tempo map, time signatures and key. Everything that reads or writes music (the piano
// roll, MIDI import/export, playback, later the models' converters) speaks this type. Pure data:
// no DOM, no Node, plain JSON on the wire and in SQLite.
import { z } from 'zod';

/** Ticks per quarter note of new songs (MIDI files keep their own). */
export const defaultPpq = 480;

export const maxNotesPerSong = 200_000;
export const maxTracks = 128;

const id = z.string().min(1).max(64);
const tick = z.number().int().min(0).max(2 ** 31 - 1);

export const noteSchema = z
  .object({
    /** Stable within its song: edits and selections refer to notes by id. */
    id,
    /** MIDI pitch 0…127. */
    pitch: z.number().int().min(0).max(127),
    /** MIDI velocity 1…127. */
    velocity: z.number().int().min(1).max(127),
    start: tick,
    /** In ticks, at least one. */
    duration: z.number().int().min(1).max(2 ** 31 - 1),
  })
  .strict();
export type Note = z.infer<typeof noteSchema>;

export const trackSettingsSchema = z
  .object({
    name: z.string().max(120),
    /** General MIDI program 0…127 (ignored for drum tracks). */
    program: z.number().int().min(0).max(127),
    /** Drums: pitches are GM drum sounds (MIDI channel 10). */
    isDrum: z.boolean(),
    mute: z.boolean(),
    solo: z.boolean(),
    /** Linear gain 0…1. */
    volume: z.number().min(0).max(1),
    /** −1 (left) … 1 (right). */
    pan: z.number().min(-1).max(1),
  })
  .strict();
export type TrackSettings = z.infer<typeof trackSettingsSchema>;

export const maxClipsPerTrack = 1000;

/**
 * A clip: a named region of a track on the arrangement's timeline. Notes stay in the track; a clip
 * holds the notes that start inside it, so moving a clip moves those notes (see clips.ts). Notes
 * outside every clip show as unnamed regions until a clip is made of them. Clips of a track never
 * overlap.
 */
export const clipSchema = z
  .object({
    id,
    name: z.string().max(120),
    start: tick,
    duration: z.number().int().min(1).max(2 ** 31 - 1),
  })
  .strict();
export type Clip = z.infer<typeof clipSchema>;

export const trackSchema = trackSettingsSchema
  .extend({
    id,
    notes: z.array(noteSchema).max(maxNotesPerSong),
    /** Sorted by start, non-overlapping; absent when the track has none (songs from before clips). */
    clips: z.array(clipSchema).max(maxClipsPerTrack).optional(),
  })
  .strict();
export type Track = z.infer<typeof trackSchema>;

export const tempoSchema = z.object({ tick, bpm: z.number().min(10).max(999) }).strict();
export type TempoChange = z.infer<typeof tempoSchema>;

export const timeSignatureSchema = z
  .object({
    tick,
    numerator: z.number().int().min(1).max(32),
    denominator: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]),
  })
  .strict();
export type TimeSignature = z.infer<typeof timeSignatureSchema>;

export const pitchClassNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export const keySignatureSchema = z
  .object({
    tick,
    /** Tonic as a pitch class 0…11 (0 = C). */
    tonic: z.number().int().min(0).max(11),
    mode: z.enum(['major', 'minor']),
  })
  .strict();
export type KeySignature = z.infer<typeof keySignatureSchema>;

/** A soundfont asset, by its content hash (SHA-256, lower-case hex). */
export const soundfontRef = z.string().regex(/^[0-9a-f]{64}$/, 'Not a valid soundfont reference.');

export const noteSequenceSchema = z
  .object({
    ppq: z.number().int().min(24).max(15360),
    tracks: z.array(trackSchema).max(maxTracks),
    /** Sorted by tick; the first is at tick 0. */
    tempos: z.array(tempoSchema).min(1).max(10_000),
    /** Sorted by tick; the first is at tick 0. */
    timeSignatures: z.array(timeSignatureSchema).min(1).max(10_000),
    /** Sorted by tick; may be empty (no key stated). */
    keySignatures: z.array(keySignatureSchema).max(10_000),
    /** The content hash of a soundfont asset of the song's project whose presets play the tracks'
     * GM programs (drum tracks: its bank 128); absent: the built-in instruments. */
    soundfont: soundfontRef.optional(),
  })
  .strict();
export type NoteSequence = z.infer<typeof noteSequenceSchema>;

export function emptySequence(ppq = defaultPpq): NoteSequence {
  return {
    ppq,
    tracks: [],
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
  };
}
