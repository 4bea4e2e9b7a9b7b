// The built CLI (dist/cli/montage.js) as the CLI integration tests run it: in its own process on a
// temp home's data folder; and the small generated MIDI songs they give it to read.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import midiPkg from '@tonejs/midi';
import { packageRoot } from '../paths';

const { Midi } = midiPkg;

/** The built CLI's entry point (`node scripts/build.mjs` writes it). */
export const builtCli = join(packageRoot(), 'dist', 'cli', 'montage.js');

/** Runs `montage ARGS --data-dir HOME/data` in HOME (within `timeout` ms, with `env` added to this process's). */
export function runCli(home: string, args: string[], options: { timeout: number; env?: Record<string, string> }): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [builtCli, ...args, '--data-dir', join(home, 'data')], {
    cwd: home,
    encoding: 'utf8',
    timeout: options.timeout,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/**
 * A one-track melody song of `bars` bars of notes `every` ticks (default eighths; 480 PPQ, 4/4, 110
 * BPM, channel 1), pitches from `shape`; the track named `trackName` when given.
 */
export function writeMelodyMidi(path: string, bars: number, shape: (i: number) => number, every = 240, trackName?: string): void {
  const midi = new Midi();
  midi.header.setTempo(110);
  const track = midi.addTrack();
  if (trackName !== undefined) track.name = trackName;
  track.channel = 0;
  for (let i = 0; i < (bars * 1920) / every; i++) track.addNote({ midi: shape(i), ticks: i * every, durationTicks: 200, velocity: 0.8 });
  writeFileSync(path, Buffer.from(midi.toArray()));
}
