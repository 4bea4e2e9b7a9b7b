// Parses a MIDI file in a worker thread (src/workers/midi-parse-thread.ts) with a time limit, so a
// pathological file (hundreds of thousands of notes in one track) can neither freeze the host nor
// run forever: past the limit the thread is terminated and the import refused with a reason.
import { Worker } from 'node:worker_threads';
import { MidiImportError } from '../../shared/music';
import type { NoteSequence } from '../../shared/music/note-sequence';
import type { MidiParseReply } from '../../workers/midi-parse-protocol';

export const defaultMidiParseTimeoutMs = 20_000;

export interface ParseMidiOptions {
  /** The built thread entry (dist/workers/midi-parse-thread.js). */
  entry: string;
  timeoutMs?: number;
}

/** Resolves with the song; rejects with MidiImportError for a file it refuses or gives up on. */
export function parseMidiOffThread(bytes: Uint8Array, options: ParseMidiOptions): Promise<NoteSequence> {
  const timeoutMs = options.timeoutMs ?? defaultMidiParseTimeoutMs;
  return new Promise((resolve, reject) => {
    const thread = new Worker(options.entry);
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void thread.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new MidiImportError(
              `Reading that MIDI file took longer than ${Math.round(timeoutMs / 1000)} s, so Montage stopped: it has too many notes in one track. Split the track in another program, or import a shorter part.`,
            ),
          ),
        ),
      timeoutMs,
    );
    thread.once('message', (reply: MidiParseReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.sequence);
        else reject(reply.refused ? new MidiImportError(reply.message) : new Error(`Reading the MIDI file failed: ${reply.message}`));
      }),
    );
    thread.once('error', (err) => settle(() => reject(new Error(`Reading the MIDI file failed: ${err.message}`))));
    thread.once('exit', (code) => settle(() => reject(new Error(`The MIDI reader stopped unexpectedly (exit code ${code}).`))));
    // A copy, transferred: the caller's buffer may be a view on a larger one.
    const copy = bytes.slice();
    thread.postMessage(copy, [copy.buffer]);
  });
}
