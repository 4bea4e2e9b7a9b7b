// Writes the small MIDI files the e2e specs import, with @tonejs/midi (a CommonJS package, hence the
// default import), into a temp folder of the calling spec.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import midiPkg from '@tonejs/midi';

const { Midi } = midiPkg;

export interface TestNote {
  midi: number;
  ticks: number;
  durationTicks: number;
  velocity: number;
}

export interface TestTrack {
  name: string;
  /** 0-based MIDI channel; 9 is drums. */
  channel: number;
  program?: number;
  notes: TestNote[];
}

/** `<dir>/<name>.mid` at `bpm` (480 PPQ) with the given tracks; returns its path. */
export function writeTestMidi(dir: string, name: string, bpm: number, tracks: TestTrack[]): string {
  const midi = new Midi();
  midi.header.setTempo(bpm);
  for (const t of tracks) {
    const track = midi.addTrack();
    track.name = t.name;
    track.channel = t.channel;
    if (t.program !== undefined) track.instrument.number = t.program;
    for (const n of t.notes) track.addNote(n);
  }
  const path = join(dir, `${name}.mid`);
  writeFileSync(path, Buffer.from(midi.toArray()));
  return path;
}

/** `count` notes from `make(i)`. */
export const notes = (count: number, make: (i: number) => TestNote): TestNote[] => Array.from({ length: count }, (_, i) => make(i));
