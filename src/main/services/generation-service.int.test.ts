// GenerationService on a real host: tiny seeded MusicVAE models saved as the trainer saves them,
// registered through host.models, and real "music-vae" session processes (the session program
// built into dist/ by esbuild, as `npm run build` builds it) on the wasm backend. Nothing asserts
// wall-clock speed.
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenerationResult, InterpolationResult, ModelInfo } from '../../shared/api';
import { inScaleRate, stepNotesOf } from '../../shared/music/encoding';
import type { Note } from '../../shared/music/note-sequence';
import { rejection } from '../../shared/api/testing/rejection';
import type { Host } from '../host';
import { registerTinyMusicVae, sessionEntryPath, startSessionHost } from '../test/music-models';
import type { tempHome } from '../test/temp-home';

const entry = sessionEntryPath();

let home: ReturnType<typeof tempHome>;
let host: Host;
let melody: ModelInfo;

const register = (h: Host, name: string, config: 'melody-2bar' | 'drums-2bar', seed: number): Promise<ModelInfo> => registerTinyMusicVae(h, name, { config, seed });

const generate = (args: Record<string, unknown>) => host.dispatch('generation', 'generate', args) as Promise<GenerationResult>;
const interpolate = (args: Record<string, unknown>) => host.dispatch('generation', 'interpolate', args) as Promise<InterpolationResult>;
const shape = (notes: Note[]) => notes.map(({ pitch, start, duration }) => [pitch, start, duration]);
const cMajorRate = (notes: Note[]) => inScaleRate(stepNotesOf(notes, 480, 0), 0, 'major');

beforeAll(async () => {
  // The test's own models are built on tfjs's cpu backend (no console banner).
  ({ home, host } = await startSessionHost(entry, 'cpu'));
  melody = await register(host, 'Tiny', 'melody-2bar', 3);
});

afterAll(() => {
  host?.close();
  home?.remove();
});

