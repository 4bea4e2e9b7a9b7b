// The whisper slot's status without any whisper weights: the binding's presence is faked (the real
// import is tried once, and fails here, as it does wherever the package is not installed), and the
// models folder is a temp folder with stand-in files whose first bytes are or are not ggml's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { packageRoot } from '../paths';
import { findWhisperModels, importWhisperBinding, WhisperEngine } from './whisper-engine';

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

  it('with binding and model found, says recognition is not wired yet and refuses to transcribe', async () => {
    ggml('ggml-base.en.bin');
    const e = engine(present);
    const s = await e.status();
    expect(s.available).toBe(false);
    expect(s.installHint).toBeUndefined();
    expect(s.detail).toContain(`the model ${join(models, 'ggml-base.en.bin')}`);
    const err = await e.transcribe(new Float32Array(16_000)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'unavailable' });
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
