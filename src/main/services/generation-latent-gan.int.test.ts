// Generating by key and density through a model's latent-constraints GAN, on a real host with real
// "music-vae" session processes (the session program built by esbuild, as `npm run build` does):
// a tiny seeded VAE saved with a latent GAN beside it (untrained: this checks the wiring — which
// path is taken, what is reported — not the GAN's quality, which train-latent-gan.test.ts
// measures), and the same VAE without one, which keeps the interim method.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationResult, ModelInfo } from '../../shared/api';
import { inScaleRate, stepNotesOf } from '../../shared/music/encoding';
import type { Note } from '../../shared/music/note-sequence';
import { LatentGan, saveLatentGan } from '../../workers/models/latent-gan';
import type { Host } from '../host';
import { registerTinyMusicVae, sessionEntryPath, startSessionHost } from '../test/music-models';
import type { tempHome } from '../test/temp-home';
import { ganInScaleTarget } from './generation-service';

const entry = sessionEntryPath('test-workers', 'latent-gan-model-session.js');

let home: ReturnType<typeof tempHome>;
let host: Host;
let withGan: ModelInfo;
let without: ModelInfo;

async function saveUntrainedGan(staging: string): Promise<void> {
  const g = new LatentGan({
    representation: 'melody',
    latentSize: 4,
    useKey: true,
    densityEdges: [3, 5],
    registerEdges: [64],
    densityCentres: [2, 4, 6],
    hiddenUnits: 16,
    learningRate: 3e-4,
    classifierWeight: 1,
    distanceWeight: 0.1,
    latentScale: 1,
    dropProbability: 0.25,
    seed: 2,
  });
  await saveLatentGan(g, staging, { steps: 0, metrics: {} });
  g.dispose();
}

const register = (h: Host, name: string, gan: boolean): Promise<ModelInfo> => registerTinyMusicVae(h, name, { seed: 3, ...(gan ? { beside: saveUntrainedGan } : {}) });

const generate = (args: Record<string, unknown>) => host.dispatch('generation', 'generate', args) as Promise<GenerationResult>;
const shape = (notes: Note[]) => notes.map(({ pitch, start, duration }) => [pitch, start, duration]);
const dMinorRate = (notes: Note[]) => inScaleRate(stepNotesOf(notes, 480, 0), 2, 'minor');

beforeAll(async () => {
  ({ home, host } = await startSessionHost(entry, 'cpu'));
  withGan = await register(host, 'With GAN', true);
  without = await register(host, 'Without', false);
}, 120_000);

afterAll(() => {
  host?.close();
  home?.remove();
});

describe('generation through a latent GAN (real sessions)', () => {
  it('draws through the GAN when the model has one, reports the figures as drawn, and repeats for a seed', async () => {
    const a = await generate({ modelId: withGan.id, count: 6, seed: 4, key: { tonic: 2, mode: 'minor' }, density: 4 });
    expect(a.conditioned).toBe(true);
    expect(a.variations).toHaveLength(6);
    for (const v of a.variations) {
      expect(v.bars).toBe(2);
      expect(v.density).toBe(v.notes.length / 2);
      expect(v.transposition).toBeDefined();
      if (v.notes.length === 0) continue;
      // The reported rate is the clip's own; a clip moved as a last resort was under the target before.
      expect(v.inScaleRate).toBeCloseTo(dMinorRate(v.notes), 10);
      if (v.transposition === 0) expect(v.inScaleRate).toBeLessThanOrEqual(1);
    }
    const b = await generate({ modelId: withGan.id, count: 6, seed: 4, key: { tonic: 2, mode: 'minor' }, density: 4 });
    expect(b.variations.map((v) => shape(v.notes))).toEqual(a.variations.map((v) => shape(v.notes)));
    // Without a key or density: the plain prior, no flag.
    const plain = await generate({ modelId: withGan.id, count: 2, seed: 4 });
    expect(plain.conditioned).toBeUndefined();
    expect(ganInScaleTarget).toBe(0.9);
  }, 120_000);

  it('keeps the interim method for a model without a GAN', async () => {
    const r = await generate({ modelId: without.id, count: 4, seed: 4, key: { tonic: 2, mode: 'minor' } });
    expect(r.conditioned).toBe(false);
    expect(r.variations).toHaveLength(4);
    for (const v of r.variations) {
      expect(v.transposition).toBeGreaterThanOrEqual(-6);
      expect(v.transposition).toBeLessThanOrEqual(5);
    }
  }, 120_000);
});
