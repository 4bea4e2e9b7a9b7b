// Dictation sessions with a made-up engine that "hears" tone bursts as words (louder burst, later
// word of a list), so what is cut where and recognised when can be checked exactly: phrases cut at
// pauses and recognised once, partial text at most once a second, the final transcript with times
// from the dictation's start, silence, the limits, idle sweeping and cancelling.
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { speechSampleRate, type Transcript, type TranscriptWord } from '../../shared/speech/transcript';
import { DictationManager, type DictationOptions } from './dictation';
import type { SpeechEngine, SpeechInput, TranscribeOptions } from './speech-engine';

const vocabulary = ['go', 'forward', 'ten', 'meters', 'stop'];

/** Audio: each word a 0.3 s burst at amplitude (index + 1) / 10, 0.15 s apart; `pause` seconds after a phrase. */
function speak(phrases: string[][], pause = 1): Float32Array {
  const parts: number[] = [];
  const silence = (s: number) => parts.push(...new Array<number>(Math.round(s * speechSampleRate)).fill(0));
  silence(0.3);
  for (const phrase of phrases) {
    for (const word of phrase) {
      const amp = (vocabulary.indexOf(word) + 1) / 10;
      for (let i = 0; i < 0.3 * speechSampleRate; i++) parts.push(amp * Math.sin(i / 3));
      silence(0.15);
    }
    silence(pause);
  }
  return Float32Array.from(parts);
}

function pcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  samples.forEach((v, i) => view.setInt16(i * 2, Math.round(v * 32767), true));
  return out;
}

class FakeEngine implements SpeechEngine {
  readonly id = 'pocketsphinx' as const;
  calls: number[] = [];
  signals: AbortSignal[] = [];
  failWith: StudioError | null = null;
  /** Each run takes this long (ms, real time). */
  delayMs = 0;

  async status() {
    return { engine: this.id, available: true, detail: 'fake' };
  }

  async transcribe(input: SpeechInput, options: TranscribeOptions = {}): Promise<Transcript> {
    const pcm = input as Float32Array;
    this.calls.push(pcm.length);
    if (options.signal) this.signals.push(options.signal);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (options.signal?.aborted) throw new StudioError('cancelled', 'Transcription cancelled.');
    if (this.failWith) throw this.failWith;
    const words: TranscriptWord[] = [];
    let start = -1;
    let peak = 0;
    const frame = 320;
    for (let at = 0; at + frame <= pcm.length + frame; at += frame) {
      let max = 0;
      for (let i = at; i < Math.min(pcm.length, at + frame); i++) max = Math.max(max, Math.abs(pcm[i] as number));
      if (max > 0.05) {
        if (start < 0) start = at;
        peak = Math.max(peak, max);
      } else if (start >= 0) {
        words.push({ word: vocabulary[Math.round(peak * 10) - 1] ?? '?', start: start / speechSampleRate, end: at / speechSampleRate });
        start = -1;
        peak = 0;
      }
    }
    return { engine: this.id, durationSeconds: pcm.length / speechSampleRate, seconds: 0, words, text: words.map((w) => w.word).join(' ') };
  }
}

/** A manager on a clock the test moves. */
function setup(options: DictationOptions = {}) {
  const clock = { now: 1_000_000 };
  const engine = new FakeEngine();
  const manager = new DictationManager({ now: () => clock.now, log: () => undefined, ...options });
  return { clock, engine, manager };
}

