// `montage eval speech [--data DIR] [--engine NAME] [--json]`: word error rate and real-time factor
// of a speech engine (src/main/speech/speech-evaluation.ts) on recordings with known transcripts:
// by default the real recordings of Debian's pocketsphinx-testdata (speech-test-sets.ts), or with
// --data a folder of audio files each with a .txt transcript beside it. Needs no host.
//
// Prints a table (file, audio seconds, WER, substitutions/deletions/insertions, real-time factor),
// the overall row, and what was heard against what was said; with --json one object: {engine,
// data, files: [...], overall: {...}, withoutTranscript?}. Exit codes: 0 ok, 1 failed (engine or
// test data missing, a file that cannot be read), 2 bad usage.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { StudioError } from '../shared/api';
import { isSpeechEngineName } from '../shared/speech/transcript';
import { defaultDataDir } from '../main/paths';
import { createSpeechEngine } from '../main/speech/speech-engines';
import { evaluateSpeech, type SpeechEvaluation, type SpeechFileScore } from '../main/speech/speech-evaluation';
import { folderTestSet, pocketsphinxTestDataDir, pocketsphinxTestSet, testDataInstallHint, type SpeechSample } from '../main/speech/speech-test-sets';
import { alignedTable } from './cli-flags';
import { fail } from './host-session';
import { engineRun, speechEngineFlag } from './transcribe-command';

export interface EvalSpeechFlags {
  data?: string[];
  engine?: string;
  json?: boolean;
  dataDir?: string;
}

export const evalSpeechUsage = 'usage: montage eval speech [--data DIR] [--engine pocketsphinx|whisper] [--json]';

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
const row = (name: string, s: Pick<SpeechFileScore, 'durationSeconds' | 'wer' | 'substitutions' | 'deletions' | 'insertions' | 'referenceWords' | 'realTimeFactor'>): string[] => [
  name,
  s.durationSeconds.toFixed(1),
  percent(s.wer),
  `${s.substitutions}/${s.deletions}/${s.insertions} of ${s.referenceWords}`,
  s.realTimeFactor.toFixed(2),
];

export function speechEvaluationReport(e: SpeechEvaluation, data: string): string {
  const table = alignedTable([['FILE', 'AUDIO S', 'WER', 'S/D/I OF WORDS', 'RTF'], ...e.files.map((f) => row(f.file, f)), row('overall', e.overall)]);
  const heard = e.files.map((f) => `${f.file}\n  said:  ${f.reference}\n  heard: ${f.hypothesis || '(nothing)'}`);
  return [
    `${e.engine} on ${e.overall.files} recordings (${e.overall.durationSeconds.toFixed(1)} s of audio) from ${data}`,
    '',
    table,
    '',
    ...heard,
    '',
    `WER: word errors (substitutions, deletions, insertions) over the words said, after lower-casing and dropping punctuation. RTF: seconds of work per second of audio (start-up and decoding included). ${e.overall.seconds.toFixed(1)} s in all.`,
  ].join('\n');
}

export async function evalSpeechCommand(extra: readonly string[], flags: EvalSpeechFlags): Promise<number> {
  const dirs = flags.data ?? [];
  if (extra.length > 0) return fail(2, `unexpected argument "${extra[0]}"; ${evalSpeechUsage}`);
  if (dirs.length > 1) return fail(2, `--data takes one folder; ${evalSpeechUsage}`);
  const engineName = speechEngineFlag(flags.engine);
  if (!isSpeechEngineName(engineName)) return fail(2, engineName);

  let samples: SpeechSample[];
  let withoutTranscript: string[] = [];
  let data: string;
  if (dirs[0] !== undefined) {
    data = resolve(dirs[0]);
    try {
      if (!statSync(data).isDirectory()) return fail(2, `--data must be a folder of audio files with .txt transcripts; ${data} is a file.`);
      ({ samples, withoutTranscript } = folderTestSet(data));
    } catch (err) {
      return fail(1, `${data} cannot be read (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (samples.length === 0) {
      const why = withoutTranscript.length > 0 ? ` (${withoutTranscript.length} without one: ${withoutTranscript.slice(0, 3).join(', ')}${withoutTranscript.length > 3 ? ', …' : ''})` : '';
      return fail(1, `No audio files with a .txt transcript beside them in ${data}${why}.`);
    }
  } else {
    data = pocketsphinxTestDataDir;
    samples = pocketsphinxTestSet();
    if (samples.length === 0) return fail(1, `The default speech test set (${pocketsphinxTestDataDir}) is not installed. Install: ${testDataInstallHint}, or give --data DIR.`);
  }

  const engine = createSpeechEngine(engineName, { dataDir: flags.dataDir ?? defaultDataDir() });
  const showProgress = !flags.json && process.stderr.isTTY;
  const run = engineRun(false);
  let evaluation: SpeechEvaluation;
  try {
    evaluation = await evaluateSpeech(engine, samples, {
      signal: run.signal,
      onFile: showProgress ? (f, i) => process.stderr.write(`\r\x1b[K${i + 1}/${samples.length} ${f.file}`) : undefined,
    });
  } catch (err) {
    return fail(1, StudioError.from(err).message);
  } finally {
    run.done();
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  if (flags.json) console.log(JSON.stringify({ ...evaluation, data, ...(withoutTranscript.length > 0 ? { withoutTranscript } : {}) }));
  else {
    console.log(speechEvaluationReport(evaluation, data));
    if (withoutTranscript.length > 0) console.log(`Skipped ${withoutTranscript.length} without a .txt transcript: ${withoutTranscript.join(', ')}.`);
  }
  return 0;
}
