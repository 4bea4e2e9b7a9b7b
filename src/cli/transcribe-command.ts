// `montage transcribe FILE [--engine pocketsphinx|whisper] [--json]`: the words of a recording with
// their times, recognised offline by a speech engine of the host (src/main/speech). Needs no host
// and no database: it reads the file and, for whisper, looks in the data folder's models folder.
//
// Prints a line per phrase, "[0:00.46–0:02.11] go forward ten meters", then how long it took; with
// --json exactly one object: {file, engine, durationSeconds, seconds, realTimeFactor, words:
// [{word, start, end, confidence?}], text} (plus `note` when no words were heard). Progress goes to
// stderr on a terminal; Ctrl-C stops the engine. Exit codes: 0 ok (silence included), 1 failed (no
// such file, not audio, engine missing), 2 bad usage.
import { StudioError } from '../shared/api';
import { defaultSpeechEngine, formatAudioTime, isSpeechEngineName, realTimeFactor, speechEngineNames, transcriptPhrases, type SpeechEngineName, type Transcript } from '../shared/speech/transcript';
import { defaultDataDir } from '../main/paths';
import { createSpeechEngine } from '../main/speech/speech-engines';
import type { SpeechProgress } from '../main/speech/speech-engine';
import { fail } from './host-session';

export interface TranscribeFlags {
  engine?: string;
  json?: boolean;
  dataDir?: string;
}

export const transcribeUsage = `usage: montage transcribe FILE [--engine ${speechEngineNames.join('|')}] [--json]`;

/** The engine named by --engine (default pocketsphinx), or a usage message. */
export function speechEngineFlag(raw: string | undefined): SpeechEngineName | string {
  if (raw === undefined) return defaultSpeechEngine;
  return isSpeechEngineName(raw) ? raw : `--engine must be one of ${speechEngineNames.join(', ')}, not "${raw}"`;
}

/** The transcript as printed: a line per phrase with its times, then the figures. */
export function transcriptReport(t: Transcript): string {
  const lines = transcriptPhrases(t.words).map((p) => `[${formatAudioTime(p.start)}–${formatAudioTime(p.end)}] ${p.text}`);
  if (t.note) lines.push(t.note);
  const rtf = realTimeFactor(t);
  lines.push(`${t.words.length} ${t.words.length === 1 ? 'word' : 'words'} in ${t.durationSeconds.toFixed(1)} s of audio, recognised by ${t.engine} in ${t.seconds.toFixed(1)} s (real-time factor ${rtf.toFixed(2)}).`);
  return lines.join('\n');
}

/** Cancels on Ctrl-C and shows progress on a terminal, for the commands that run an engine. */
export function engineRun(showProgress: boolean): { signal: AbortSignal; onProgress?: (p: SpeechProgress) => void; done(): void } {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (showProgress) process.stderr.write('\r\x1b[KCancelling…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    onProgress: showProgress ? (p) => process.stderr.write(`\r\x1b[K${p.stage === 'decoding' ? 'Decoding…' : `Recognising… ${Math.floor(p.fraction * 100)} %`}`) : undefined,
    done: () => {
      process.off('SIGINT', onSigint);
      if (showProgress) process.stderr.write('\r\x1b[K');
    },
  };
}

export async function transcribeCommand(files: readonly string[], flags: TranscribeFlags): Promise<number> {
  if (files.length !== 1) return fail(2, files.length === 0 ? transcribeUsage : `one file at a time; ${transcribeUsage}`);
  const file = files[0] as string;
  const engineName = speechEngineFlag(flags.engine);
  if (!isSpeechEngineName(engineName)) return fail(2, engineName);
  const engine = createSpeechEngine(engineName, { dataDir: flags.dataDir ?? defaultDataDir() });
  const run = engineRun(!flags.json && process.stderr.isTTY);
  let transcript: Transcript;
  try {
    transcript = await engine.transcribe(file, { signal: run.signal, onProgress: run.onProgress });
  } catch (err) {
    return fail(1, StudioError.from(err).message);
  } finally {
    run.done();
  }
  if (flags.json) {
    const { durationSeconds, seconds, words, text, note } = transcript;
    console.log(JSON.stringify({ file, engine: engine.id, durationSeconds, seconds, realTimeFactor: realTimeFactor(transcript), words, text, ...(note ? { note } : {}) }));
  } else {
    console.log(transcriptReport(transcript));
  }
  return 0;
}
