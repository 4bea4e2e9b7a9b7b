// Speech service contract: speech recognition in the app. Which engines can run here (and what to
// install for those that cannot) and which one the user chose; transcripts of a project's audio
// files, made by a `transcribe` job and kept per asset; and dictation, a session the renderer
// streams microphone audio into (16 kHz mono 16-bit PCM, base64 chunks) and gets partial text back
// from as it goes, then the final transcript. Voice commands are dictation whose final text the
// renderer matches against the grammar in src/shared/speech/voice-commands.ts.
import { z } from 'zod';
import type { AssetId } from '../ids';
import { speechEngineNames, speechSampleRate, type SpeechEngineName, type Transcript } from '../speech/transcript';
import { assetId } from './assets';
import type { Job } from './jobs';

export interface SpeechEngineInfo {
  engine: SpeechEngineName;
  available: boolean;
  /** One or two sentences for the user: what was found, or what is missing and where. */
  detail: string;
  /** What to run or do to make it available (absent when it is). */
  installHint?: string;
}

export interface SpeechStatus {
  /** Every engine Montage knows, in a fixed order. */
  engines: SpeechEngineInfo[];
  /** The engine the user chose (the default until they choose). */
  engine: SpeechEngineName;
  /** The folder whisper's ggml model files go in (the data folder's models folder). */
  modelsDir: string;
}

/** The transcript kept for an audio asset. */
export interface AssetTranscript extends Transcript {
  assetId: AssetId;
  createdAt: number;
}

/** A transcribe job's result summary (Job.result). */
export interface TranscribeJobResult {
  assetId: string;
  engine: SpeechEngineName;
  words: number;
  durationSeconds: number;
  seconds: number;
  realTimeFactor: number;
  note?: string;
}

/** Bytes of one sample of dictation audio (16-bit little-endian). */
export const dictationBytesPerSample = 2;
/** The longest dictation: audio beyond it is refused (finish and start another). */
export const maxDictationSeconds = 300;
/** The largest chunk of dictation audio (2 s); the renderer sends about a quarter of a second at a time. */
export const maxDictationChunkBytes = 64 * 1024;
/** Dictations one client (a window) may have open at once. */
export const maxDictationsPerClient = 2;
/** A dictation that receives nothing for this long is dropped (the window went away without saying). */
export const dictationIdleMs = 30_000;

export const dictationId = z.string().uuid('Not a valid dictation id.');

/** Decoded length of a well-formed base64 string. */
const base64Bytes = (s: string): number => (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

/** Base64 of whole 16-bit samples, at most maxDictationChunkBytes. */
export const dictationSamples = z
  .string()
  .min(1, 'A chunk of dictation audio holds at least one sample.')
  .max(Math.ceil(maxDictationChunkBytes / 3) * 4, `A chunk of dictation audio holds at most ${maxDictationChunkBytes} bytes (${maxDictationChunkBytes / dictationBytesPerSample / speechSampleRate} s).`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Dictation audio must be base64 of 16 kHz mono 16-bit PCM.')
  .refine((s) => s.length % 4 === 0, 'Dictation audio must be base64 of 16 kHz mono 16-bit PCM.')
  .refine((s) => base64Bytes(s) <= maxDictationChunkBytes, `A chunk of dictation audio holds at most ${maxDictationChunkBytes} bytes.`)
  .refine((s) => base64Bytes(s) % dictationBytesPerSample === 0, 'Dictation audio must be whole 16-bit samples (an even number of bytes).');

export const speechArgs = {
  status: z.object({}).strict(),
  setEngine: z.object({ engine: z.enum(speechEngineNames) }).strict(),
  transcribeAsset: z.object({ assetId }).strict(),
  transcript: z.object({ assetId }).strict(),
  dictationStart: z.object({}).strict(),
  dictationAppend: z.object({ dictationId, samples: dictationSamples }).strict(),
  dictationFinish: z.object({ dictationId }).strict(),
  dictationCancel: z.object({ dictationId }).strict(),
};

export interface DictationStarted {
  dictationId: string;
  engine: SpeechEngineName;
  sampleRate: number;
  maxSeconds: number;
  maxChunkBytes: number;
}

export interface DictationProgress {
  /** What has been recognised so far (it may still change). */
  partial: string;
  /** Seconds of audio received. */
  seconds: number;
}

export interface SpeechService {
  /** Every engine's status and the chosen one. */
  status(args: z.input<typeof speechArgs.status>): Promise<SpeechStatus>;
  /** Chooses the engine for transcripts and dictation (kept across restarts); it need not be available yet. */
  setEngine(args: z.input<typeof speechArgs.setEngine>): Promise<SpeechStatus>;
  /**
   * Starts a `transcribe` job for an audio asset with the chosen engine (progress and cancel in
   * the Jobs panel); its transcript replaces any earlier one. While one runs for the asset, that
   * job is answered.
   */
  transcribeAsset(args: z.input<typeof speechArgs.transcribeAsset>): Promise<Job>;
  /** The asset's transcript, or null when it has none. */
  transcript(args: z.input<typeof speechArgs.transcript>): Promise<AssetTranscript | null>;
  /** Opens a dictation with the chosen engine; refused with `unavailable` (and what to install) when it cannot run. */
  dictationStart(args: z.input<typeof speechArgs.dictationStart>): Promise<DictationStarted>;
  /** Adds a chunk of audio; answers the text recognised so far (refreshed about once a second). */
  dictationAppend(args: z.input<typeof speechArgs.dictationAppend>): Promise<DictationProgress>;
  /** Ends the dictation and answers its transcript (no words and a `note` when nothing was heard). */
  dictationFinish(args: z.input<typeof speechArgs.dictationFinish>): Promise<Transcript>;
  /** Drops the dictation and its audio. */
  dictationCancel(args: z.input<typeof speechArgs.dictationCancel>): Promise<{ dictationId: string }>;
}
