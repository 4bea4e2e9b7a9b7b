// The render thread's messages (render-thread.ts ⇄ render-off-thread.ts). One request per thread:
// the song (plain JSON, as the host stores it) and an optional region in ticks; the thread answers
// with progress, then the WAV bytes (transferred, not copied) or an error.
import type { NoteSequence } from '../../shared/music/note-sequence';
import type { NoteScheduler } from './note-schedule';

export interface RenderRequest {
  song: NoteSequence;
  /** Ticks; null renders the whole song to its last bar line. */
  region: { start: number; end: number } | null;
  /** Render contexts run side by side (each on its own native render thread), tracks shared
   * between them; 1 renders everything in one. */
  parallel: number;
  /** How notes reach the instruments (note-schedule.ts); 'direct' when left out. */
  scheduler?: NoteScheduler;
  /** The path of the song's soundfont file, for a song that plays from one. */
  soundfont?: string;
}

export interface RenderStats {
  /** The WAV's length in seconds (the song or region plus the tail). */
  durationSeconds: number;
  /** Tracks rendered (muted, unsoloed and empty tracks are left out). */
  tracks: number;
  /** Render contexts used for whole tracks. */
  contexts: number;
  /** Short contexts for the stretches where a sparse voice rings (sparse-voices.ts). */
  windows: number;
  /** Seconds spent loading and decoding the piano samples (0 without a piano). */
  sampleSeconds: number;
  /** Seconds from the request to the rendered audio, without encoding. */
  renderSeconds: number;
}

export type RenderReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; wav: Uint8Array<ArrayBuffer>; stats: RenderStats }
  | { type: 'error'; message: string };
