// What speech recognition answers, whatever the engine: the words heard with their times in the
// audio, and the figures around them (how long the audio was, how long recognising it took). The
// host's engines (src/main/speech) fill it; the CLI and, later, the app's dictation read it.
// Phrases are derived here, from pauses between words, so that every engine groups alike.

/** The engines Montage knows; `pocketsphinx` is the one that works out of the box on Linux. */
export const speechEngineNames = ['pocketsphinx', 'whisper'] as const;
export type SpeechEngineName = (typeof speechEngineNames)[number];
export const defaultSpeechEngine: SpeechEngineName = 'pocketsphinx';

export const isSpeechEngineName = (name: string): name is SpeechEngineName => (speechEngineNames as readonly string[]).includes(name);

/** Engines hear 16 kHz mono: audio is brought to it before recognition. */
export const speechSampleRate = 16_000;

export interface TranscriptWord {
  /** The word as the engine spells it (lower case for pocketsphinx), without pronunciation marks. */
  word: string;
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
  /** 0…1, the engine's posterior probability of the word, where the engine gives one. */
  confidence?: number;
}

export interface Transcript {
  engine: SpeechEngineName;
  /** Seconds of audio heard. */
  durationSeconds: number;
  /** Wall-clock seconds the transcription took, decoding the file included. */
  seconds: number;
  words: TranscriptWord[];
  /** The words joined by spaces. */
  text: string;
  /** Said to the user beside the words, e.g. why there are none (silence). */
  note?: string;
}

/** Seconds of work per second of audio: below 1 is faster than the audio plays. */
export function realTimeFactor(t: Pick<Transcript, 'seconds' | 'durationSeconds'>): number {
  return t.durationSeconds > 0 ? t.seconds / t.durationSeconds : 0;
}

export interface TranscriptPhrase {
  start: number;
  end: number;
  words: TranscriptWord[];
  text: string;
}

/**
 * The words in phrases: a new phrase after a pause of at least `gapSeconds` (a breath, the end of a
 * sentence), or once a phrase has run `maxSeconds`, so that even unbroken speech shows as lines.
 */
export function transcriptPhrases(words: readonly TranscriptWord[], options: { gapSeconds?: number; maxSeconds?: number } = {}): TranscriptPhrase[] {
  const gap = options.gapSeconds ?? 0.3;
  const max = options.maxSeconds ?? 10;
  const phrases: TranscriptPhrase[] = [];
  let current: TranscriptWord[] = [];
  const close = (): void => {
    if (current.length === 0) return;
    const first = current[0] as TranscriptWord;
    const last = current[current.length - 1] as TranscriptWord;
    phrases.push({ start: first.start, end: last.end, words: current, text: current.map((w) => w.word).join(' ') });
    current = [];
  };
  for (const word of words) {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last && (word.start - last.end >= gap || word.end - first.start > max)) close();
    current.push(word);
  }
  close();
  return phrases;
}

/** Seconds as m:ss.cc (h:mm:ss.cc past an hour), for printing times in the audio. */
export function formatAudioTime(seconds: number): string {
  const centis = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(centis / 360_000);
  const m = Math.floor((centis % 360_000) / 6000);
  const s = (centis % 6000) / 100;
  const ss = s.toFixed(2).padStart(5, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
