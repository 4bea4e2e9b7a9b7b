// `montage eval music` as a user runs it: the built CLI (dist/cli/montage.js) in its own process on
// a temp data folder. Evaluates a shipped model against the held-out sample it carries, the same
// model against MIDI files (--data), and a tiny model trained here (MONTAGE_TRAIN_TINY=1, whose
// trainer wrote its held-out sample); checks the JSON's shape and that its numbers are in range and
// consistent; and the exit codes of the failures.
import { existsSync, mkdirSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MusicEvaluation } from '../shared/api';
import { builtCli, runCli, writeMelodyMidi } from '../main/test/cli-process';
import { tempHome } from '../main/test/temp-home';

const run = (home: string, args: string[]): ReturnType<typeof runCli> => runCli(home, args, { timeout: 240_000, env: { MONTAGE_TRAIN_TINY: '1' } });

const inUnit = (x: number | null): boolean => x === null || (x >= 0 && x <= 1 + 1e-9);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** The JSON is one object whose numbers are in range and agree with each other. */
function checkEvaluation(e: MusicEvaluation, kind: 'melody' | 'drums'): void {
  expect(e.kind).toBe(kind);
  expect(e.figures.map((f) => f.name)).toEqual(
    kind === 'melody'
      ? ['pitchClassEntropy', 'pitchRange', 'usedPitchClasses', 'noteDensity', 'meanIoi', 'emptyBarRate', 'qualifiedNoteRate', 'inScaleRate']
      : ['noteDensity', 'meanIoi', 'emptyBarRate', 'drumPatternRate'],
  );
  for (const f of e.figures) {
    expect(inUnit(f.overlap), f.name).toBe(true);
    expect(f.kl === null || f.kl >= -1e-12, f.name).toBe(true);
    for (const v of [f.generated, f.heldOut]) expect(v === null || Number.isFinite(v), f.name).toBe(true);
  }
  const fig = Object.fromEntries(e.figures.map((f) => [f.name, f]));
  for (const rate of kind === 'melody' ? ['emptyBarRate', 'qualifiedNoteRate', 'inScaleRate'] : ['emptyBarRate', 'drumPatternRate']) {
    expect(inUnit(fig[rate]!.generated) && inUnit(fig[rate]!.heldOut), rate).toBe(true);
  }
  if (kind === 'melody') expect(fig.pitchClassEntropy!.heldOut!).toBeLessThanOrEqual(Math.log2(12) + 1e-9);
  expect(e.histograms.map((h) => h.name)).toEqual([kind === 'melody' ? 'pitchClass' : 'drumClass', 'ioi']);
  for (const h of e.histograms) {
    expect(h.generated).toHaveLength(h.heldOut.length);
    expect(sum(h.heldOut)).toBeCloseTo(1, 9);
    expect([0, 1]).toContainEqual(Number(sum(h.generated).toFixed(9)));
    expect(inUnit(h.overlap)).toBe(true);
  }
  expect(e.reconstruction.examples).toBe(e.heldOut.examples);
  for (const x of [e.reconstruction.accuracy, e.reconstruction.exact, e.reconstruction.eventAccuracy]) expect(inUnit(x)).toBe(true);
  // A sequence decoded exactly has every token right.
  expect(e.reconstruction.accuracy).toBeGreaterThanOrEqual(e.reconstruction.exact);
  expect(e.keys).toHaveLength(kind === 'melody' ? 3 : 0);
  for (const k of e.keys) {
    expect(inUnit(k.inScaleRate) && inUnit(k.reached)).toBe(true);
    expect(k.variations).toBe(32);
  }
  expect(e.keyTarget).toBe(0.9);
  expect(e.densities.map((d) => d.asked)).toEqual(kind === 'melody' ? [4, 8] : [8, 16]);
  for (const d of e.densities) expect(d.density >= 0 && d.error >= 0).toBe(true);
}

