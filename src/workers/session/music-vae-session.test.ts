// The music-vae session's handlers, in-process on the wasm backend, with a tiny seeded model saved
// as the trainer saves one (the session process runs the same code; generation-service.int.test.ts
// covers the process and the host around it).
import { mkdtemp, rm, truncate, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSessionArgs, parseSessionSpec, type SessionArgsInput, type SessionMethod, type SessionResult } from '../../shared/sessions/protocol';
import { selectBackend } from '../backend/select-backend';
import { saveMusicVae } from '../models/music-model-files';
import { createMusicVae } from '../models/music-vae';
import { handleRequest, loadModel } from './handlers';
import { interpolateLatent } from './music-vae-session';
import type { LoadedModel } from './request-context';
import { rejection } from '../../shared/api/testing/rejection';

type Model = LoadedModel<'music-vae'>;
type Method = SessionMethod<'music-vae'>;

const tiny = { encoderUnits: 8, decoderUnits: 12, latentSize: 4, seed: 7 } as const;

async function call<M extends Method>(model: Model, method: M, args: SessionArgsInput<'music-vae', M>): Promise<SessionResult<'music-vae', M>> {
  return handleRequest(model, method, parseSessionArgs('music-vae', method, args), { signal: new AbortController().signal, partial: () => {} });
}

let folder: string;
let melody: Model;
let drums: Model;

beforeAll(async () => {
  await selectBackend({ force: 'wasm' });
  folder = await mkdtemp(join(tmpdir(), 'montage-vae-session-'));
  for (const [name, config] of [['melody', 'melody-2bar'], ['drums', 'drums-2bar']] as const) {
    const model = createMusicVae(config, tiny);
    await saveMusicVae(model, join(folder, name), { configName: config, stepsTrained: 0 });
    model.dispose();
  }
  melody = await loadModel('music-vae', parseSessionSpec('music-vae', { checkpoint: join(folder, 'melody') }));
  drums = await loadModel('music-vae', parseSessionSpec('music-vae', { checkpoint: join(folder, 'drums') }));
});

afterAll(async () => {
  melody?.dispose();
  drums?.dispose();
  await rm(folder, { recursive: true, force: true });
});

describe('music-vae session', () => {
  it('samples a batch of count × steps tokens in the vocabulary, the same for the same seed', async () => {
    const a = await call(melody, 'sample', { count: 4, seed: 11, temperature: 1 });
    expect(a).toMatchObject({ method: 'sample', count: 4, steps: 32 });
    expect(a.tokens).toBeInstanceOf(Int32Array);
    expect(a.tokens).toHaveLength(4 * 32);
    expect([...a.tokens].every((t) => t >= 0 && t < 38)).toBe(true);
    const again = await call(melody, 'sample', { count: 4, seed: 11, temperature: 1 });
    expect([...again.tokens]).toEqual([...a.tokens]);
    const other = await call(melody, 'sample', { count: 4, seed: 12, temperature: 1 });
    expect([...other.tokens]).not.toEqual([...a.tokens]);
    const d = await call(drums, 'sample', { count: 2, seed: 1 });
    expect(d.tokens).toHaveLength(64);
    expect([...d.tokens].every((t) => t >= 0 && t < 512)).toBe(true);
  });

  it('encodes to μ and σ per sequence and decodes z back to tokens', async () => {
    const { tokens } = await call(melody, 'sample', { count: 3, seed: 2 });
    const encoded = await call(melody, 'encode', { tokens });
    expect(encoded).toMatchObject({ method: 'encode', count: 3, latentSize: 4 });
    expect(encoded.z).toBeInstanceOf(Float32Array);
    expect(encoded.z).toHaveLength(12);
    expect([...encoded.sigma].every((s) => s > 0)).toBe(true);
    const decoded = await call(melody, 'decode', { z: encoded.z, temperature: 0, seed: 0 });
    expect(decoded).toMatchObject({ method: 'decode', count: 3, steps: 32 });
    expect(decoded.tokens).toHaveLength(96);
  });

  it('interpolates from one end to the other, ends included, as one batch', async () => {
    const { tokens } = await call(melody, 'sample', { count: 2, seed: 4 });
    const r = await call(melody, 'interpolate', { a: tokens.slice(0, 32), b: tokens.slice(32), steps: 5, temperature: 0, seed: 3 });
    expect(r).toMatchObject({ method: 'interpolate', count: 5, steps: 32 });
    expect(r.tokens).toHaveLength(160);
    // At temperature 0 each point decodes as its z does: the ends are the decodes of the two μ's.
    const { z } = await call(melody, 'encode', { tokens });
    const ends = await call(melody, 'decode', { z, temperature: 0, seed: 3 });
    expect([...r.tokens.slice(0, 32)]).toEqual([...ends.tokens.slice(0, 32)]);
    expect([...r.tokens.slice(128)]).toEqual([...ends.tokens.slice(32)]);
  });

  it('spherical interpolation keeps the ends and follows the arc; linear the line', () => {
    const a = Float32Array.from([1, 0]);
    const b = Float32Array.from([0, 1]);
    expect([...interpolateLatent(a, b, 0, 'spherical')]).toEqual([1, 0]);
    const mid = interpolateLatent(a, b, 0.5, 'spherical');
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect([...interpolateLatent(a, b, 0.5, 'linear')]).toEqual([0.5, 0.5]);
    const end = interpolateLatent(a, b, 1, 'spherical');
    expect(end[0]).toBeCloseTo(0, 6);
    expect(end[1]).toBeCloseTo(1, 6);
    // Parallel ends fall back to the line.
    expect([...interpolateLatent(a, Float32Array.from([2, 0]), 0.5, 'spherical')]).toEqual([1.5, 0]);
  });

  it('refuses tokens outside the vocabulary, a ragged batch and a wrong z width as bad arguments', async () => {
    expect((await rejection(call(melody, 'encode', { tokens: new Int32Array(32).fill(99) }))).code).toBe('invalid-argument');
    expect((await rejection(call(melody, 'encode', { tokens: new Int32Array(31) }))).code).toBe('invalid-argument');
    expect((await rejection(call(melody, 'decode', { z: new Float32Array(6), seed: 0 }))).message).toMatch(/latent vectors have 4/);
    expect((await rejection(call(melody, 'interpolate', { a: new Int32Array(32), b: new Int32Array(16), steps: 3, seed: 0 }))).message).toMatch(/b must be one sequence of 32 tokens/);
  });

  it('refuses a damaged folder as damaged and a missing one as not found', async () => {
    const damaged = join(folder, 'damaged');
    const model = createMusicVae('melody-2bar', tiny);
    await saveMusicVae(model, damaged, { configName: 'melody-2bar', stepsTrained: 0 });
    model.dispose();
    const weights = (await readdir(damaged)).find((f) => f.endsWith('.bin')) as string;
    await truncate(join(damaged, weights), 100);
    const e = await rejection(loadModel('music-vae', parseSessionSpec('music-vae', { checkpoint: damaged })));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/^The checkpoint .*damaged is damaged: .+\.$/);
    const missing = await rejection(loadModel('music-vae', parseSessionSpec('music-vae', { checkpoint: join(folder, 'nothing-here') })));
    expect(missing.code).toBe('not-found');
  });
});
