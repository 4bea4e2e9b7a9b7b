// `montage import` and `montage export` as a user runs them: the built CLI (dist/cli/montage.js)
// in its own process, a real temp data folder, MIDI files written with @tonejs/midi.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Midi } from '@tonejs/midi';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

function run(home: string, args: string[], cwd = home): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A two-track MIDI file: 8 piano notes and 4 drum hits over two seconds at 120 bpm. */
function midiFile(): Uint8Array {
  const midi = new Midi();
  const piano = midi.addTrack();
  piano.name = 'Piano';
  for (let i = 0; i < 8; i++) piano.addNote({ midi: 60 + i, time: i * 0.25, duration: 0.25, velocity: 0.8 });
  const drums = midi.addTrack();
  drums.channel = 9;
  for (let i = 0; i < 4; i++) drums.addNote({ midi: 36, time: i * 0.5, duration: 0.1, velocity: 0.9 });
  return midi.toArray();
}

describe('montage import / export (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('imports MIDI files into a new project and exports a song back', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'groove.mid'), midiFile());
    writeFileSync(join(home.dir, 'second take.midi'), midiFile());
    const imported = run(home.dir, ['import', 'groove.mid', 'second take.midi', '--json']);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.out) as { project: { name: string }; songs: { name: string; tracks: number; notes: number; durationSeconds: number }[]; notes: number };
    expect(report.project.name).toBe('groove');
    expect(report.songs.map((s) => [s.name, s.tracks, s.notes])).toEqual([
      ['groove', 2, 12],
      ['second take', 2, 12],
    ]);
    expect(report.notes).toBe(24);
    expect(report.songs[0]?.durationSeconds).toBeCloseTo(2, 1);

    mkdirSync(join(home.dir, 'out'));
    const exported = run(home.dir, ['export', 'groove', '--format', 'mid', '--song', 'groove', '--json'], join(home.dir, 'out'));
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    const out = JSON.parse(exported.out) as { path: string; format: string; durationSeconds: number };
    expect(out).toMatchObject({ path: join(home.dir, 'out', 'groove.mid'), format: 'mid' });
    expect(out.durationSeconds).toBeCloseTo(2, 1);
    const back = new Midi(readFileSync(out.path));
    expect(back.tracks.reduce((n, t) => n + t.notes.length, 0)).toBe(12);
  });

  it('refuses to overwrite, to guess among several songs, and an unknown format', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'a.mid'), midiFile());
    writeFileSync(join(home.dir, 'b.mid'), midiFile());
    expect(run(home.dir, ['import', 'a.mid', 'b.mid', '--project', 'Album']).code).toBe(0);
    const several = run(home.dir, ['export', 'Album']);
    expect(several.code).toBe(2);
    expect(several.err).toMatch(/has 2 songs .*pick one with --song NAME/);
    mkdirSync(join(home.dir, 'out'));
    writeFileSync(join(home.dir, 'out', 'a.mid'), 'keep me');
    const clash = run(home.dir, ['export', 'Album', '--song', 'a'], join(home.dir, 'out'));
    expect(clash.code).toBe(1);
    expect(clash.err).toMatch(/already exists; .*--force/);
    expect(readFileSync(join(home.dir, 'out', 'a.mid'), 'utf8')).toBe('keep me');
    expect(run(home.dir, ['export', 'Album', '--song', 'a', '--force'], join(home.dir, 'out')).code).toBe(0);
    expect(readFileSync(join(home.dir, 'out', 'a.mid')).subarray(0, 4).toString()).toBe('MThd');
    // WAV export has its own tests (export-wav.int.test.ts).
    const ogg = run(home.dir, ['export', 'Album', '--song', 'a', '--format', 'ogg']);
    expect(ogg).toMatchObject({ code: 2, err: 'montage: unknown --format "ogg" (mid or wav for songs; fountain, pdf or fdx for scripts)\n' });
  });

  it('refuses bad files with one clear line and leaves the project untouched', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'good.mid'), midiFile());
    expect(run(home.dir, ['import', 'good.mid', '--project', 'Keep']).code).toBe(0);
    writeFileSync(join(home.dir, 'fake.mid'), 'this is a text file, not MIDI');
    writeFileSync(join(home.dir, 'cut.mid'), midiFile().subarray(0, 40));
    writeFileSync(join(home.dir, 'huge.mid'), Buffer.alloc(20 * 1024 * 1024, 1));
    writeFileSync(join(home.dir, 'take.wav'), 'RIFF');
    const cases: [string, RegExp][] = [
      ['fake.mid', /fake\.mid/],
      ['cut.mid', /cut\.mid/],
      ['huge.mid', /huge\.mid is 20\.0 MB; Montage imports MIDI files up to 4 MB\./],
      ['take.wav', /take\.wav: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them\./],
    ];
    for (const [file, message] of cases) {
      const r = run(home.dir, ['import', 'good.mid', file, '--project', 'Keep']);
      expect(r.code, file).toBe(1);
      expect(r.err, file).toMatch(message);
      expect(r.err.trim().split('\n'), file).toHaveLength(1);
    }
    // No new project for a refused file either.
    expect(run(home.dir, ['import', 'fake.mid']).code).toBe(1);
    const list = JSON.parse(run(home.dir, ['projects', 'list', '--json']).out) as { items: { name: string }[] };
    expect(list.items.map((p) => p.name)).toEqual(['Keep']);
    const songs = run(home.dir, ['export', 'Keep', '--json', '--out', join(home.dir, 'kept.mid')]);
    expect(songs.code).toBe(0);
    expect(new Midi(readFileSync(join(home.dir, 'kept.mid'))).tracks.reduce((n, t) => n + t.notes.length, 0)).toBe(12);
    // Still exactly one song: none of the refused files became one (a second would need --song).
    expect(run(home.dir, ['export', 'Keep', '--out', join(home.dir, 'again.mid')]).code).toBe(0);
  });
});
