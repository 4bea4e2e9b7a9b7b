// `montage train music` as a user runs it: the built CLI (dist/cli/montage.js) in its own process,
// on a temp data folder, training a tiny model (MONTAGE_TRAIN_TINY=1, test-only) for a few steps on
// small generated MIDI files; then `montage models --json` lists it as trained.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../shared/api';
import { builtCli, runCli, writeMelodyMidi } from '../main/test/cli-process';
import { tempHome } from '../main/test/temp-home';

const run = (home: string, args: string[]): ReturnType<typeof runCli> => runCli(home, args, { timeout: 180_000, env: { MONTAGE_TRAIN_TINY: '1' } });

describe('montage train music (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('trains on a folder of MIDI files, reports the corpus as JSON and registers a trained model', () => {
    home = tempHome();
    const songs = join(home.dir, 'songs');
    mkdirSync(join(songs, 'more'), { recursive: true });
    writeMelodyMidi(join(songs, 'scale.mid'), 6, (i) => 60 + (i % 8), 240, 'Lead');
    writeMelodyMidi(join(songs, 'more', 'arpeggio.midi'), 6, (i) => [60, 64, 67, 72][i % 4]! + (Math.floor(i / 8) % 3), 240, 'Lead');
    writeMelodyMidi(join(songs, 'zigzag.mid'), 4, (i) => 62 + ((i * 5) % 12), 240, 'Lead');
    writeFileSync(join(songs, 'broken.mid'), 'not a midi file');
    writeFileSync(join(songs, 'notes.txt'), 'ignored');

    const r = run(home.dir, ['train', 'music', '--data', songs, '--config', 'melody-2bar', '--steps', '5', '--name', 'My tunes', '--seed', '3', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown> & { skipped: { reason: string; count: number }[] };
    expect(out).toMatchObject({ name: 'My tunes', config: 'melody-2bar', steps: 5 });
    expect(Object.keys(out).sort()).toEqual(['accuracyHeldOut', 'config', 'examples', 'heldOut', 'lossFirst', 'lossLast', 'modelId', 'name', 'seconds', 'skipped', 'steps'].sort());
    expect(out.examples).toBeGreaterThanOrEqual(5);
    expect(out.heldOut).toBeGreaterThanOrEqual(1);
    expect(out.heldOut).toBeLessThan(out.examples as number);
    expect(Number.isFinite(out.lossFirst)).toBe(true);
    expect(Number.isFinite(out.lossLast)).toBe(true);
    expect(out.accuracyHeldOut).toBeGreaterThanOrEqual(0);
    expect(out.accuracyHeldOut).toBeLessThanOrEqual(1);
    expect(out.skipped).toContainEqual({ reason: 'not a MIDI file Montage can read', count: 1 });
    for (const s of out.skipped) expect(s).toEqual({ reason: expect.any(String), count: expect.any(Number) });

    const models = run(home.dir, ['models', '--json']);
    expect(models.code).toBe(0);
    const trained = (JSON.parse(models.out) as { models: ModelInfo[] }).models.find((m) => m.id === out.modelId);
    expect(trained).toMatchObject({ name: 'My tunes', origin: 'trained', kind: 'melody', configName: 'melody-2bar' });
    // Nothing is left in the staging folder.
    expect(spawnSync('ls', ['-A', join(home.dir, 'data', 'models', '.staging')], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 200_000);

  it('exits 1 with the reasons when no examples can be extracted, and 2 on bad usage', () => {
    home = tempHome();
    const songs = join(home.dir, 'quiet');
    mkdirSync(songs, { recursive: true });
    // Three notes in three bars, one a bar: every 2-bar window has too few notes.
    writeMelodyMidi(join(songs, 'sparse.mid'), 3, (i) => 60 + i, 1920, 'Lead');
    writeFileSync(join(songs, 'junk.mid'), 'nope');

    const r = run(home.dir, ['train', 'music', '--data', songs, '--config', 'melody-2bar', '--steps', '5', '--json']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^montage: No 2-bar melodies could be extracted: .*fewer than 4 notes.*not a MIDI file Montage can read/);

    const none = run(home.dir, ['train', 'music', '--data', join(home.dir, 'empty-missing'), '--config', 'melody-2bar']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/does not exist/);

    expect(run(home.dir, ['train', 'music', '--data', songs, '--config', 'piano-8bar']).code).toBe(2);
    expect(run(home.dir, ['train', 'music', '--config', 'melody-2bar']).code).toBe(2);
    expect(run(home.dir, ['train', 'music', '--data', songs, '--config', 'melody-2bar', '--steps', 'many']).code).toBe(2);

    const models = JSON.parse(run(home.dir, ['models', '--json']).out) as { models: ModelInfo[] };
    expect(models.models.filter((m) => m.origin === 'trained')).toEqual([]);
  }, 200_000);
});
