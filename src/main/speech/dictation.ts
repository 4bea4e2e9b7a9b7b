// Dictation sessions: microphone audio streamed in from a window as 16 kHz 16-bit chunks, partial
// text while the user speaks, the transcript when they stop. The engines recognise whole
// recordings (pocketsphinx's program is run on a file), so the audio is cut at pauses
// (pause-split.ts): a phrase that is over is recognised once, in the background, and the phrase
// being spoken is recognised again at most every `partialEveryMs` (about a second) for the partial
// text. Finishing then only waits for the last phrase; a long dictation is never recognised again
// from its start. Engine runs across all dictations are limited (`maxRunning`): a phrase's final
// recognition waits for a free slot, a partial is skipped when there is none.
//
// Limits, per client (a window): `maxDictationsPerClient` open at once, `maxDictationSeconds` of
// audio each; a dictation that hears nothing for `dictationIdleMs` is dropped by sweepIdle (the
// host sweeps every few seconds), and all of a client's go when it disconnects. The audio lives in
// memory only; the engines write their own temporary files in private folders.
import { randomUUID } from 'node:crypto';
import {
  dictationIdleMs,
  maxDictationChunkBytes,
  maxDictationSeconds,
  maxDictationsPerClient,
  StudioError,
  type DictationProgress,
  type DictationStarted,
} from '../../shared/api';
import { speechSampleRate, type Transcript, type TranscriptWord } from '../../shared/speech/transcript';
import { findPauseCut, frameLevels, frameSamples, hasSpeech, quietestFrame, speechThreshold } from './pause-split';
import { silenceNote, type SpeechEngine } from './speech-engine';

export interface DictationOptions {
  /** Engine runs at once across all dictations (default 2). */
  maxRunning?: number;
  /** Least time between two partial recognitions of one dictation (default 1000 ms). */
  partialEveryMs?: number;
  maxSeconds?: number;
  perClient?: number;
  idleMs?: number;
  /** A phrase longer than this without a pause is cut at its quietest frame (default 20 s). */
  maxPhraseSeconds?: number;
  now?: () => number;
  log?: (message: string) => void;
}

interface Phrase {
  /** Samples [start, end) of the dictation. */
  start: number;
  end: number;
  /** The best text so far: the last partial, then the final recognition's. */
  text: string;
  /** The final recognition's words, times from the start of the dictation. */
  words: TranscriptWord[] | null;
  done: Promise<void>;
}

interface Dictation {
  id: string;
  clientId: string;
  engine: SpeechEngine;
  pcm: Float32Array;
  length: number;
  levels: number[];
  /** Where the phrase being spoken starts (samples). */
  open: number;
  phrases: Phrase[];
  /** The partial text of the open phrase, and where that phrase started when it was recognised. */
  partial: { start: number; text: string } | null;
  /** Stops the partial recognition in flight, if any. */
  partialAbort: AbortController | null;
  lastPartialAt: number;
  lastActive: number;
  finishing: boolean;
  /** Aborts every engine run of the dictation. */
  abort: AbortController;
  /** The first failure of a phrase's final recognition (said by finish). */
  failure: StudioError | null;
}

const gone = (): StudioError =>
  new StudioError('not-found', 'That dictation is not open any more (it was finished, cancelled, or heard nothing for a while). Start dictating again.');

/** 16-bit little-endian samples to −1…1 floats, written into `out` at `at`. */
function readPcm16(bytes: Uint8Array, out: Float32Array, at: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength >> 1;
  for (let i = 0; i < n; i++) out[at + i] = view.getInt16(i * 2, true) / 32768;
}

export class DictationManager {
  private readonly dictations = new Map<string, Dictation>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly opts: Required<DictationOptions>;

  constructor(options: DictationOptions = {}) {
    this.opts = {
      maxRunning: 2,
      partialEveryMs: 1000,
      maxSeconds: maxDictationSeconds,
      perClient: maxDictationsPerClient,
      idleMs: dictationIdleMs,
      maxPhraseSeconds: 20,
      now: Date.now,
      log: (m) => console.error(`montage: ${m}`),
      ...options,
    };
  }

