// The contract every speech-recognition engine of the host keeps: say whether it can run here (and
// if not, exactly what to install), and turn audio into a Transcript with progress and cancel.
// Engines are picked by name (speech-engines.ts); the CLI's `montage transcribe` and
// `montage eval speech` use them as the app's dictation will.
import { StudioError } from '../../shared/api';
import type { SpeechEngineName, Transcript } from '../../shared/speech/transcript';

/**
 * What to transcribe: 16 kHz mono samples (−1…1), or the path of an audio file Montage imports
 * (WAV, MP3, OGG, FLAC; `.raw` is read as 16 kHz 16-bit little-endian mono, the speech-corpus
 * convention), which is decoded and resampled off the event loop first.
 */
export type SpeechInput = Float32Array | string;

export interface SpeechProgress {
  stage: 'decoding' | 'recognising';
  /** 0…1 of the stage. */
  fraction: number;
}

export interface TranscribeOptions {
  /** Aborting stops the work (the engine's process is killed) and rejects with code 'cancelled'. */
  signal?: AbortSignal;
  onProgress?: (progress: SpeechProgress) => void;
}

export interface SpeechEngineStatus {
  engine: SpeechEngineName;
  available: boolean;
  /** One or two sentences for the user: what was found, or what is missing and where. */
  detail: string;
  /** What to run to make it available (absent when it is). */
  installHint?: string;
}

export interface SpeechEngine {
  readonly id: SpeechEngineName;
  status(): Promise<SpeechEngineStatus>;
  /**
   * Rejects with a StudioError: 'unavailable' (engine missing), 'invalid-argument' (a file that
   * is not audio, or damaged), 'not-found' (no such file), 'cancelled', or 'internal'. Silence is
   * not an error: a transcript with no words and a `note`.
   */
  transcribe(input: SpeechInput, options?: TranscribeOptions): Promise<Transcript>;
}

export const cancelledTranscription = (): StudioError => new StudioError('cancelled', 'Transcription cancelled.');

/** Refuses at once when the signal has already been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledTranscription();
}

/** The refusal for an engine that cannot run, carrying its status's reason and install hint. */
export function unavailableEngine(status: SpeechEngineStatus): StudioError {
  return new StudioError('unavailable', status.installHint ? `${status.detail} Install: ${status.installHint}` : status.detail);
}

/** The note of a transcript without words. */
export function silenceNote(durationSeconds: number): string {
  if (durationSeconds === 0) return 'The audio is empty: there is nothing to transcribe.';
  return `No speech was recognised in the ${durationSeconds.toFixed(1)} s of audio: it is silent, or the speech is too quiet or unclear.`;
}
