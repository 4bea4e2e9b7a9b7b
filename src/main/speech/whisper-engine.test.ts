// The whisper engine without any whisper weights (no package ships them, so whisper itself cannot
// run here): the binding is a stand-in with the binding's API (the real import is tried once, and
// fails here, as it does wherever the package is not installed), and the models folder is a temp
// folder with stand-in files whose first bytes are or are not ggml's. What is Montage's own is
// tested: the status, the audio handed over (16 kHz 16-bit PCM), the options asked for, the words
// made of one-word segments, progress, cancel, and a model that fails to load.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { packageRoot } from '../paths';
import { findWhisperModels, importWhisperBinding, WhisperEngine, wordsOfSegments } from './whisper-engine';

/** A binding with @fugood/whisper.node's API that answers `segments` (or waits to be stopped). */
function standIn(segments: { text: string; t0: number; t1: number }[] | 'wait', seen: { model?: string; pcm?: Int16Array; options?: Record<string, unknown>; stopped?: boolean; released?: boolean } = {}) {
  return () =>
    Promise.resolve({
      initWhisper: async ({ filePath }: { filePath: string }) => {
        seen.model = filePath;
        return {
          transcribeData(pcm: ArrayBuffer, options: Record<string, unknown>) {
            seen.pcm = new Int16Array(pcm);
            seen.options = options;
            let stop!: () => void;
            const promise = new Promise<{ segments: typeof segments; isAborted: boolean }>((resolve) => {
              (options.onProgress as (p: number) => void)(50);
              if (segments !== 'wait') resolve({ segments, isAborted: false });
              stop = () => resolve({ segments: [], isAborted: true });
            });
            return { promise, stop: async () => ((seen.stopped = true), stop()) };
          },
          release: async () => {
            seen.released = true;
          },
        };
      },
    });
}

const present = () => Promise.resolve({});
const absent = () => Promise.reject(new Error("Cannot find module '@fugood/whisper.node'\nRequire stack:\n- /app/package.json"));

