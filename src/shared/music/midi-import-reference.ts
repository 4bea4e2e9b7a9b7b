// Test support for the MIDI importer, never used by the app (it depends on fast-check, a dev
// dependency):
// - tonejsReferenceImport: MIDI import as Montage did it before midi-convert.ts read midi-file's
//   events itself, through @tonejs/midi's `new Midi(bytes)` object model. The tests check that the
//   importer gives the same songs and warnings on real files (midi-real-files.test.ts) and on
//   generated ones (midi-convert.test.ts). It is quadratic in a track's notes (tonejs pairs
//   note-offs by scanning), so keep the files it reads small.
// - arbitraryMidiFile: random Standard MIDI Files of the events that matter to import, crowded
//   onto few ticks, pitches and channels so that chords, overlapping and zero-length notes,
//   unpaired note-ons and note-offs, program changes inside a track, controllers before and after
//   them, and maps at equal ticks all come up.
import tonejsMidi from '@tonejs/midi';
import fc from 'fast-check';
import { ccToPan, ccToVolume, fromMidiText, keyFromMidi } from './midi-meta';
import { newId } from './new-id';
import type { KeySignature, Note, NoteSequence, TempoChange, TimeSignature, Track } from './note-sequence';
import { sortNotes } from './note-order';
import { rawMidi, type RawEvent } from './testing/raw-midi';

const { Midi } = tonejsMidi;
const validDenominators = new Set([1, 2, 4, 8, 16, 32]);

/**
 * The song and warnings @tonejs/midi reads from `bytes` (no size, header or note-count checks;
 * a file tonejs cannot read throws its own error). One tonejs rule is left out, as midi-convert.ts
 * leaves it out: for a format-1 file tonejs drops the first track when all its notes are
 * zero-length notes at tick 0; here the file is read as format 0, which tonejs keeps whole.
 */
export function tonejsReferenceImport(bytes: Uint8Array): { sequence: NoteSequence; warnings: string[] } {
  const copy = bytes.slice();
  if (copy.length > 9 && copy[9] === 1) copy[9] = 0; // format 1 → 0 (the format is used for nothing else)
  const midi = new Midi(copy);
  const filePpq = midi.header.ppq;
  const ppq = filePpq < 24 ? filePpq * Math.ceil(24 / filePpq) : filePpq > 15360 ? Math.ceil(filePpq / Math.ceil(filePpq / 15360)) : filePpq;
  const tick = (t: number): number => (ppq === filePpq ? t : Math.round((t * ppq) / filePpq));
  const warnings: string[] = [];
  const tempos = byTick<TempoChange>(
    midi.header.tempos.map((t) => {
      const bpm = Math.min(999, Math.max(10, t.bpm));
      if (bpm !== t.bpm) warnings.push(`A tempo of ${Number.isFinite(t.bpm) ? String(Math.round(t.bpm * 100) / 100) : String(t.bpm)} bpm was set to ${bpm} bpm (Montage allows 10–999).`);
      return { tick: tick(t.ticks), bpm };
    }),
    { tick: 0, bpm: 120 },
  );
  const timeSignatures = byTick<TimeSignature>(
    midi.header.timeSignatures.flatMap((t) => {
      const [numerator = 4, denominator = 4] = t.timeSignature;
      if (numerator >= 1 && numerator <= 32 && validDenominators.has(denominator)) {
        return [{ tick: tick(t.ticks), numerator, denominator: denominator as TimeSignature['denominator'] }];
      }
      warnings.push(`A time signature of ${numerator}/${denominator} was ignored.`);
      return [];
    }),
    { tick: 0, numerator: 4, denominator: 4 },
  );
  const keySignatures = byTick<KeySignature>(
    midi.header.keySignatures.flatMap((k) => {
      const key = keyFromMidi(k.key, k.scale);
      return key ? [{ tick: tick(k.ticks), ...key }] : [];
    }),
  );
  const tracks: Track[] = [];
  for (const t of midi.tracks) {
    if (t.notes.length === 0) continue;
    const notes: Note[] = t.notes.map((n) => {
      const start = tick(n.ticks);
      return {
        id: newId(),
        pitch: n.midi,
        velocity: Math.min(127, Math.max(1, Math.round(n.velocity * 127))),
        start,
        duration: Math.max(1, tick(n.ticks + n.durationTicks) - start),
      };
    });
    const volume = t.controlChanges[7]?.[0];
    const pan = t.controlChanges[10]?.[0];
    tracks.push({
      id: newId(),
      name: fromMidiText(t.name).replace(/\0/g, '').slice(0, 120),
      program: t.instrument.number,
      isDrum: t.channel === 9,
      mute: false,
      solo: false,
      volume: volume ? ccToVolume(Math.round(volume.value * 127)) : 100 / 127,
      pan: pan ? ccToPan(Math.round(pan.value * 127)) : 0,
      notes: sortNotes(notes),
    });
  }
  return { sequence: { ppq, tracks, tempos, timeSignatures, keySignatures }, warnings };
}

