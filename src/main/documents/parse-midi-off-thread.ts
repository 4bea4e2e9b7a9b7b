// Parses MIDI files in a worker thread (src/workers/midi-parse-thread.ts) with a time limit, so
// that reading a file never holds up the host's event loop and cannot run forever: past the limit
// the thread is terminated and the import refused with a reason.
//
// One thread is kept warm between imports (per entry file; ended after `idleThreadMs` without
// work). Starting a thread, loading its code and running that code cold the first time costs more
// than reading a 1 MB file with it warm. A second import arriving while the warm thread is busy
// gets a thread of its own, which is ended afterwards unless none is kept. Threads are unref'd:
// an idle one never keeps the process alive.
//
// A user about to import (a file dragged over the window, the pointer on Import) lets the host warm
// a thread ahead (`warmMidiThread`): it starts one and has it read a tiny song, so its code is
// loaded and compiled before the real file arrives (a 0.8 MB file's first read drops from about
// 0.4 s to the 0.18 s of a warm one, measured here).
//
// The thread answers with the song's JSON in UTF-8 bytes (midi-parse-protocol.ts), which the host
// stores as they are.
import { Worker } from 'node:worker_threads';
import { MidiImportError, sequenceToMidi } from '../../shared/music/midi-convert';
import { emptySequence } from '../../shared/music/note-sequence';
import type { SequenceSummary } from '../../shared/music/timing';
import type { MidiParseReply } from '../../workers/midi-parse-protocol';

export const defaultMidiParseTimeoutMs = 20_000;
/** How long a warm thread waits for the next file before it is ended. */
export const idleThreadMs = 30_000;
/**
 * The thread's young generation (V8 gives a third of it to each semi-space). Reading a 1 MB file
 * allocates ~70 MB (midi-file makes an object per event); in V8's default 16 MB semi-spaces those
 * objects are copied and promoted while still alive, and garbage collection took about half of a
 * parse. 128 MB halves a warm thread's time on a 1 MB file; more gains nothing. V8 commits the
 * space only as it fills, so this costs memory (~100 MB) only after large files, and only while
 * the thread is kept.
 */
const youngGenerationMb = 128;

/** A MIDI file read for storing: the song's JSON (a string, or its UTF-8 bytes) and its summary. */
export interface ReadMidiFile {
  contentJson: string | Uint8Array;
  summary: SequenceSummary;
}

export interface ParseMidiOptions {
  /** The built thread entry (dist/workers/midi-parse-thread.js). */
  entry: string;
  timeoutMs?: number;
}

interface MidiThread {
  entry: string;
  worker: Worker;
  /** The file being read, if any: called once with the reply or the failure. */
  settle: ((outcome: MidiParseReply | Error) => void) | undefined;
  exited: boolean;
}

const idle = new Map<string, { thread: MidiThread; timer: NodeJS.Timeout }>();

function startThread(entry: string): MidiThread {
  const worker = new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
  worker.unref();
  const thread: MidiThread = { entry, worker, settle: undefined, exited: false };
  const end = (outcome: MidiParseReply | Error): void => {
    const settle = thread.settle;
    thread.settle = undefined;
    settle?.(outcome);
  };
  worker.on('message', (reply: MidiParseReply) => end(reply));
  worker.on('error', (err) => end(new Error(`Reading the MIDI file failed: ${err.message}`)));
  worker.on('exit', (code) => {
    thread.exited = true;
    if (idle.get(entry)?.thread === thread) {
      clearTimeout(idle.get(entry)?.timer);
      idle.delete(entry);
    }
    end(new Error(`The MIDI reader stopped unexpectedly (exit code ${code}).`));
  });
  return thread;
}

function takeThread(entry: string): MidiThread {
  const warm = idle.get(entry);
  if (warm) {
    idle.delete(entry);
    clearTimeout(warm.timer);
    return warm.thread;
  }
  return startThread(entry);
}

/** Keeps a thread that finished its file as the warm one, unless there is one already. */
function releaseThread(thread: MidiThread): void {
  if (thread.exited) return;
  if (idle.has(thread.entry)) {
    void thread.worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    idle.delete(thread.entry);
    void thread.worker.terminate();
  }, idleThreadMs);
  timer.unref();
  idle.set(thread.entry, { thread, timer });
}

/** Ends the warm threads now (they end by themselves after `idleThreadMs`; for tests and shutdown). */
export async function stopIdleMidiThreads(): Promise<void> {
  const threads = [...idle.values()];
  idle.clear();
  await Promise.all(threads.map(({ thread, timer }) => (clearTimeout(timer), thread.worker.terminate())));
}

/** How many warm threads wait for a file (0 or 1 per entry). */
export const idleMidiThreads = (): number => idle.size;

let warmUpBytes: Uint8Array | undefined;
/** A one-track, four-note song: enough to run every path of the reader once. */
function warmUpSong(): Uint8Array {
  if (warmUpBytes) return warmUpBytes;
  const song = emptySequence();
  const notes = [60, 64, 67, 72].map((pitch, i) => ({ id: `w${i}`, pitch, velocity: 90, start: i * song.ppq, duration: song.ppq }));
  const track = { id: 'w', name: 'Warm-up', program: 0, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes };
  warmUpBytes = sequenceToMidi({ ...song, tracks: [track] });
  return warmUpBytes;
}

/**
 * Has a thread ready for the next file: the warm one's idle time starts again, or a new one is
 * started and reads a tiny song first. Resolves when it is ready; never rejects (a failure here
 * only means the real import starts cold).
 */
export async function warmMidiThread(entry: string): Promise<void> {
  const warm = idle.get(entry);
  if (warm) {
    warm.timer.refresh();
    return;
  }
  await parseMidiOffThread(warmUpSong(), { entry }).then(
    () => undefined,
    () => undefined,
  );
}

const formatLimit = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/**
 * Resolves with the song's JSON and summary; rejects with MidiImportError for a file it refuses or
 * gives up on, and with Error when the thread fails.
 */
export function parseMidiOffThread(bytes: Uint8Array, options: ParseMidiOptions): Promise<ReadMidiFile> {
  const timeoutMs = options.timeoutMs ?? defaultMidiParseTimeoutMs;
  const thread = takeThread(options.entry);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      thread.settle = undefined;
      void thread.worker.terminate();
      reject(
        new MidiImportError(
          `Reading that MIDI file took longer than ${formatLimit(timeoutMs)}, so Montage stopped; the computer may be very busy. Try again, or import a shorter part of the song.`,
        ),
      );
    }, timeoutMs);
    thread.settle = (outcome) => {
      clearTimeout(timer);
      if (outcome instanceof Error) {
        void thread.worker.terminate();
        reject(outcome);
        return;
      }
      releaseThread(thread);
      if (outcome.ok) resolve({ contentJson: outcome.contentUtf8, summary: outcome.summary });
      else reject(outcome.refused ? new MidiImportError(outcome.message) : new Error(`Reading the MIDI file failed: ${outcome.message}`));
    };
    // A copy, transferred: the caller's buffer may be a view on a larger one.
    const copy = bytes.slice();
    thread.worker.postMessage(copy, [copy.buffer]);
  });
}
