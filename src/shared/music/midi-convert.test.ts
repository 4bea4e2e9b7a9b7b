import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxMidiBytes } from '../api/documents';
import { importMidi, MidiImportError, midiToSequence, sequenceToMidi } from './midi-convert';
import { emptySequence, noteSequenceSchema, type NoteSequence } from './note-sequence';
import { arbitrarySequence, deepFreeze, withoutIds } from './testing/arbitrary-sequence';
import { off, on, program, rawMidi, tempo, trackName } from './testing/raw-midi';

const song: NoteSequence = deepFreeze({
  ppq: 960,
  tracks: [
    { id: 't1', name: 'Piano ♪', program: 0, isDrum: false, mute: false, solo: false, volume: 100 / 127, pan: 0, notes: [{ id: 'a', pitch: 60, velocity: 1, start: 0, duration: 960 }, { id: 'b', pitch: 64, velocity: 127, start: 960, duration: 1 }] },
    { id: 't2', name: 'Drums', program: 0, isDrum: true, mute: false, solo: false, volume: 1, pan: -1, notes: [{ id: 'c', pitch: 36, velocity: 90, start: 0, duration: 120 }] },
    { id: 't3', name: 'Bass', program: 33, isDrum: false, mute: false, solo: false, volume: 0, pan: 1, notes: [{ id: 'd', pitch: 40, velocity: 64, start: 480, duration: 480 }] },
  ],
  tempos: [{ tick: 0, bpm: 120 }, { tick: 1920, bpm: 60_000_000 / 652_174 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 3840, numerator: 7, denominator: 8 }],
  keySignatures: [{ tick: 0, tonic: 9, mode: 'minor' }, { tick: 1920, tonic: 6, mode: 'major' }],
});

describe('MIDI export and import', () => {
  it('round-trips a multi-track song with drums, programs, maps, key and volume/pan', () => {
    const bytes = sequenceToMidi(song);
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('MThd');
    const back = midiToSequence(bytes);
    expect(noteSequenceSchema.parse(back)).toEqual(back);
    expect(withoutIds(back)).toEqual(withoutIds(song));
    expect(new Set(back.tracks.flatMap((t) => t.notes.map((n) => n.id))).size).toBe(4);
  });

  it('round-trips any MIDI-representable song (modulo ids)', () => {
    fc.assert(
      fc.property(arbitrarySequence({ midi: true }), (seq) => {
        fc.pre(seq.tracks.length > 0);
        expect(withoutIds(midiToSequence(sequenceToMidi(deepFreeze(seq))))).toEqual(withoutIds(seq));
      }),
      { numRuns: 150 },
    );
  });

  it('writes exactly the integer tempo asked for (tonejs floors 60e6 / bpm)', () => {
    for (const us of [62_077, 62_086, 500_000, 652_174, 5_999_999]) {
      const seq: NoteSequence = { ...emptySequence(), tempos: [{ tick: 0, bpm: 60_000_000 / us }], tracks: song.tracks.slice(0, 1) };
      expect(midiToSequence(sequenceToMidi(seq)).tempos).toEqual(seq.tempos);
    }
  });

  it('splits a format-0 file into one track per channel, drums on channel 10', () => {
    const bytes = rawMidi(0, 96, [[trackName(0, 'Song'), tempo(0, 500_000), program(0, 0, 24), program(0, 1, 33), on(0, 0, 60, 100), on(0, 9, 36, 110), on(0, 1, 40, 50), off(48, 0, 60), off(48, 9, 36), off(96, 1, 40)]]);
    const seq = midiToSequence(bytes);
    expect(seq.ppq).toBe(96);
    expect(seq.tracks.map((t) => [t.program, t.isDrum, t.notes.map((n) => n.pitch)])).toEqual([
      [24, false, [60]],
      [33, false, [40]],
      [0, true, [36]],
    ]);
  });

  it('handles zero-length notes, notes at tick 0, overlapping same-pitch notes and Latin-1 names', () => {
    const bytes = rawMidi(1, 480, [
      [tempo(0, 500_000)],
      [trackName(0, 'Caf\xe9'), on(0, 0, 60, 100), off(0, 0, 60), on(10, 0, 62, 100), on(20, 0, 62, 90), off(30, 0, 62), off(40, 0, 62)],
    ]);
    const { sequence, warnings } = importMidi(bytes);
    expect(warnings).toEqual([]);
    const t = sequence.tracks[0];
    expect(t?.name).toBe('Café');
    expect(t?.notes.map((n) => [n.start, n.pitch, n.duration, n.velocity])).toEqual([[0, 60, 1, 100], [10, 62, 20, 100], [20, 62, 20, 90]]);
  });

  it('clamps absurd tempos into 10…999 bpm and says so', () => {
    const bytes = rawMidi(1, 480, [[tempo(0, 1000), tempo(480, 10_000_000)], [on(0, 0, 60, 100), off(960, 0, 60)]]);
    const { sequence, warnings } = importMidi(bytes);
    expect(sequence.tempos).toEqual([{ tick: 0, bpm: 999 }, { tick: 480, bpm: 10 }]);
    expect(warnings).toEqual(['A tempo of 60000 bpm was set to 999 bpm (Montage allows 10–999).', 'A tempo of 6 bpm was set to 10 bpm (Montage allows 10–999).']);
    expect(noteSequenceSchema.safeParse(sequence).success).toBe(true);
  });

  it('adds the MIDI defaults (120 bpm, 4/4) when the file states none', () => {
    const seq = midiToSequence(rawMidi(1, 480, [[on(0, 0, 60, 100), off(10, 0, 60)]]));
    expect(seq.tempos).toEqual([{ tick: 0, bpm: 120 }]);
    expect(seq.timeSignatures).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(seq.keySignatures).toEqual([]);
  });

  it('refuses bad input with clear messages', () => {
    const refuse = (bytes: Uint8Array, message: RegExp): void => {
      expect(() => midiToSequence(bytes)).toThrow(MidiImportError);
      expect(() => midiToSequence(bytes)).toThrow(message);
    };
    refuse(new TextEncoder().encode('hello, not a song'), /not a MIDI file/);
    refuse(new Uint8Array([0x4d, 0x54]), /not a MIDI file/);
    const good = sequenceToMidi(song);
    refuse(good.slice(0, 30), /cut short \(track 1 of 4 ends early\)/);
    refuse(good.slice(0, 12), /cut short \(no complete header\)/);
    refuse(rawMidi(1, 480, [[{ tick: 0, bytes: [0xf4, 1, 2] }]]), /damaged or cut short and cannot be read/);
    refuse(rawMidi(1, 480, [[tempo(0, 500_000)], [program(0, 0, 5)]]), /^The file has no notes\.$/);
    refuse(new Uint8Array(maxMidiBytes + 1), /Montage opens MIDI files of up to 4 MB/);
    // Spread over 100 tracks: tonejs pairs note-offs in time quadratic in one track's notes.
    const tooMany = rawMidi(
      1,
      480,
      Array.from({ length: 100 }, (_, t) => Array.from({ length: t === 0 ? 2001 : 2000 }, (_, i) => [on(i, t % 9, 60, 1), off(i + 1, t % 9, 60)]).flat()),
    );
    refuse(tooMany, /has 200,001 notes; Montage opens songs of up to 200,000 notes/);
  });
});
