// Renders a song to WAV in a worker thread (render-thread.ts) and resolves with the bytes: the
// CLI's `montage export --format wav` and the render benchmark call this. A thread per render: the
// Web Audio globals Tone.js needs stay in that thread, and ending it frees everything it made.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { NoteSequence } from '../../shared/music/note-sequence';
import type { NoteScheduler } from './note-schedule';
import type { RenderReply, RenderStats } from './render-protocol';

export interface RenderOptions {
  /** The built thread entry: <package>/dist/workers/render-thread.js. */
  entry: string;
  region?: { start: number; end: number } | null;
  /** Render contexts side by side, the tracks shared between them (default 4). node-web-audio-api
   * runs them on its runtime's threads (one per core): while one context waits for its next step,
   * another renders, and the busiest track no longer holds up the rest. */
  parallel?: number;
  /** The file of the song's soundfont (when it has one): its tracks play from it (soundfont-render.ts). */
  soundfont?: string;
  onProgress?: (fraction: number) => void;
  /** How notes reach the instruments: 'direct' (the default) or through Tone's Transport as in the
   * app's Render to WAV; the same sound (compared in the tests). */
  scheduler?: NoteScheduler;
}

export const renderThreadEntry = (packageRoot: string): string => join(packageRoot, 'dist', 'workers', 'render-thread.js');

export class RenderError extends Error {}

export function renderSongOffThread(song: NoteSequence, options: RenderOptions): Promise<{ wav: Uint8Array<ArrayBuffer>; stats: RenderStats }> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(options.entry, { workerData: { song, region: options.region ?? null, parallel: options.parallel ?? 4, scheduler: options.scheduler ?? 'direct', soundfont: options.soundfont } });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      void thread.terminate();
      fn();
    };
    thread.on('message', (reply: RenderReply) => {
      if (reply.type === 'progress') options.onProgress?.(reply.fraction);
      else if (reply.type === 'done') settle(() => resolve({ wav: reply.wav, stats: reply.stats }));
      else settle(() => reject(new RenderError(`Rendering failed: ${reply.message}`)));
    });
    thread.once('error', (err) => settle(() => reject(new RenderError(`Rendering failed: ${err.message}`))));
    thread.once('exit', (code) => settle(() => reject(new RenderError(`The render thread stopped unexpectedly (exit code ${code}).`))));
  });
}
