// generation.continue on a real host: tiny seeded MusicVAE models with (and without) a tiny trained
// continuation companion, saved as the trainer saves them, registered through host.models, and real
// "music-vae" session processes (built into dist/ as `npm run build` builds them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContinuationResult, ModelInfo } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import type { Host } from '../host';
import { registerTinyMusicVae, sessionEntryPath, startSessionHost, trainTinyContinuation } from '../test/music-models';
import type { tempHome } from '../test/temp-home';

const entry = sessionEntryPath();

let home: ReturnType<typeof tempHome>;
let host: Host;
let melody: ModelInfo;
let drums: ModelInfo;
let plain: ModelInfo;

function register(h: Host, name: string, config: 'melody-2bar' | 'drums-2bar', companion: boolean): Promise<ModelInfo> {
  const beside = (staging: string) =>
    trainTinyContinuation(staging, config, { riff: [48, 52, 55, 52], hiddenUnits: 32, seed: 5, learningRate: 0.02, steps: 150, evalEvery: 50 });
  return registerTinyMusicVae(h, name, { config, seed: 3, ...(companion ? { beside } : {}) });
}

const continueClip = (args: Record<string, unknown>) => host.dispatch('generation', 'continue', args) as Promise<ContinuationResult>;

beforeAll(async () => {
  // wasm: the companions are trained here (150 steps), which tfjs's cpu backend would make slow.
  ({ home, host } = await startSessionHost(entry, 'wasm'));
  melody = await register(host, 'Riffs', 'melody-2bar', true);
  drums = await register(host, 'Beats', 'drums-2bar', true);
  plain = await register(host, 'Plain', 'melody-2bar', false);
}, 120_000);

afterAll(() => {
  host?.close();
  home?.remove();
});

describe('generation.continue (real sessions)', () => {
  it('continues a melody after the bar of its last note, at PPQ 480 from that point, with the asked bars; the same seed repeats', async () => {
    // One bar of the riff in bar 2 of a clip at PPQ 96 (a bar is 384 ticks), an octave below the
    // model's range (48–83): the model reads it moved up, and the continuation is moved back down.
    const notes = [36, 40, 43, 40].map((pitch, i) => ({ pitch, start: 384 + i * 96, duration: 90, velocity: 100 }));
    const a = await continueClip({ modelId: melody.id, notes, bars: 4, count: 3, seed: 11, ppq: 96 });
    expect(a).toMatchObject({ modelId: melody.id, kind: 'melody', seed: 11, after: 2 * 384 });
    expect(a.variations).toHaveLength(3);
    for (const v of a.variations) {
      expect(v.bars).toBe(4);
      expect(v.density).toBe(v.notes.length / 4);
      expect(v.notes.length).toBeGreaterThan(0);
      for (const n of v.notes) {
        expect(n.start).toBeGreaterThanOrEqual(0);
        expect(n.start + n.duration).toBeLessThanOrEqual(4 * 1920);
        expect(n.start % 120).toBe(0);
        expect(n.pitch).toBeGreaterThanOrEqual(36);
        expect(n.pitch).toBeLessThanOrEqual(83 - 12);
      }
    }
    const b = await continueClip({ modelId: melody.id, notes, bars: 4, count: 3, seed: 11, ppq: 96 });
    const shape = (r: ContinuationResult) => r.variations.map((v) => v.notes.map(({ pitch, start, duration }) => [pitch, start, duration]));
    expect(shape(b)).toEqual(shape(a));
    // Greedy: the riff goes on in the clip's octave: quarter notes of the riff's pitches.
    const greedy = await continueClip({ modelId: melody.id, notes, bars: 1, count: 1, seed: 1, temperature: 0, ppq: 96 });
    const line = greedy.variations[0]!.notes;
    expect(line.map((n) => n.start)).toEqual([0, 480, 960, 1440]);
    for (const n of line) expect([36, 40, 43]).toContain(n.pitch);
  });

  it('continues drums; refuses a clip it cannot read with the reason', async () => {
    const beat = [0, 480, 960, 1440].flatMap((t, i) => [
      { pitch: i % 2 === 0 ? 36 : 38, start: t, duration: 60 },
      { pitch: 42, start: t, duration: 60 },
    ]);
    const r = await continueClip({ modelId: drums.id, notes: beat, bars: 2, count: 2, seed: 4 });
    expect(r).toMatchObject({ kind: 'drums', after: 1920 });
    expect(r.variations.map((v) => v.bars)).toEqual([2, 2]);
    for (const v of r.variations) for (const n of v.notes) expect(n.start).toBeLessThan(2 * 1920);

    const cymballess = await rejection(continueClip({ modelId: drums.id, notes: [{ pitch: 20, start: 0, duration: 60 }] }));
    expect(cymballess).toMatchObject({ code: 'invalid-argument' });
    expect(cymballess.message).toMatch(/no drum hits of the kit in its last bar; the drum model “Beats” cannot continue it/);
    const wide = await rejection(continueClip({ modelId: melody.id, notes: [{ pitch: 30, start: 0, duration: 60 }, { pitch: 100, start: 120, duration: 60 }] }));
    expect(wide.message).toMatch(/^The clip cannot be read by the melody model “Riffs”: the melody does not fit/);
    const tooMany = await rejection(continueClip({ modelId: melody.id, notes: [{ pitch: 60, start: 0, duration: 60 }], bars: 17 }));
    expect(tooMany.code).toBe('invalid-argument');
  });

  it('answers a model trained without a continuation companion with a clear message naming it', async () => {
    const e = await rejection(continueClip({ modelId: plain.id, notes: [{ pitch: 60, start: 0, duration: 480 }] }));
    expect(e.code).toBe('unavailable');
    expect(e.message).toBe('The model “Plain” cannot continue clips: it has no continuation model (it was trained without one); train it again to continue clips.');
    // Its VAE still works.
    await expect(host.dispatch('generation', 'generate', { modelId: plain.id, count: 1, seed: 1 })).resolves.toMatchObject({ kind: 'melody' });
  });
});