describe('generation service (real sessions)', () => {
  it('generates variations as two-bar clips at PPQ 480 from tick 0; the same seed gives the same notes', async () => {
    const a = await generate({ modelId: melody.id, count: 4, seed: 5, temperature: 1 });
    expect(a).toMatchObject({ modelId: melody.id, kind: 'melody', seed: 5 });
    expect(a.ms).toBeGreaterThanOrEqual(0);
    expect(a.variations).toHaveLength(4);
    for (const v of a.variations) {
      expect(v.bars).toBe(2);
      expect(v.density).toBe(v.notes.length / 2);
      expect(v.inScaleRate).toBeUndefined();
      for (const n of v.notes) {
        expect(n.start % 120).toBe(0);
        expect(n.start).toBeGreaterThanOrEqual(0);
        expect(n.start + n.duration).toBeLessThanOrEqual(2 * 1920);
        expect(n.pitch).toBeGreaterThanOrEqual(48);
        expect(n.pitch).toBeLessThanOrEqual(83);
      }
    }
    expect(a.variations.some((v) => v.notes.length > 0)).toBe(true);
    const b = await generate({ modelId: melody.id, count: 4, seed: 5, temperature: 1 });
    expect(b.variations.map((v) => shape(v.notes))).toEqual(a.variations.map((v) => shape(v.notes)));
    const c = await generate({ modelId: melody.id, count: 4, seed: 6, temperature: 1 });
    expect(c.variations.map((v) => shape(v.notes))).not.toEqual(a.variations.map((v) => shape(v.notes)));
    // The session stayed warm: one process for all three.
    const [info] = host.sessions.list().filter((s) => s.kind === 'music-vae');
    expect(info).toMatchObject({ state: 'idle', processesStarted: 1 });
  });

  it('with a key, keeps variations at least as much in the scale as an unconstrained draw, and reports the figures', async () => {
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    let keyed = 0;
    let free = 0;
    for (const seed of [1, 2, 3]) {
      const plain = await generate({ modelId: melody.id, count: 8, seed });
      const inKey = await generate({ modelId: melody.id, count: 8, seed, key: { tonic: 0, mode: 'major' }, density: 6 });
      expect(inKey.variations).toHaveLength(8);
      for (const v of inKey.variations) {
        expect(v.transposition).toBeGreaterThanOrEqual(-6);
        expect(v.transposition).toBeLessThanOrEqual(5);
        if (v.notes.length > 0) expect(v.inScaleRate).toBeCloseTo(cMajorRate(v.notes), 10);
      }
      keyed += mean(inKey.variations.map((v) => v.inScaleRate ?? 0));
      free += mean(plain.variations.map((v) => (v.notes.length > 0 ? cMajorRate(v.notes) : 0)));
    }
    expect(keyed).toBeGreaterThanOrEqual(free);
    await expect(generate({ modelId: melody.id, count: 33 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('interpolates between two clips, ends included, and refuses a clip the model cannot read, with the reason', async () => {
    const note = (pitch: number, step: number, steps = 2): Omit<Note, 'id' | 'velocity'> => ({ pitch, start: 7680 + step * 120, duration: steps * 120 });
    const scale = [60, 62, 64, 65, 67, 69, 71, 72].map((p, i) => note(p, i * 4));
    const arpeggio = [60, 64, 67, 72, 67, 64, 60, 55].map((p, i) => note(p, i * 4, 4));
    const r = await interpolate({ modelId: melody.id, from: scale, to: arpeggio, steps: 4, seed: 2 });
    expect(r).toMatchObject({ modelId: melody.id, kind: 'melody', seed: 2 });
    expect(r.clips).toHaveLength(4);
    for (const c of r.clips) expect(c.bars).toBe(2);
    const again = await interpolate({ modelId: melody.id, from: scale, to: arpeggio, steps: 4, seed: 2 });
    expect(again.clips.map((c) => shape(c.notes))).toEqual(r.clips.map((c) => shape(c.notes)));

    const wide = [note(20, 0), note(110, 4)];
    const e = await rejection(interpolate({ modelId: melody.id, from: scale, to: wide, steps: 3 }));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/^The second clip cannot be read by the melody model “Tiny”: the melody does not fit C3–B5/);
  });

  it('names a damaged model clearly, and leaves its registry entry and files as they were', async () => {
    const broken = await register(host, 'Broken', 'melody-2bar', 9);
    const folder = host.models.folder(broken.id) as string;
    const weights = readdirSync(folder).find((f) => f.endsWith('.bin')) as string;
    truncateSync(join(folder, weights), 64);
    const files = readdirSync(folder).sort();
    const e = await rejection(generate({ modelId: broken.id, count: 2, seed: 1 }));
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/^The model “Broken” could not be loaded: its checkpoint is damaged \(.+\)\. Train it again, or delete it\.$/);
    expect(await host.dispatch('models', 'get', { id: broken.id })).toEqual(broken);
    expect(readdirSync(folder).sort()).toEqual(files);
    // Asking again asks the folder again (nothing half-loaded was kept).
    expect((await rejection(generate({ modelId: broken.id, count: 2, seed: 1 }))).message).toMatch(/checkpoint is damaged/);
    // The good model is unaffected.
    expect((await generate({ modelId: melody.id, count: 2, seed: 1 })).variations).toHaveLength(2);
  });

  it('a session process killed mid-request fails that request with a clear message; the next one works', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await generate({ modelId: melody.id, count: 1, seed: 1 });
    const session = () => host.sessions.list().find((s) => s.kind === 'music-vae' && s.state !== 'cold' && s.pid !== undefined && s.key.includes(melody.id));
    const pid = session()?.pid as number;
    expect(pid).toBeGreaterThan(0);
    const pending = generate({ modelId: melody.id, count: 32, seed: 3, key: { tonic: 2, mode: 'dorian' } });
    while (session()?.state !== 'busy') await new Promise((r) => setImmediate(r));
    process.kill(pid, 'SIGKILL');
    const e = await rejection(pending);
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/^The model “Tiny” stopped unexpectedly \(killed by SIGKILL\); it has been restarted — try again\.$/);
    const next = await generate({ modelId: melody.id, count: 2, seed: 3 });
    expect(next.variations).toHaveLength(2);
    expect(session()?.pid).not.toBe(pid);
    vi.restoreAllMocks();
  });

  it('generates drums (GM kit hits) and refuses a key for them', async () => {
    const drums = await register(host, 'Beats', 'drums-2bar', 4);
    const r = await generate({ modelId: drums.id, count: 2, seed: 8, density: 12 });
    expect(r.kind).toBe('drums');
    expect(r.variations).toHaveLength(2);
    const kit = new Set([36, 38, 42, 46, 45, 48, 50, 49, 51]);
    for (const v of r.variations) for (const n of v.notes) expect(kit.has(n.pitch)).toBe(true);
    const e = await rejection(generate({ modelId: drums.id, count: 2, key: { tonic: 0, mode: 'major' } }));
    expect(e).toMatchObject({ code: 'invalid-argument', message: 'A key applies to melodies; “Beats” is a drum model.' });
  });
});
