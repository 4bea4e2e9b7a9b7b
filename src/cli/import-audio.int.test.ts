// `montage import` of audio as a user runs it: the built CLI in its own process, a real temp data
// folder, a WAV written by hand (a 1 s 440 Hz sine) and a text file named .wav.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';
import { sineWav } from '../main/test/wav-fixture';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

function run(home: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd: home, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('montage import of audio (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('imports a WAV as an asset of the project, in chunks, and lists it in the JSON', () => {
    home = tempHome();
    // 1 s at 44.1 kHz is 88,244 bytes (one chunk); 24 s is 2,116,844 bytes (three chunks of 1 MiB).
    const wav = sineWav(1, 440, 44_100);
    const long = sineWav(24, 440, 44_100);
    writeFileSync(join(home.dir, 'sine.wav'), wav);
    writeFileSync(join(home.dir, 'long take.wav'), long);
    const r = run(home.dir, ['import', 'sine.wav', 'long take.wav', '--project', 'Takes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { project: { id: string; name: string; created: boolean }; songs: unknown[]; assets: { id: string; name: string; bytes: number; hash: string }[] };
    expect(report.project).toMatchObject({ name: 'Takes', created: true });
    expect(report.songs).toEqual([]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(report.assets.map((a) => [a.name, a.bytes, a.hash])).toEqual([
      ['sine.wav', wav.length, sha(wav)],
      ['long take.wav', long.length, sha(long)],
    ]);
    const dir = join(home.dir, 'data', 'projects', report.project.id, 'assets');
    expect(readFileSync(join(dir, `${sha(long)}.wav`)).equals(long)).toBe(true);
  });

  it('refuses a text file named .wav with one line, exit 1, and no project', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'sine.wav'), sineWav(0.5));
    writeFileSync(join(home.dir, 'fake.wav'), 'just some text, not audio');
    const r = run(home.dir, ['import', 'sine.wav', 'fake.wav', '--project', 'Untouched']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('montage: fake.wav: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.\n');
    const list = JSON.parse(run(home.dir, ['projects', 'list', '--json']).out) as { items: unknown[] };
    expect(list.items).toEqual([]);
    expect(existsSync(join(home.dir, 'data', 'projects')) ? readdirSync(join(home.dir, 'data', 'projects')) : []).toEqual([]);
  });
});