describe('the whisper engine slot', () => {
  let dir: string;
  let models: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'montage-whisper-'));
    models = join(dir, 'data', 'models');
    mkdirSync(models, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const engine = (loadBinding: () => Promise<unknown>) => new WhisperEngine({ appDir: join(dir, 'app'), modelsDir: models, loadBinding });
  const ggml = (name: string) => writeFileSync(join(models, name), Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.alloc(60)]));

  it('says to install the binding in the app folder and to add a model when both are missing', async () => {
    const s = await engine(absent).status();
    expect(s).toMatchObject({ engine: 'whisper', available: false });
    expect(s.detail).toBe(`whisper cannot run: its Node binding is not installed (Cannot find module '@fugood/whisper.node'), and there is no ggml model file in ${models}.`);
    expect(s.installHint).toBe(
      `cd ${join(dir, 'app')} && npm install @fugood/whisper.node; then put a ggml model file named ggml-*.bin in ${models}, from https://huggingface.co/ggerganov/whisper.cpp (e.g. ggml-base.en.bin)`,
    );
  });

  it('asks only for the model when the binding loads', async () => {
    const s = await engine(present).status();
    expect(s.available).toBe(false);
    expect(s.detail).toBe(`whisper cannot run: there is no ggml model file in ${models}.`);
    expect(s.installHint).toMatch(/^put a ggml model file named ggml-\*\.bin in /);
    expect(s.installHint).not.toContain('npm install');
  });

  it('asks only for the binding when a model is there', async () => {
    ggml('ggml-base.en.bin');
    const s = await engine(absent).status();
    expect(s.detail).toBe("whisper cannot run: its Node binding is not installed (Cannot find module '@fugood/whisper.node').");
    expect(s.installHint).toBe(`cd ${join(dir, 'app')} && npm install @fugood/whisper.node`);
  });

  it('names a file called ggml-*.bin that is not a model', async () => {
    writeFileSync(join(models, 'ggml-tiny.bin'), '<html>404 Not Found</html>');
    const s = await engine(present).status();
    expect(s.detail).toBe(`whisper cannot run: there is no ggml model file in ${models} (${join(models, 'ggml-tiny.bin')} is not a ggml model).`);
  });

  it('with binding and model found, transcribes 16 kHz 16-bit PCM into words with their times', async () => {
    ggml('ggml-base.en.bin');
    const seen: Parameters<typeof standIn>[1] = {};
    const e = engine(standIn([{ text: ' go', t0: 12, t1: 40 }, { text: ' forward', t0: 40, t1: 95 }, { text: ' [BLANK_AUDIO]', t0: 95, t1: 300 }], seen));
    const s = await e.status();
    expect(s).toMatchObject({ available: true });
    expect(s.installHint).toBeUndefined();
    expect(s.detail).toContain(join(models, 'ggml-base.en.bin'));
    const samples = new Float32Array(32_000).map((_, i) => (i === 1 ? 0.5 : i === 2 ? -1 : 0));
    const progress: number[] = [];
    const t = await e.transcribe(samples, { onProgress: (p) => progress.push(p.fraction) });
    expect(t).toMatchObject({ engine: 'whisper', durationSeconds: 2, text: 'go forward', words: [{ word: 'go', start: 0.12, end: 0.4 }, { word: 'forward', start: 0.4, end: 0.95 }] });
    expect(seen.model).toBe(join(models, 'ggml-base.en.bin'));
    expect(seen.pcm?.length).toBe(32_000);
    expect([seen.pcm?.[1], seen.pcm?.[2]]).toEqual([16384, -32767]);
    expect(seen.options).toMatchObject({ language: 'en', maxLen: 1, tokenTimestamps: true });
    expect(progress).toContain(0.5);
    await e.release();
    expect(seen.released).toBe(true);
  });

  it('stops the binding when cancelled, says silence, and names a model that will not load', async () => {
    ggml('ggml-base.en.bin');
    const seen: Parameters<typeof standIn>[1] = {};
    const controller = new AbortController();
    const running = engine(standIn('wait', seen)).transcribe(new Float32Array(16_000), { signal: controller.signal, onProgress: (p) => p.stage === 'recognising' && p.fraction > 0 && controller.abort() });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.stopped).toBe(true);
    const quiet = await engine(standIn([])).transcribe(new Float32Array(8_000));
    expect(quiet.words).toEqual([]);
    expect(quiet.note).toMatch(/No speech was recognised/);
    const broken = () => Promise.resolve({ initWhisper: () => Promise.reject(new Error('invalid model data (bad magic)')) });
    const err = await engine(broken).transcribe(new Float32Array(16_000)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect((err as Error).message).toContain('bad magic');
  });

  it('keeps words and leaves out non-speech marks from one-word segments', () => {
    expect(wordsOfSegments([{ text: ' Hello,', t0: 0, t1: 30 }, { text: '(music)', t0: 30, t1: 90 }, { text: '  ', t0: 90, t1: 91 }, { text: 'world', t0: 91, t1: 80 }])).toEqual([
      { word: 'Hello,', start: 0, end: 0.3 },
      { word: 'world', start: 0.91, end: 0.91 },
    ]);
  });

  it('refuses to transcribe with the install steps when it cannot run', async () => {
    const err = await engine(absent).transcribe('/nowhere.wav').catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect((err as Error).message).toContain('Install: cd ');
    const aborted = AbortSignal.abort();
    await expect(engine(absent).transcribe('/nowhere.wav', { signal: aborted })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('finds ggml and GGUF files only, and nothing in a missing folder', () => {
    ggml('ggml-small.bin');
    writeFileSync(join(models, 'ggml-q.bin'), Buffer.from('GGUF\x03\x00\x00\x00', 'latin1'));
    writeFileSync(join(models, 'notes.txt'), 'lmgg');
    mkdirSync(join(models, 'ggml-folder.bin'));
    expect(findWhisperModels(models)).toEqual({ models: [join(models, 'ggml-q.bin'), join(models, 'ggml-small.bin')], invalid: [] });
    expect(findWhisperModels(join(dir, 'none'))).toEqual({ models: [], invalid: [] });
  });

  it('really looks for the binding in the app folder (not installed here)', async () => {
    await expect(importWhisperBinding(packageRoot())).rejects.toThrow(/@fugood\/whisper\.node/);
  });
});
