// An exported MIDI file renders in Debian's `timidity` (the spec: "renders without error in Debian
// timidity or fluidsynth"): a three-track song (piano, a bass on another program, drums on
// channel 10) with a tempo change, a time-signature change and a key is written by sequenceToMidi
// and rendered to WAV; timidity must exit 0, say nothing wrong, lose no notes, and write a WAV
// that sounds for about the song's length. `.ci/run` installs timidity and fluid-soundfont-gm (the
// GM sounds Debian's timidity.cfg points at), so a missing timidity fails here rather than skips.
// eslint-disable-next-line no-restricted-imports -- a test running a program on files; never shipped
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line no-restricted-imports -- as above
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { tmpdir } from 'node:os';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { midiToSequence, sequenceToMidi } from './midi-convert';
import { ccToPan } from './midi-meta';
import type { Note, NoteSequence } from './note-sequence';
import { withoutIds } from './testing/arbitrary-sequence';
import { sequenceSummary } from './timing';

const notes = (prefix: string, pitches: number[], step: number, length: number, velocity = 100): Note[] =>
  pitches.map((pitch, i) => ({ id: `${prefix}${i}`, pitch, velocity, start: i * step, duration: length }));

/** 4 bars: 2 of 4/4 at 120 bpm, then 2 of 3/4 at 80 bpm (4 s + 4.5 s), in D major; MIDI-exact values (tempos, pans). */
const song: NoteSequence = {
  ppq: 480,
  tracks: [
    { id: 'piano', name: 'Piano', program: 0, isDrum: false, mute: false, solo: false, volume: 100 / 127, pan: ccToPan(44), notes: notes('p', [62, 66, 69, 74, 73, 69, 66, 64, 62, 66, 69, 74, 71, 67], 480, 480) },
    { id: 'bass', name: 'Finger bass', program: 33, isDrum: false, mute: false, solo: false, volume: 1, pan: ccToPan(84), notes: notes('b', [38, 38, 45, 43, 38, 45, 43], 960, 900) },
    { id: 'drums', name: 'Drums', program: 0, isDrum: true, mute: false, solo: false, volume: 1, pan: 0, notes: notes('d', [36, 42, 38, 42, 36, 42, 38, 42, 36, 42, 38, 36, 42, 38], 480, 120, 110) },
  ],
  tempos: [
    { tick: 0, bpm: 120 },
    { tick: 3840, bpm: 80 },
  ],
  timeSignatures: [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 3840, numerator: 3, denominator: 4 },
  ],
  keySignatures: [{ tick: 0, tonic: 2, mode: 'major' }],
};

interface Wav {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
}

/** Reads a 16-bit PCM WAV file (the chunks timidity writes: fmt, then data). */
function readWav(bytes: Buffer): Wav {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 12)).toBe('WAVE');
  let fmt: { sampleRate: number; channels: number; bits: number; format: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { format: bytes.readUInt16LE(at + 8), channels: bytes.readUInt16LE(at + 10), sampleRate: bytes.readUInt32LE(at + 12), bits: bytes.readUInt16LE(at + 22) };
    if (id === 'data') {
      expect(fmt).toMatchObject({ format: 1, bits: 16 });
      const data = bytes.subarray(at + 8, at + 8 + size);
      const samples = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
      return { sampleRate: fmt?.sampleRate ?? 0, channels: fmt?.channels ?? 0, samples };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('The WAV file has no data chunk.');
}

describe('an exported MIDI file in timidity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'montage-timidity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders without errors, every note heard, for about the song’s length', () => {
    const version = spawnSync('timidity', ['--version'], { encoding: 'utf8' });
    if (version.error) {
      throw new Error(`timidity could not be run (${version.error.message}). Install it: sudo apt-get install --no-install-recommends timidity fluid-soundfont-gm (.ci/run does).`);
    }
    const bytes = sequenceToMidi(song);
    // What is rendered is what Montage reads back as the same song.
    expect(withoutIds(midiToSequence(bytes))).toEqual(withoutIds(song));
    const midiPath = join(dir, 'song.mid');
    const wavPath = join(dir, 'out.wav');
    writeFileSync(midiPath, bytes);

    const run = spawnSync('timidity', ['-Ow', '-s', '22050', '-o', wavPath, midiPath], { encoding: 'utf8', timeout: 60_000 });
    const said = `timidity said:\n${run.stdout}\n${run.stderr}`;
    expect(run.error, said).toBeUndefined();
    expect(run.status, said).toBe(0);
    const problems = run.stderr.split('\n').filter((line) => /error|warn|can't|cannot|no instrument|not found|fail|unknown|bad|corrupt/i.test(line));
    expect(problems, said).toEqual([]);
    expect(run.stdout, said).toMatch(/Notes lost totally: 0\b/);

    const wav = readWav(readFileSync(wavPath));
    expect(wav).toMatchObject({ sampleRate: 22050, channels: 2 });
    const frames = wav.samples.length / wav.channels;
    const seconds = frames / wav.sampleRate;
    const songSeconds = sequenceSummary(song).durationSeconds;
    expect(songSeconds).toBeCloseTo(8.5, 3);
    // timidity renders the song, then the last notes' release.
    expect(seconds).toBeGreaterThanOrEqual(songSeconds - 0.1);
    expect(seconds).toBeLessThan(songSeconds + 4);
    // Sound from start to end: each half second of the song has something well above the noise floor.
    for (let t = 0; t + 0.5 <= songSeconds; t += 0.5) {
      let peak = 0;
      for (let i = Math.floor(t * wav.sampleRate) * wav.channels; i < Math.floor((t + 0.5) * wav.sampleRate) * wav.channels; i++) peak = Math.max(peak, Math.abs(wav.samples[i] ?? 0));
      expect(peak, `peak level from ${t} s`).toBeGreaterThan(1000);
    }
  });
});
