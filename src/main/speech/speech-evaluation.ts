// Scores a speech engine on recordings with known transcripts: word error rate per file and over
// all of them (all errors over all reference words), and the real-time factor (seconds of work per
// second of audio, the engine's start-up and the file's decoding included, as a user waits for
// them). Files run one after another: on a two-core laptop side by side only slows each.
import { realTimeFactor, type SpeechEngineName } from '../../shared/speech/transcript';
import { combineWordErrors, wordErrorRate, type WordErrors } from '../../shared/speech/word-error-rate';
import type { SpeechEngine } from './speech-engine';
import type { SpeechSample } from './speech-test-sets';

export interface SpeechFileScore extends WordErrors {
  file: string;
  durationSeconds: number;
  seconds: number;
  realTimeFactor: number;
  reference: string;
  hypothesis: string;
}

export interface SpeechEvaluation {
  engine: SpeechEngineName;
  files: SpeechFileScore[];
  overall: WordErrors & { files: number; durationSeconds: number; seconds: number; realTimeFactor: number };
}

export async function evaluateSpeech(
  engine: SpeechEngine,
  samples: readonly SpeechSample[],
  options: { signal?: AbortSignal; onFile?: (score: SpeechFileScore, index: number) => void } = {},
): Promise<SpeechEvaluation> {
  const files: SpeechFileScore[] = [];
  for (const sample of samples) {
    let transcript;
    try {
      transcript = await engine.transcribe(sample.path, { signal: options.signal });
    } catch (err) {
      // The file's name in front of the reason: which of the set's files failed.
      if (err instanceof Error && !err.message.includes(sample.path)) err.message = `${sample.name}: ${err.message}`;
      throw err;
    }
    const score: SpeechFileScore = {
      file: sample.name,
      durationSeconds: transcript.durationSeconds,
      seconds: transcript.seconds,
      realTimeFactor: realTimeFactor(transcript),
      ...wordErrorRate(sample.reference, transcript.text),
      reference: sample.reference,
      hypothesis: transcript.text,
    };
    files.push(score);
    options.onFile?.(score, files.length - 1);
  }
  const durationSeconds = files.reduce((s, f) => s + f.durationSeconds, 0);
  const seconds = files.reduce((s, f) => s + f.seconds, 0);
  return {
    engine: engine.id,
    files,
    overall: { ...combineWordErrors(files), files: files.length, durationSeconds, seconds, realTimeFactor: realTimeFactor({ seconds, durationSeconds }) },
  };
}
