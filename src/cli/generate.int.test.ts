// `montage generate` as a user runs it: the built CLI (dist/cli/montage.js, with its session
// program dist/workers/model-session.js) in its own process, on a temp data folder holding a tiny
// seeded MusicVAE registered by a host of the test's own. The MIDI files it writes are read back.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importMidi } from '../shared/music';
import { createHost } from '../main/host';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';
import { selectBackend } from '../workers/backend/select-backend';
import { saveMusicVae } from '../workers/models/music-model-files';
import { createMusicVae } from '../workers/models/music-vae';
import { parseKey } from './generate-command';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

function run(home: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd: home, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

async function seed(home: string): Promise<void> {
  const host = createHost({ dataDir: join(home, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
  try {
    for (const [name, config] of [['Tiny tunes', 'melody-2bar'], ['Tiny beats', 'drums-2bar']] as const) {
      const model = createMusicVae(config, { encoderUnits: 8, decoderUnits: 16, latentSize: 4, seed: 3 });
      const staging = host.models.stagingDir(name);
      await saveMusicVae(model, staging, { configName: config, stepsTrained: 0 });
      model.dispose();
      await host.models.register({ from: staging, mode: 'move', origin: 'trained', name });
    }
  } finally {
    host.close();
  }
}

interface GenerateJson {
  model: { id: string; name: string };
  kind: string;
  seed: number;
  files: { path: string; notes: number; bars: number; density: number; inScaleRate?: number }[];
  ms: number;
}

describe('montage generate (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(async () => {
    // The test's own models are built on tfjs's cpu backend (no console banner).
    await selectBackend({ force: 'cpu' });
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('writes one MIDI file per variation that imports back with the same notes; refuses to overwrite without --force', async () => {
    home = tempHome();
    await seed(home.dir);
    const out = join(home.dir, 'ideas');
    const r = run(home.dir, ['generate', '--model', 'tiny tunes', '--n', '3', '--seed', '7', '--key', 'A:minor', '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.out) as GenerateJson;
    expect(json).toMatchObject({ model: { name: 'Tiny tunes' }, kind: 'melody', seed: 7 });
    expect(json.ms).toBeGreaterThan(0);
    expect(json.files.map((f) => f.path)).toEqual(['variation-01.mid', 'variation-02.mid', 'variation-03.mid'].map((f) => join(out, f)));
    expect(readdirSync(out).sort()).toEqual(['variation-01.mid', 'variation-02.mid', 'variation-03.mid']);
    for (const f of json.files) {
      const song = importMidi(new Uint8Array(readFileSync(f.path))).sequence;
      expect(song.tracks).toHaveLength(1);
      expect(song.tracks[0]!.isDrum).toBe(false);
      expect(song.tracks[0]!.notes).toHaveLength(f.notes);
      expect(song.keySignatures).toEqual([{ tick: 0, tonic: 9, mode: 'minor' }]);
      expect(f.bars).toBe(2);
      expect(f.density).toBe(f.notes / 2);
      expect(f.inScaleRate === undefined || (f.inScaleRate >= 0 && f.inScaleRate <= 1)).toBe(true);
    }

    const again = run(home.dir, ['generate', '--model', 'Tiny tunes', '--n', '3', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/variation-01\.mid already exists \(and 2 more\); choose another --out, or add --force/);
    const forced = run(home.dir, ['generate', '--model', json.model.id, '--n', '2', '--seed', '7', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^FILE\s+NOTES\s+IN-SCALE\s+DENSITY\nvariation-01\.mid\s+\d+\s+—\s+[\d.]+\/bar\nvariation-02\.mid/);
    expect(forced.out).toMatch(/2 melody variations from “Tiny tunes” in \d+ ms, seed 7, written to /);
  });

  it('puts drums on a drum track (channel 10), and answers bad usage with 2 and a missing model with 1', async () => {
    home = tempHome();
    await seed(home.dir);
    const out = join(home.dir, 'beats');
    const r = run(home.dir, ['generate', '--model', 'Tiny beats', '--n', '1', '--seed', '1', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as GenerateJson;
    expect(json.kind).toBe('drums');
    const song = importMidi(new Uint8Array(readFileSync(json.files[0]!.path))).sequence;
    expect(song.tracks[0]!.isDrum).toBe(true);
    expect(song.tracks[0]!.notes).toHaveLength(json.files[0]!.notes);

    expect(run(home.dir, ['generate', '--model', 'Tiny beats', '--out', out, '--n', '0'])).toMatchObject({ code: 2, err: expect.stringMatching(/--n must be a whole number from 1 to 32/) });
    expect(run(home.dir, ['generate', '--out', out])).toMatchObject({ code: 2, err: expect.stringMatching(/--model is required/) });
    expect(run(home.dir, ['generate', '--model', 'Tiny beats', '--n', '1', '--key', 'C:major', '--out', join(home.dir, 'x')])).toMatchObject({
      code: 2,
      err: 'montage: A key applies to melodies; “Tiny beats” is a drum model.\n',
    });
    expect(run(home.dir, ['generate', '--model', 'Nope', '--out', join(home.dir, 'y')])).toMatchObject({ code: 1, err: expect.stringMatching(/No model is named or has the id “Nope”/) });
  });

  it('reads keys as TONIC:MODE', () => {
    expect(parseKey('C:major')).toEqual({ tonic: 0, mode: 'major' });
    expect(parseKey('f#:minor')).toEqual({ tonic: 6, mode: 'minor' });
    expect(parseKey('Bb:dorian')).toEqual({ tonic: 10, mode: 'dorian' });
    expect(parseKey('A')).toEqual({ tonic: 9, mode: 'major' });
    expect(parseKey('E:harmonic-minor')).toEqual({ tonic: 4, mode: 'harmonicMinor' });
    expect(() => parseKey('H:major')).toThrow(/--key must be TONIC:MODE/);
    expect(() => parseKey('C:happy')).toThrow(/--key must be TONIC:MODE/);
  });
});
