// The evaluation's figures (compareNoteSets, sharedHistograms, bestKeyInScaleRate, the held-out
// file) and the service over a fake model registry, session manager and generation service.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generationPpq, StudioError, type GeneratedClip, type GenerationService, type ModelInfo } from '../../shared/api';
import { decodeCorpusFile } from '../../shared/music/corpus/corpus-file';
import { sharedHistograms } from '../../shared/music/encoding/distributions';
import { decodeDrums } from '../../shared/music/encoding/drums';
import { compareNoteSets, figureNames, heldOutFileBytes, heldOutFileName, noteExamplesOfTokens } from '../../shared/music/encoding/evaluate-set';
import { decodeMelody } from '../../shared/music/encoding/melody';
import { bestKeyInScaleRate } from '../../shared/music/encoding/metrics';
import { createHost } from '../host';
import { packageRoot } from '../paths';
import type { SessionManager } from '../sessions';
import { createEvaluationService, reconstructionFigures } from './evaluation-service';
import type { HostModelsService } from './models-service';

// Two-bar melodies: a C major scale in eighths then a held C; four quarter-note Cs then a rest bar.
const scale = Int32Array.from([14, 0, 16, 0, 18, 0, 19, 0, 21, 0, 23, 0, 25, 0, 26, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
const fourCs = Int32Array.from([14, 0, 0, 0, 14, 0, 0, 0, 14, 0, 0, 0, 14, 0, 0, 1, ...new Array<number>(16).fill(0)]);
const fSharp = Int32Array.from([20, 0, 22, 0, 24, 0, 25, 0, 27, 0, 29, 0, 31, 0, 32, 1, ...new Array<number>(16).fill(0)]);
const backbeat = Uint16Array.from([5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0]);
const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

describe('compareNoteSets', () => {
  it('finds a set identical to itself: overlap 1 and KL 0 for every figure and histogram', () => {
    const set = noteExamplesOfTokens([scale, fourCs, fSharp], 'melody');
    const c = compareNoteSets(set, set, { kind: 'melody' });
    expect(c.figures.map((f) => f.name)).toEqual(figureNames('melody'));
    for (const f of c.figures) {
      expect(f.overlap, f.name).toBeCloseTo(1, 12);
      expect(f.kl, f.name).toBeCloseTo(0, 9);
      expect(f.generated).toBe(f.reference);
    }
    expect(c.histograms.map((h) => h.name)).toEqual(['pitchClass', 'ioi']);
    for (const h of c.histograms) {
      expect(h.overlap).toBeCloseTo(1, 12);
      expect(h.kl).toBeCloseTo(0, 9);
      expect(sum(h.generated)).toBeCloseTo(1, 12);
    }
  });
  it('works the melody figures out by hand', () => {
    const c = compareNoteSets(noteExamplesOfTokens([scale], 'melody'), noteExamplesOfTokens([fourCs], 'melody'), { kind: 'melody' });
    const f = Object.fromEntries(c.figures.map((x) => [x.name, x]));
    expect(f.noteDensity).toMatchObject({ generated: 4.5, reference: 2 });
    expect(f.pitchRange).toMatchObject({ generated: 12, reference: 0 });
    expect(f.emptyBarRate).toMatchObject({ generated: 0, reference: 0.5 });
    expect(f.inScaleRate).toMatchObject({ generated: 1, reference: 1 });
    // Different single values: disjoint distributions.
    expect(f.pitchRange?.overlap).toBe(0);
    expect(f.inScaleRate?.overlap).toBe(1);
    // The held C of the scale is the one qualified note of nine.
    expect(f.qualifiedNoteRate?.generated).toBeCloseTo(1 / 9, 12);
  });
  it('gives drums density, intervals, EB, DP and the drum-class histogram', () => {
    const set = noteExamplesOfTokens([backbeat], 'drums');
    const c = compareNoteSets(set, set, { kind: 'drums' });
    expect(c.figures.map((f) => f.name)).toEqual(['noteDensity', 'meanIoi', 'emptyBarRate', 'drumPatternRate']);
    expect(c.figures.find((f) => f.name === 'drumPatternRate')?.generated).toBe(1);
    expect(c.histograms.map((h) => h.name)).toEqual(['drumClass', 'ioi']);
    expect(Array.from(c.histograms[0]!.generated)).toEqual([2, 2, 8, 0, 0, 0, 0, 0, 0].map((x) => x / 12));
  });
});

describe('sharedHistograms and bestKeyInScaleRate', () => {
  it('bins whole numbers one per value and others in equal bins over both samples', () => {
    expect(sharedHistograms([1, 2, 2], [3, NaN])).toEqual({ a: Float64Array.from([1 / 3, 2 / 3, 0]), b: Float64Array.from([0, 0, 1]) });
    const h = sharedHistograms([0, 0.5], [1], 2);
    expect(Array.from(h.a)).toEqual([0.5, 0.5]);
    expect(Array.from(h.b)).toEqual([0, 1]);
    expect(sharedHistograms([2, 2], [2])).toEqual({ a: Float64Array.from([1]), b: Float64Array.from([1]) });
    expect(sharedHistograms([], [])).toEqual({ a: new Float64Array(1), b: new Float64Array(1) });
  });
  it('takes the best of the 12 major scales', () => {
    const notes = (pitches: number[]) => pitches.map((pitch, i) => ({ pitch, start: i, duration: 1 }));
    expect(bestKeyInScaleRate(notes([66, 68, 70, 71, 73, 75, 77]))).toBe(1); // F# major
    expect(bestKeyInScaleRate(notes([60, 61, 62, 63]))).toBe(0.75);
    expect(bestKeyInScaleRate([])).toBeNaN();
  });
});

describe('heldOutFileBytes', () => {
  it('writes at most 500 examples as a corpus file of the kind', () => {
    const tokens = new Int32Array(600 * 32).fill(14);
    const file = decodeCorpusFile(heldOutFileBytes(tokens, { kind: 'melody', steps: 32, vocabulary: 38, seed: 7, of: 'melody-2bar' }));
    expect(file.header).toMatchObject({ kind: 'melody', bars: 2, steps: 32, count: 500, dtype: 'int32', seed: 7 });
    expect(file.header.summary).toBe('500 held-out melodies of melody-2bar (not trained on)');
    const drums = decodeCorpusFile(heldOutFileBytes(Int32Array.from(backbeat), { kind: 'drums', steps: 32, vocabulary: 512, seed: 1 }));
    expect(drums.header).toMatchObject({ kind: 'drums', count: 1, dtype: 'uint16' });
    expect(Array.from(drums.example(0))).toEqual(Array.from(backbeat));
  });
});

describe('reconstructionFigures', () => {
  it('counts tokens, event steps and whole sequences decoded as they were', () => {
    const a = Int32Array.from([2, 0, 1, 0]);
    const b = Int32Array.from([3, 0, 0, 0]);
    const decoded = Int32Array.from([2, 0, 1, 0, 4, 0, 0, 0]);
    expect(reconstructionFigures([a, b], decoded, 4)).toEqual({ examples: 2, accuracy: 7 / 8, eventAccuracy: 2 / 3, exact: 0.5 });
  });
});

describe('the evaluation service', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const model = (kind: 'melody' | 'drums'): ModelInfo =>
    ({
      id: '00000000-0000-4000-8000-000000000001',
      name: kind === 'melody' ? 'Tunes' : 'Beats',
      kind,
      configName: `${kind}-2bar`,
      config: {},
      vocabulary: kind === 'melody' ? 38 : 512,
      steps: 32,
      origin: 'trained',
    }) as unknown as ModelInfo;

  function fakes(info: ModelInfo, options: { heldOut?: (Int32Array | Uint16Array)[] } = {}) {
    dir = mkdtempSync(join(tmpdir(), 'montage-eval-'));
    if (options.heldOut) {
      const flat = Int32Array.from(options.heldOut.flatMap((e) => Array.from(e)));
      writeFileSync(join(dir, heldOutFileName), heldOutFileBytes(flat, { kind: info.kind as 'melody' | 'drums', steps: 32, vocabulary: info.vocabulary, seed: 1 }));
    }
    const folder = dir;
    const models = { get: async () => info, folder: () => folder } as unknown as HostModelsService;
    const calls: { key?: unknown; density?: number; count: number }[] = [];
    const tokensOf = info.kind === 'melody' ? [scale, fourCs] : [backbeat];
    const clip = (i: number): GeneratedClip => {
      const t = tokensOf[i % tokensOf.length]!;
      const notes = info.kind === 'melody' ? decodeMelody(t, generationPpq, 0) : decodeDrums(t, generationPpq, 0);
      return { notes, bars: 2, density: notes.length / 2, ...(info.kind === 'melody' ? { inScaleRate: i % 2 === 0 ? 1 : 0.8 } : {}) };
    };
    const generation = {
      generate: async (args: { count?: number; key?: unknown; density?: number; seed?: number }) => {
        calls.push({ key: args.key, density: args.density, count: args.count ?? 8 });
        return { modelId: info.id, kind: info.kind, seed: args.seed ?? 0, variations: Array.from({ length: args.count ?? 8 }, (_, i) => clip(i)), ms: 1 };
      },
    } as unknown as GenerationService;
    let released = 0;
    const sessions = {
      open: async () => ({ key: 'k' }),
      // The fake VAE decodes every sequence as it was given, except step 0 of the first.
      request: async (_h: unknown, method: string, args: { tokens?: Int32Array; z?: Float32Array }) => {
        if (method === 'encode') return { method, z: Float32Array.from(args.tokens!), sigma: new Float32Array(args.tokens!.length), count: args.tokens!.length / 32, latentSize: 32 };
        const tokens = Int32Array.from(args.z!);
        tokens[0] = 37;
        return { method, tokens, count: tokens.length / 32, steps: 32 };
      },
      release: () => void released++,
    } as unknown as SessionManager;
    return { service: createEvaluationService({ models, sessions, generation }), calls, released: () => released };
  }

  it('compares a generated melody set with the kept held-out sample, and checks keys and densities', async () => {
    const f = fakes(model('melody'), { heldOut: [scale, fourCs, scale, fourCs] });
    const e = await f.service.music({ modelId: model('melody').id, count: 40, seed: 5, attributeCount: 4 });
    expect(e).toMatchObject({ kind: 'melody', seed: 5, temperature: 1, generated: { examples: 40 }, heldOut: { source: 'model', examples: 4 }, keyTarget: 0.9 });
    expect(e.heldOut.description).toMatch(/^4 held-out melodies/);
    // The same two melodies in the same shares on both sides.
    for (const fig of e.figures) expect(fig.overlap, fig.name).toBeCloseTo(1, 9);
    expect(e.histograms.find((h) => h.name === 'pitchClass')!.generated.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(e.reconstruction).toEqual({ examples: 4, accuracy: (4 * 32 - 1) / (4 * 32), eventAccuracy: expect.any(Number), exact: 0.75 });
    expect(f.released()).toBe(1);
    expect(e.keys.map((k) => k.name)).toEqual(['C major', 'A minor', 'F# major']);
    expect(e.keys[0]).toMatchObject({ variations: 4, reached: 0.5 });
    expect(e.keys[0]!.inScaleRate).toBeCloseTo(0.9, 12);
    expect(e.densities.map((d) => d.asked)).toEqual([4, 8]);
    expect(e.densities[0]).toMatchObject({ variations: 4, density: 3.25, error: 1.25 });
    // 40 generated in requests of at most 32.
    expect(f.calls.filter((c) => c.key === undefined && c.density === undefined).map((c) => c.count)).toEqual([32, 8]);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('takes given reference examples, and evaluates drums without keys', async () => {
    const f = fakes(model('drums'));
    const e = await f.service.music({ modelId: model('drums').id, count: 3, reference: [Array.from(backbeat)], referenceName: 'one file', keys: [], densities: [12] });
    expect(e.heldOut).toEqual({ source: 'given', examples: 1, description: '1 given drum patterns from one file' });
    expect(e.keys).toEqual([]);
    expect(e.densities).toEqual([{ asked: 12, variations: 32, density: 12, error: 0 }]);
    expect(e.figures.find((x) => x.name === 'drumPatternRate')).toMatchObject({ generated: 1, heldOut: 1, overlap: 1 });
  });

  it('refuses a model without a held-out sample, and reference examples that do not fit', async () => {
    const f = fakes(model('melody'));
    await expect(f.service.music({ modelId: model('melody').id })).rejects.toThrow(/keeps no held-out examples.*--data/);
    await expect(f.service.music({ modelId: model('melody').id, reference: [new Array<number>(16).fill(0)] })).rejects.toThrow(/has 16 steps; “Tunes” reads 32-step melodies/);
    const bad = await f.service.music({ modelId: model('melody').id, reference: [new Array<number>(32).fill(40)] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(StudioError);
    expect((bad as StudioError).message).toMatch(/value 40 at step 1/);
  });
});

describe('the held-out sample of a shipped model', () => {
  it('is copied into the data folder, also into an install registered before the model had one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'montage-eval-home-'));
    try {
      const shipped = join(home, 'shipped');
      const from = join(packageRoot(), 'models', 'shipped', 'drums-2bar');
      mkdirSync(join(shipped, 'drums-2bar'), { recursive: true });
      for (const name of readdirSync(from).filter((n) => n !== heldOutFileName)) copyFileSync(join(from, name), join(shipped, 'drums-2bar', name));
      const start = async () => {
        const host = createHost({ dataDir: join(home, 'data'), shell: 'cli', probe: false, shippedModelsDir: shipped });
        const scan = await host.shippedModels;
        const [model] = await host.api.models.list({});
        return { host, scan, folder: host.models.folder(model!.id)! };
      };
      const first = await start();
      expect(first.scan.registered).toEqual(['drums-2bar']);
      expect(existsSync(join(first.folder, heldOutFileName))).toBe(false);
      first.host.close();

      copyFileSync(join(from, heldOutFileName), join(shipped, 'drums-2bar', heldOutFileName));
      const second = await start();
      expect(second.scan.updated).toEqual(['drums-2bar']);
      expect(decodeCorpusFile(new Uint8Array(readFileSync(join(second.folder, heldOutFileName)))).header).toMatchObject({ kind: 'drums', count: 500 });
      second.host.close();

      const third = await start();
      expect(third.scan.unchanged).toEqual(['drums-2bar']);
      third.host.close();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);
});
