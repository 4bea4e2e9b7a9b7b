// The pocketsphinx engine's status and refusals when it cannot run, without running it: a program
// name that is on no PATH, and model folders with files missing.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findExecutable } from './find-executable';
import { PocketsphinxEngine } from './pocketsphinx-engine';

describe('pocketsphinx status', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'montage-psx-status-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A model folder with the three parts pocketsphinx needs, less `without`. */
  function modelDir(without?: string): string {
    const m = join(dir, 'model');
    mkdirSync(join(m, 'en-us'), { recursive: true });
    for (const f of ['en-us/mdef', 'en-us.lm.bin', 'cmudict-en-us.dict']) if (f !== without) writeFileSync(join(m, f), 'x');
    return m;
  }
  /** An executable stand-in for the program (never run by these tests). */
  function fakeBinary(): string {
    const b = join(dir, 'pocketsphinx_continuous');
    writeFileSync(b, '#!/bin/sh\nexit 0\n');
    chmodSync(b, 0o755);
    return b;
  }

  it('says what to apt-get install when the program is missing', async () => {
    const e = new PocketsphinxEngine({ binary: 'montage_no_such_pocketsphinx' });
    expect(await e.status()).toEqual({
      engine: 'pocketsphinx',
      available: false,
      detail: 'pocketsphinx is not installed (no montage_no_such_pocketsphinx on the PATH).',
      installHint: 'apt-get install pocketsphinx pocketsphinx-en-us',
    });
    const err = await e.transcribe(new Float32Array(16_000)).catch((x: unknown) => x);
    expect(err).toMatchObject({
      code: 'unavailable',
      message: 'pocketsphinx is not installed (no montage_no_such_pocketsphinx on the PATH). Install: apt-get install pocketsphinx pocketsphinx-en-us',
    });
  });

  it('names the missing model file', async () => {
    const s = await new PocketsphinxEngine({ binary: fakeBinary(), modelDir: modelDir('en-us.lm.bin') }).status();
    expect(s).toMatchObject({ available: false, installHint: 'apt-get install pocketsphinx pocketsphinx-en-us' });
    expect(s.detail).toBe(`pocketsphinx's US English model is missing (${join(dir, 'model', 'en-us.lm.bin')}).`);
  });

  it('is available with the program and a complete model', async () => {
    const s = await new PocketsphinxEngine({ binary: fakeBinary(), modelDir: modelDir() }).status();
    expect(s).toEqual({ engine: 'pocketsphinx', available: true, detail: `${join(dir, 'pocketsphinx_continuous')}, US English model in ${join(dir, 'model')}.` });
  });

  it('refuses at once when already cancelled', async () => {
    const e = new PocketsphinxEngine({ binary: fakeBinary(), modelDir: modelDir() });
    await expect(e.transcribe(new Float32Array(16_000), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled', message: 'Transcription cancelled.' });
  });
});

describe('findExecutable', () => {
  it('searches the PATH and checks a path as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'montage-which-'));
    try {
      const tool = join(dir, 'tool');
      writeFileSync(tool, '#!/bin/sh\n');
      chmodSync(tool, 0o755);
      writeFileSync(join(dir, 'plain'), 'not executable');
      expect(findExecutable('tool', { PATH: `/nonexistent:${dir}` })).toBe(tool);
      expect(findExecutable('plain', { PATH: dir })).toBeNull();
      expect(findExecutable('tool', { PATH: '' })).toBeNull();
      expect(findExecutable(tool, {})).toBe(tool);
      expect(findExecutable(join(dir, 'missing'), {})).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
