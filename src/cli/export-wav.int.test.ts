// `montage export --format wav` as a user runs it: the built CLI (dist/cli/montage.js) in its own
// process, a real temp data folder, a MIDI file with a piano, a synth and a drum track imported
// first; the render in the CLI's worker thread with the app's instruments on node-web-audio-api.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tonejsMidi from '@tonejs/midi';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, OpenedDocument, Project, ProjectPage } from '../shared/api';
import { createHost } from '../main/host';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';
import { readWav, rms } from '../workers/render/test/wav-reader';

const { Midi } = tonejsMidi;
const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

function run(home: string, args: string[], cwd = home): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Four bars at 120 BPM (8 s): piano eighths, a synth lead (GM 81) in quarters, kick and snare. */
function midiFile(): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(120);
  const piano = midi.addTrack();
  piano.name = 'Piano';
  for (let i = 0; i < 32; i++) piano.addNote({ midi: [60, 64, 67, 72][i % 4] as number, time: i * 0.25, duration: 0.25, velocity: 0.8 });
  const lead = midi.addTrack();
  lead.name = 'Lead';
  lead.channel = 1;
  lead.instrument.number = 81;
  for (let i = 0; i < 16; i++) lead.addNote({ midi: 72 + (i % 5), time: i * 0.5, duration: 0.45, velocity: 0.7 });
  const drums = midi.addTrack();
  drums.name = 'Drums';
  drums.channel = 9;
  for (let i = 0; i < 16; i++) drums.addNote({ midi: i % 2 ? 38 : 36, time: i * 0.5, duration: 0.1, velocity: 0.9 });
  return midi.toArray();
}

/** Mutes tracks of the project's only song through the API, as the app's mute buttons do. */
async function setMute(dataDir: string, mute: (trackName: string) => boolean): Promise<void> {
  const host = createHost({ dataDir, shell: 'cli', probe: false });
  try {
    const page = (await host.dispatch('projects', 'list', {})) as ProjectPage;
    const project = page.items[0] as Project;
    const [song] = (await host.dispatch('documents', 'list', { projectId: project.id })) as DocumentInfo[];
    const opened = (await host.dispatch('documents', 'open', { id: song?.id })) as OpenedDocument;
    const ops = opened.content.tracks.map((t) => ({ type: 'updateTrack' as const, trackId: t.id, changes: { mute: mute(t.name) } }));
    await host.dispatch('documents', 'edit', { id: opened.info.id, baseRev: opened.info.rev, ops, label: 'Mute' });
  } finally {
    host.close();
  }
}

describe('montage export --format wav (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('renders the song with its instruments, and a muted track is not heard', async () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'groove.mid'), midiFile());
    expect(run(home.dir, ['import', 'groove.mid']).code).toBe(0);

    const full = run(home.dir, ['export', 'groove', '--format', 'wav', '--json']);
    expect(full.err).toBe('');
    expect(full.code).toBe(0);
    const report = JSON.parse(full.out) as { path: string; format: string; durationSeconds: number; renderSeconds: number };
    expect(Object.keys(report).sort()).toEqual(['durationSeconds', 'format', 'path', 'renderSeconds']);
    expect(report).toMatchObject({ path: join(home.dir, 'groove.wav'), format: 'wav', durationSeconds: 10 });
    expect(report.renderSeconds).toBeGreaterThan(0);
    const wav = readWav(readFileSync(report.path));
    expect(wav).toMatchObject({ sampleRate: 44_100, channels: 2, bitsPerSample: 16, frames: 10 * 44_100 });
    const loud = rms(wav, 0, 8);
    expect(loud).toBeGreaterThan(0.03);

    // Drums muted: quieter, most of all on the kick's downbeats; everything muted: silence.
    await setMute(join(home.dir, 'data'), (name) => name === 'Drums');
    const noDrums = run(home.dir, ['export', 'groove', '--format', 'wav', '--out', 'no-drums.wav']);
    expect(noDrums.code).toBe(0);
    expect(noDrums.out).toMatch(/^Wrote .*no-drums\.wav \(“groove”, 10\.0 s of audio, rendered in [\d.]+ s\)\.\n$/);
    const quieter = readWav(readFileSync(join(home.dir, 'no-drums.wav')));
    expect(quieter.frames).toBe(wav.frames);
    expect(rms(quieter, 0, 8)).toBeGreaterThan(0.01);
    expect(rms(quieter, 0, 8)).toBeLessThan(loud * 0.9);
    expect(rms(quieter, 0, 0.15)).toBeLessThan(rms(wav, 0, 0.15) * 0.8);

    await setMute(join(home.dir, 'data'), () => true);
    expect(run(home.dir, ['export', 'groove', '--format', 'wav', '--out', 'silent.wav']).code).toBe(0);
    expect(rms(readWav(readFileSync(join(home.dir, 'silent.wav'))))).toBe(0);
  });

  it('renders bars, keeps existing files, and refuses bad requests with exit 2', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'groove.mid'), midiFile());
    expect(run(home.dir, ['import', 'groove.mid']).code).toBe(0);

    const bars = run(home.dir, ['export', 'groove', '--format', 'wav', '--start-bar', '2', '--end-bar', '3', '--json']);
    expect(bars.code).toBe(0);
    const report = JSON.parse(bars.out) as { path: string; durationSeconds: number };
    expect(report.durationSeconds).toBe(6);
    expect(readWav(readFileSync(report.path)).frames).toBe(6 * 44_100);

    writeFileSync(join(home.dir, 'keep.wav'), 'keep me');
    const clash = run(home.dir, ['export', 'groove', '--format', 'wav', '--out', 'keep.wav']);
    expect(clash.code).toBe(1);
    expect(clash.err).toMatch(/keep\.wav already exists; .*--force/);
    expect(readFileSync(join(home.dir, 'keep.wav'), 'utf8')).toBe('keep me');
    expect(run(home.dir, ['export', 'groove', '--format', 'wav', '--out', 'keep.wav', '--force', '--start-bar', '4']).code).toBe(0);
    expect(readWav(readFileSync(join(home.dir, 'keep.wav'))).frames).toBe(4 * 44_100);

    const cases: [string[], RegExp][] = [
      [['--start-bar', '3', '--end-bar', '2'], /--end-bar \(2\) comes before --start-bar \(3\)/],
      [['--start-bar', '9'], /The song ends before bar 9\./],
      [['--start-bar', '0'], /--start-bar must be a whole number from 1/],
      [['--format', 'ogg'], /unknown --format "ogg"/],
    ];
    for (const [args, message] of cases) {
      const r = run(home.dir, ['export', 'groove', '--format', 'wav', ...args, '--out', 'never.wav']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(run(home.dir, ['export', 'groove', '--start-bar', '2']).err).toMatch(/--start-bar and --end-bar go with --format wav/);
    expect(existsSync(join(home.dir, 'never.wav'))).toBe(false);
  });
});