  /** Opens a dictation for the client with an engine that can run (the caller checked it). */
  start(clientId: string, engine: SpeechEngine): DictationStarted {
    let open = 0;
    for (const d of this.dictations.values()) if (d.clientId === clientId) open++;
    if (open >= this.opts.perClient) {
      throw new StudioError('unavailable', `At most ${this.opts.perClient} dictations can be open at once in a window; finish one first.`);
    }
    const id = randomUUID();
    this.dictations.set(id, {
      id,
      clientId,
      engine,
      pcm: new Float32Array(speechSampleRate * 10),
      length: 0,
      levels: [],
      open: 0,
      phrases: [],
      partial: null,
      partialAbort: null,
      lastPartialAt: 0,
      lastActive: this.opts.now(),
      finishing: false,
      abort: new AbortController(),
      failure: null,
    });
    return { dictationId: id, engine: engine.id, sampleRate: speechSampleRate, maxSeconds: this.opts.maxSeconds, maxChunkBytes: maxDictationChunkBytes };
  }

  private get(id: string, clientId: string): Dictation {
    const d = this.dictations.get(id);
    if (!d || d.clientId !== clientId || d.finishing) throw gone();
    return d;
  }

  /** Adds 16-bit little-endian samples; answers the text so far. */
  append(id: string, clientId: string, bytes: Uint8Array): DictationProgress {
    const d = this.get(id, clientId);
    const n = bytes.byteLength >> 1;
    const max = this.opts.maxSeconds * speechSampleRate;
    if (d.length + n > max) {
      const most = this.opts.maxSeconds >= 60 ? `${Math.round(this.opts.maxSeconds / 60)} minutes` : `${this.opts.maxSeconds} seconds`;
      throw new StudioError('invalid-argument', `A dictation holds at most ${most} of audio; finish this one (what was said is kept) and start another.`);
    }
    if (d.length + n > d.pcm.length) {
      const grown = new Float32Array(Math.min(max, Math.max(d.pcm.length * 2, d.length + n)));
      grown.set(d.pcm.subarray(0, d.length));
      d.pcm = grown;
    }
    readPcm16(bytes, d.pcm, d.length);
    const framesBefore = d.levels.length;
    d.length += n;
    d.lastActive = this.opts.now();
    const from = framesBefore * frameSamples;
    for (const level of frameLevels(d.pcm, from, d.length - ((d.length - from) % frameSamples))) d.levels.push(level);
    this.cutPhrases(d);
    this.maybePartial(d);
    return { partial: this.text(d), seconds: d.length / speechSampleRate };
  }

  /** Ends the open phrase at every pause heard; drops silence before speech; cuts a phrase that runs too long. */
  private cutPhrases(d: Dictation): void {
    const threshold = speechThreshold(d.levels);
    for (;;) {
      const openFrame = Math.ceil(d.open / frameSamples);
      const cut = findPauseCut(d.levels, openFrame, d.levels.length, threshold);
      if (cut < 0) break;
      this.closePhrase(d, cut * frameSamples);
    }
    const openFrame = Math.ceil(d.open / frameSamples);
    const frames = d.levels.length - openFrame;
    if (!hasSpeech(d.levels, openFrame, d.levels.length, threshold) && frames > 50) {
      // Nothing said since the last phrase: keep only the last 0.3 s before what comes next.
      d.open = (d.levels.length - 15) * frameSamples;
      d.partial = null;
    } else if (frames * frameSamples > this.opts.maxPhraseSeconds * speechSampleRate) {
      // In its last 4 s (at most), never at its very start.
      const cut = quietestFrame(d.levels, Math.max(openFrame + 1, d.levels.length - 200), d.levels.length);
      this.closePhrase(d, cut * frameSamples);
    }
  }