describe('montage eval music (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('evaluates a shipped model against its held-out sample, and against MIDI files', () => {
    home = tempHome();
    const r = run(home.dir, ['eval', 'music', '--model', 'melody-2bar', '--n', '16', '--seed', '3', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const e = JSON.parse(lines[0]!) as MusicEvaluation;
    expect(e).toMatchObject({ model: { name: 'melody-2bar' }, seed: 3, temperature: 1, generated: { examples: 16 }, heldOut: { source: 'model', examples: 500 } });
    checkEvaluation(e, 'melody');
    // The trained model reconstructs its held-out melodies far better than chance (1 in 38).
    expect(e.reconstruction.accuracy).toBeGreaterThan(0.3);

    const songs = join(home.dir, 'songs');
    mkdirSync(songs, { recursive: true });
    writeMelodyMidi(join(songs, 'scale.mid'), 6, (i) => 60 + [0, 2, 4, 5, 7, 9, 11, 12][i % 8]!);
    writeMelodyMidi(join(songs, 'arpeggio.mid'), 6, (i) => [60, 64, 67, 72][i % 4]!);
    const given = run(home.dir, ['eval', 'music', '--model', 'melody-2bar', '--n', '8', '--seed', '3', '--json', '--data', songs]);
    expect(given.err).toBe('');
    expect(given.code).toBe(0);
    const g = JSON.parse(given.out) as MusicEvaluation;
    expect(g.heldOut).toMatchObject({ source: 'given', description: expect.stringMatching(/from 2 MIDI files$/) });
    expect(g.heldOut.examples).toBeGreaterThanOrEqual(2);
    checkEvaluation(g, 'melody');
    // All in C major.
    expect(g.figures.find((f) => f.name === 'inScaleRate')!.heldOut).toBe(1);

    const table = run(home.dir, ['eval', 'music', '--model', 'drums-2bar', '--n', '8', '--seed', '3']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^“drums-2bar” \(drums\): 8 generated drum patterns/);
    expect(table.out).toMatch(/\nFIGURE +GENERATED +HELD-OUT +OVERLAP +KL\n/);
    expect(table.out).toMatch(/drum-pattern rate \(DP\) +1\.000 +1\.000/);
    expect(table.out).toMatch(/reconstruction \(held-out, temperature 0\) +500 sequences +token accuracy 0\.\d{3}/);
  }, 300_000);

  it('evaluates a model trained here against the held-out sample its training kept', () => {
    home = tempHome();
    const songs = join(home.dir, 'songs');
    mkdirSync(songs, { recursive: true });
    writeMelodyMidi(join(songs, 'scale.mid'), 8, (i) => 60 + (i % 8));
    writeMelodyMidi(join(songs, 'arpeggio.mid'), 8, (i) => [60, 64, 67, 72][i % 4]! + (Math.floor(i / 8) % 3));
    writeMelodyMidi(join(songs, 'zigzag.mid'), 6, (i) => 62 + ((i * 5) % 12));
    const trained = run(home.dir, ['train', 'music', '--data', songs, '--config', 'melody-2bar', '--steps', '3', '--name', 'Tiny', '--seed', '3', '--json']);
    expect(trained.code).toBe(0);
    const heldOut = (JSON.parse(trained.out) as { heldOut: number }).heldOut;
    const r = run(home.dir, ['eval', 'music', '--model', 'Tiny', '--n', '8', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as MusicEvaluation;
    expect(e.heldOut).toMatchObject({ source: 'model', examples: Math.min(500, heldOut) });
    checkEvaluation(e, 'melody');
  }, 300_000);

  it('exits 1 for an unknown model and 2 on bad usage', () => {
    home = tempHome();
    const unknown = run(home.dir, ['eval', 'music', '--model', 'no such model', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(/^montage: No model is named or has the id “no such model”/);
    expect(run(home.dir, ['eval', 'music', '--n', 'many']).code).toBe(2);
    expect(run(home.dir, ['eval', 'music', '--n', '0']).code).toBe(2);
    expect(run(home.dir, ['eval']).code).toBe(2);
    expect(run(home.dir, ['eval', 'songs']).code).toBe(2);
    const missing = run(home.dir, ['eval', 'music', '--model', 'melody-2bar', '--data', join(home.dir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);

    // A model whose weights were cut short cannot load: exit 1, naming it.
    const models = (JSON.parse(run(home.dir, ['models', '--json']).out) as { models: { id: string; name: string }[] }).models;
    const drums = models.find((m) => m.name === 'drums-2bar')!;
    const folder = join(home.dir, 'data', 'models', drums.id);
    const weights = readdirSync(folder).find((n) => n.startsWith('weights-'))!;
    truncateSync(join(folder, weights), 1000);
    const broken = run(home.dir, ['eval', 'music', '--model', 'drums-2bar', '--n', '4', '--json']);
    expect(broken.code).toBe(1);
    expect(broken.out).toBe('');
    // (The session process logs the damage on stderr too.)
    expect(broken.err).toMatch(/^montage: The model “drums-2bar” could not be loaded: its checkpoint is damaged/m);
  }, 120_000);
});