function byTick<T extends { tick: number }>(entries: T[], atZero?: T): T[] {
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.tick - b.e.tick || a.i - b.i);
  const out: T[] = [];
  for (const { e } of sorted) {
    if (out.length > 0 && (out[out.length - 1] as T).tick === e.tick) out[out.length - 1] = e;
    else out.push(e);
  }
  if (atZero && (out.length === 0 || (out[0] as T).tick !== 0)) out.unshift(atZero);
  return out;
}

/** The song with its track and note ids left out, everything else (order included) kept, for comparing two imports. */
export function idless(seq: NoteSequence): unknown {
  return { ...seq, tracks: seq.tracks.map(({ id: _id, notes, ...rest }) => ({ ...rest, notes: notes.map(({ id: _n, ...n }) => n) })) };
}

/** One random MIDI file's bytes (format 0 or 1, 1–4 tracks, PPQs that need rescaling included). */
export function arbitraryMidiFile(): fc.Arbitrary<Uint8Array> {
  const channel = fc.constantFrom(0, 1, 9);
  const pitch = fc.constantFrom(36, 60, 61, 64);
  const byte7 = fc.integer({ min: 0, max: 127 });
  const event: fc.Arbitrary<number[]> = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(channel, pitch, fc.integer({ min: 1, max: 127 })).map(([c, p, v]) => [0x90 | c, p, v]) },
    { weight: 4, arbitrary: fc.tuple(channel, pitch, byte7).map(([c, p, v]) => [0x80 | c, p, v]) },
    { weight: 2, arbitrary: fc.tuple(channel, pitch).map(([c, p]) => [0x90 | c, p, 0]) },
    { weight: 2, arbitrary: fc.tuple(channel, fc.constantFrom(0, 5, 33)).map(([c, v]) => [0xc0 | c, v]) },
    { weight: 2, arbitrary: fc.tuple(channel, fc.constantFrom(1, 7, 10), byte7).map(([c, n, v]) => [0xb0 | c, n, v]) },
    { weight: 1, arbitrary: fc.tuple(channel, byte7, byte7).map(([c, a, b]) => [0xe0 | c, a, b]) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 5000, 500_000, 652_174, 10_000_000).map((us) => [0xff, 0x51, 3, (us >> 16) & 255, (us >> 8) & 255, us & 255]) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => [0xff, 0x58, 4, n, d, 24, 8]) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 0, max: 2 })).map(([sf, mi]) => [0xff, 0x59, 2, sf & 255, mi]) },
    { weight: 1, arbitrary: fc.constantFrom('Lead', 'Caf\xe9', '\xc3\xa9t\xc3\xa9', '').map((name) => [0xff, 0x03, name.length, ...Array.from(name, (c) => c.charCodeAt(0))]) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 9, 20).map((c) => [0xff, 0x20, 1, c]) },
    { weight: 1, arbitrary: fc.constant<number[]>([0xf0, 2, 0x7e, 0xf7]) },
  );
  const track = fc.array(fc.tuple(fc.constantFrom(0, 0, 0, 1, 2, 7, 480), event), { maxLength: 40 }).map((events) => {
    let tick = 0;
    return events.map(([delta, bytes]): RawEvent => ({ tick: (tick += delta), bytes }));
  });
  return fc
    .tuple(fc.constantFrom<0 | 1>(0, 1), fc.constantFrom(1, 7, 24, 96, 480, 960, 20_000, 32_767), fc.array(track, { minLength: 1, maxLength: 4 }))
    .map(([format, ppq, tracks]) => rawMidi(format, ppq, format === 0 ? tracks.slice(0, 1) : tracks));
}