/** Sends the audio in chunks of `seconds`, moving the clock by as much; answers every reply. */
function stream(manager: DictationManager, id: string, audio: Float32Array, clock: { now: number }, seconds = 0.25, client = 'w1') {
  const replies = [];
  const step = Math.round(seconds * speechSampleRate);
  for (let at = 0; at < audio.length; at += step) {
    clock.now += seconds * 1000;
    replies.push(manager.append(id, client, pcm16(audio.subarray(at, at + step))));
  }
  return replies;
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('dictation', () => {
  it('recognises each phrase once it ends, and the whole dictation with times from its start', async () => {
    const { clock, engine, manager } = setup({ partialEveryMs: 1e9 });
    const { dictationId } = manager.start('w1', engine);
    const audio = speak([['go', 'forward'], ['ten', 'meters'], ['stop']]);
    stream(manager, dictationId, audio, clock);
    await settle();
    // Each phrase was recognised alone once its pause was heard; nothing was recognised twice.
    expect(engine.calls).toHaveLength(3);
    expect(Math.max(...engine.calls)).toBeLessThan(2.5 * speechSampleRate);
    const t = await manager.finish(dictationId, 'w1');
    expect(t.text).toBe('go forward ten meters stop');
    // The user paused before stopping: finishing had nothing left to recognise.
    expect(engine.calls).toHaveLength(3);
    expect(t.durationSeconds).toBeCloseTo(audio.length / speechSampleRate, 5);
    // "ten" is the third word: after 0.3 s of silence, two words and a pause.
    const ten = t.words[2]!;
    expect(ten.start).toBeGreaterThan(0.3 + 2 * 0.45 + 0.9);
    expect(ten.start).toBeLessThan(0.3 + 2 * 0.45 + 1.2);
    expect(t.words.every((w, i) => i === 0 || w.start > t.words[i - 1]!.end)).toBe(true);
    expect(manager.openCount()).toBe(0);
  });

  it('gives partial text while a phrase is spoken, recognising at most once a second', async () => {
    const { clock, engine, manager } = setup();
    const { dictationId } = manager.start('w1', engine);
    // One long phrase: five words and no pause until the end.
    const audio = speak([['go', 'forward', 'ten', 'meters', 'stop']], 0.2);
    const step = 0.1 * speechSampleRate;
    const partials: string[] = [];
    for (let at = 0; at < audio.length; at += step) {
      clock.now += 100;
      partials.push(manager.append(dictationId, 'w1', pcm16(audio.subarray(at, at + step))).partial);
      await settle();
    }
    // 2.75 s of audio in 0.1 s chunks: a partial recognition each second, not each chunk.
    expect(engine.calls.length).toBeGreaterThanOrEqual(2);
    expect(engine.calls.length).toBeLessThanOrEqual(3);
    expect(partials.at(-1)).toMatch(/^go forward/);
    expect(partials.filter((p) => p !== '').length).toBeGreaterThan(5);
    expect((await manager.finish(dictationId, 'w1')).text).toBe('go forward ten meters stop');
  });

  it('answers silence with no words and a note, looking at no more than its last moment', async () => {
    const { clock, engine, manager } = setup();
    const { dictationId } = manager.start('w1', engine);
    stream(manager, dictationId, new Float32Array(3 * speechSampleRate), clock);
    const t = await manager.finish(dictationId, 'w1');
    expect(t.words).toEqual([]);
    expect(t.note).toMatch(/^No speech was recognised in the 3\.0 s of audio/);
    // Leading silence is dropped as it comes; only the last moment is given to the engine, once.
    expect(engine.calls.length).toBeLessThanOrEqual(1);
    expect(engine.calls.every((n) => n < speechSampleRate)).toBe(true);
  });

  it('keeps to the limits: dictations per window, length, and who may use one', async () => {
    const { clock, engine, manager } = setup({ maxSeconds: 2, perClient: 2 });
    const a = manager.start('w1', engine).dictationId;
    manager.start('w1', engine);
    expect(() => manager.start('w1', engine)).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/At most 2 dictations/) }));
    expect(manager.start('w2', engine).dictationId).toMatch(/^[0-9a-f-]{36}$/);
    // Another window's dictation is as unknown as a finished one.
    expect(() => manager.append(a, 'w2', pcm16(new Float32Array(10)))).toThrow(expect.objectContaining({ code: 'not-found' }));
    stream(manager, a, speak([['go']], 0.5), clock);
    expect(() => manager.append(a, 'w1', pcm16(new Float32Array(2 * speechSampleRate)))).toThrow(
      expect.objectContaining({ code: 'invalid-argument', message: 'A dictation holds at most 2 seconds of audio; finish this one (what was said is kept) and start another.' }),
    );
    // Refusing the chunk keeps what was said.
    expect((await manager.finish(a, 'w1')).text).toBe('go');
    expect((await rejection(manager.finish(a, 'w1'))).code).toBe('not-found');
    expect(() => manager.append(a, 'w1', pcm16(new Float32Array(10)))).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('drops dictations idle too long, and a window’s dictations when it goes', () => {
    const { clock, engine, manager } = setup({ idleMs: 30_000 });
    const a = manager.start('w1', engine).dictationId;
    manager.start('w2', engine);
    clock.now += 20_000;
    manager.append(a, 'w1', pcm16(new Float32Array(320)));
    clock.now += 20_000;
    expect(manager.sweepIdle()).toBe(1);
    expect(manager.openCount()).toBe(1);
    manager.dropClient('w1');
    expect(manager.openCount()).toBe(0);
  });

  it('cancelling stops the engine’s runs; a failed recognition fails the finish with its reason', async () => {
    const { clock, engine, manager } = setup({ partialEveryMs: 1e9 });
    engine.delayMs = 50;
    const a = manager.start('w1', engine).dictationId;
    stream(manager, a, speak([['go'], ['forward']]), clock);
    await settle();
    expect(engine.signals.length).toBeGreaterThan(0);
    manager.cancel(a, 'w1');
    expect(engine.signals.every((s) => s.aborted)).toBe(true);
    expect(() => manager.cancel(a, 'w1')).toThrow(expect.objectContaining({ code: 'not-found' }));

    engine.delayMs = 0;
    engine.failWith = new StudioError('unavailable', 'pocketsphinx is not installed.');
    const b = manager.start('w1', engine).dictationId;
    stream(manager, b, speak([['go']]), clock);
    expect(await rejection(manager.finish(b, 'w1'))).toMatchObject({ code: 'unavailable', message: 'pocketsphinx is not installed.' });
    expect(manager.openCount()).toBe(0);
  });

  it('cuts a phrase that runs on without a pause', async () => {
    const { clock, engine, manager } = setup({ partialEveryMs: 1e9, maxPhraseSeconds: 3 });
    const a = manager.start('w1', engine).dictationId;
    stream(manager, a, speak([Array<string>(12).fill('ten')], 0.3), clock);
    await settle();
    expect(engine.calls.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...engine.calls)).toBeLessThanOrEqual(3.3 * speechSampleRate);
    const t = await manager.finish(a, 'w1');
    // A cut at the quietest frame falls between words, so none is lost or doubled.
    expect(t.words.map((w) => w.word)).toEqual(Array(12).fill('ten'));
  });
});