  /** The open phrase ends at `end`: its final recognition starts when a slot is free. */
  private closePhrase(d: Dictation, end: number): void {
    const start = d.open;
    d.open = end;
    const text = d.partial?.start === start ? d.partial.text : '';
    d.partial = null;
    const phrase: Phrase = { start, end, text, words: null, done: Promise.resolve() };
    const audio = d.pcm.slice(start, end);
    phrase.done = this.slot(true, d.abort.signal)
      .then(async (release) => {
        try {
          const t = await d.engine.transcribe(audio, { signal: d.abort.signal });
          const offset = start / speechSampleRate;
          phrase.words = t.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset }));
          phrase.text = t.text;
        } finally {
          release?.();
        }
      })
      .catch((err: unknown) => {
        if (!d.abort.signal.aborted) d.failure ??= StudioError.from(err);
      });
    d.phrases.push(phrase);
  }

  /** Recognises the open phrase again for the partial text, when due and a slot is free. */
  private maybePartial(d: Dictation): void {
    const now = this.opts.now();
    if (d.partialAbort || now - d.lastPartialAt < this.opts.partialEveryMs || this.running >= this.opts.maxRunning) return;
    const threshold = speechThreshold(d.levels);
    if (!hasSpeech(d.levels, Math.ceil(d.open / frameSamples), d.levels.length, threshold)) return;
    const abort = new AbortController();
    d.partialAbort = abort;
    d.lastPartialAt = now;
    const start = d.open;
    const audio = d.pcm.slice(start, d.length);
    this.running++;
    d.engine
      .transcribe(audio, { signal: AbortSignal.any([abort.signal, d.abort.signal]) })
      .then((t) => {
        if (d.open === start) d.partial = { start, text: t.text };
        else {
          // The phrase ended meanwhile: its text until the final recognition arrives.
          const phrase = d.phrases.find((p) => p.start === start && p.words === null);
          if (phrase) phrase.text = t.text;
        }
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted && !d.abort.signal.aborted) this.opts.log(`a partial dictation recognition failed: ${StudioError.from(err).message}`);
      })
      .finally(() => {
        d.partialAbort = null;
        this.release();
      });
  }

  /** Resolves with a release function once an engine run may start (`wait` false: null at once when none is free). */
  private slot(wait: boolean, signal: AbortSignal): Promise<(() => void) | null> {
    if (this.running < this.opts.maxRunning) {
      this.running++;
      return Promise.resolve(() => this.release());
    }
    if (!wait) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const go = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.running++;
        resolve(() => this.release());
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new StudioError('cancelled', 'Dictation cancelled.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(go);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }

  private text(d: Dictation): string {
    const parts = d.phrases.map((p) => p.text);
    if (d.partial && d.partial.start === d.open) parts.push(d.partial.text);
    return parts.filter((t) => t !== '').join(' ');
  }

  /** Ends the dictation: recognises what is left and answers the whole transcript. */
  async finish(id: string, clientId: string): Promise<Transcript> {
    const d = this.get(id, clientId);
    const started = this.opts.now();
    d.finishing = true;
    // The partial text is no longer wanted: its engine run makes room for the last phrase's.
    d.partialAbort?.abort();
    try {
      const threshold = speechThreshold(d.levels);
      const rest = d.length - d.open;
      // What is left after the last pause, when it holds speech; and when nothing was cut at all,
      // whatever there is (the engine, not the loudness, has the last word on quiet speech).
      if (hasSpeech(d.levels, Math.ceil(d.open / frameSamples), d.levels.length, threshold) || (d.phrases.length === 0 && rest >= speechSampleRate / 4)) {
        this.closePhrase(d, d.length);
      }
      await Promise.all(d.phrases.map((p) => p.done));
      if (d.failure) throw d.failure;
      if (d.abort.signal.aborted) throw new StudioError('cancelled', 'Dictation cancelled.');
      const words = d.phrases.flatMap((p) => p.words ?? []);
      const durationSeconds = d.length / speechSampleRate;
      const transcript: Transcript = {
        engine: d.engine.id,
        durationSeconds,
        seconds: (this.opts.now() - started) / 1000,
        words,
        text: words.map((w) => w.word).join(' '),
      };
      if (words.length === 0) transcript.note = silenceNote(durationSeconds);
      return transcript;
    } finally {
      d.abort.abort();
      this.dictations.delete(d.id);
    }
  }

  cancel(id: string, clientId: string): void {
    const d = this.dictations.get(id);
    if (!d || d.clientId !== clientId) throw gone();
    this.drop(d);
  }

  private drop(d: Dictation): void {
    d.abort.abort();
    this.dictations.delete(d.id);
  }

  /** Drops dictations that have heard nothing for the idle time (not those finishing); answers how many. */
  sweepIdle(): number {
    const now = this.opts.now();
    let n = 0;
    for (const d of [...this.dictations.values()]) {
      if (!d.finishing && now - d.lastActive > this.opts.idleMs) {
        this.drop(d);
        n++;
      }
    }
    return n;
  }

  dropClient(clientId: string): void {
    for (const d of [...this.dictations.values()]) if (d.clientId === clientId) this.drop(d);
  }

  /** How many dictations are open (tests, diagnostics). */
  openCount(): number {
    return this.dictations.size;
  }

  close(): void {
    for (const d of [...this.dictations.values()]) this.drop(d);
  }
}
