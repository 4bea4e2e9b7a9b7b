// fast-check generators of valid songs, for the property tests of song ops, sequence ops and MIDI
// conversion. `arbitrarySequence()` covers the whole schema; `{ midi: true }` restricts it to what
// a MIDI file can carry exactly, so that export → import must give the song back:
// - tempos are 60e6 / (whole microseconds per quarter), as MIDI stores them;
// - at most 15 melodic tracks (one channel each, channel 10 left to drums), any drum tracks;
// - every track has at least one note (import drops tracks without notes);
// - no two notes of one pitch overlap within a track (MIDI cannot say which note-off ends which);
// - mute and solo are off (MIDI has no such flags), volume is a whole CC 7 step (k / 127) and
//   pan a whole CC 10 step; names contain no NUL (import strips it).
import fc from 'fast-check';
import { ccToPan } from '../midi-meta';
import type { KeySignature, Note, NoteSequence, TempoChange, TimeSignature, Track } from '../note-sequence';
import { sortNotes } from '../note-order';

export interface ArbitrarySequenceOptions {
  midi?: boolean;
  maxTracks?: number;
  maxNotesPerTrack?: number;
  /** Largest note start and map tick. */
  maxTick?: number;
}

const denominators = [1, 2, 4, 8, 16, 32] as const;

/** Tick-sorted map entries with distinct ticks, the first at 0 when `firstAtZero`. */
function arbitraryMap<T>(value: fc.Arbitrary<T>, maxTick: number, firstAtZero: boolean, maxLength: number): fc.Arbitrary<(T & { tick: number })[]> {
  const ticks = fc.uniqueArray(fc.integer({ min: firstAtZero ? 1 : 0, max: maxTick }), { maxLength });
  return fc.tuple(ticks, fc.array(value, { minLength: maxLength + 1, maxLength: maxLength + 1 })).map(([ts, values]) => {
    const all = [...(firstAtZero ? [0] : []), ...ts.sort((a, b) => a - b)];
    return all.map((tick, i) => ({ ...(values[i] as T), tick }));
  });
}

export function arbitrarySequence(options: ArbitrarySequenceOptions = {}): fc.Arbitrary<NoteSequence> {
  const midi = options.midi ?? false;
  const maxTick = options.maxTick ?? 20_000;
  const maxNotes = options.maxNotesPerTrack ?? 12;
  const trackCount = options.maxTracks ?? (midi ? 6 : 4);

  const note = fc.record({
    pitch: fc.integer({ min: 0, max: 127 }),
    velocity: fc.integer({ min: 1, max: 127 }),
    start: fc.integer({ min: 0, max: maxTick }),
    duration: fc.integer({ min: 1, max: 2_000 }),
  });
  const name = midi
    ? fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => s.length <= 120 && !s.includes('\0'))
    : fc.string({ maxLength: 20 });
  const track = fc.record({
    name,
    program: fc.integer({ min: 0, max: 127 }),
    isDrum: fc.boolean(),
    mute: midi ? fc.constant(false) : fc.boolean(),
    solo: midi ? fc.constant(false) : fc.boolean(),
    volume: midi ? fc.integer({ min: 0, max: 127 }).map((k) => k / 127) : fc.double({ min: 0, max: 1, noNaN: true }),
    pan: midi ? fc.integer({ min: 0, max: 127 }).map(ccToPan) : fc.double({ min: -1, max: 1, noNaN: true }),
    notes: fc.array(note, { minLength: midi ? 1 : 0, maxLength: maxNotes }),
  });
  const tempo: fc.Arbitrary<Omit<TempoChange, 'tick'>> = midi
    ? fc.integer({ min: 60_061, max: 6_000_000 }).map((us) => ({ bpm: 60_000_000 / us }))
    : fc.record({ bpm: fc.double({ min: 10, max: 999, noNaN: true }) });
  const timeSignature: fc.Arbitrary<Omit<TimeSignature, 'tick'>> = fc.record({
    numerator: fc.integer({ min: 1, max: 32 }),
    denominator: fc.constantFrom(...denominators),
  });
  const key: fc.Arbitrary<Omit<KeySignature, 'tick'>> = fc.record({
    tonic: fc.integer({ min: 0, max: 11 }),
    mode: fc.constantFrom('major' as const, 'minor' as const),
  });

  return fc
    .record({
      ppq: fc.oneof(fc.constantFrom(24, 96, 480, 960), fc.integer({ min: 24, max: 15_360 })),
      tracks: fc.array(track, { maxLength: trackCount }),
      tempos: arbitraryMap(tempo, maxTick, true, 3),
      timeSignatures: arbitraryMap(timeSignature, maxTick, true, 2),
      keySignatures: arbitraryMap(key, maxTick, false, 2),
    })
    .map((raw) => {
      let noteId = 0;
      let melodic = 0;
      const tracks: Track[] = [];
      raw.tracks.forEach((t, ti) => {
        if (midi && !t.isDrum && ++melodic > 15) return;
        let notes: Omit<Note, 'id'>[] = t.notes;
        if (midi) notes = withoutSamePitchOverlaps(notes);
        tracks.push({ ...t, id: `t${ti}`, notes: sortNotes(notes.map((n) => ({ ...n, id: `n${noteId++}` }))) });
      });
      return { ...raw, tracks };
    });
}

/** Drops notes that overlap an earlier-kept note of the same pitch. */
function withoutSamePitchOverlaps(notes: readonly Omit<Note, 'id'>[]): Omit<Note, 'id'>[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start);
  const endByPitch = new Map<number, number>();
  return sorted.filter((n) => {
    if ((endByPitch.get(n.pitch) ?? -1) > n.start) return false;
    endByPitch.set(n.pitch, n.start + n.duration);
    return true;
  });
}

/** The song with note and track ids removed and notes in a canonical order, for comparing modulo ids. */
export function withoutIds(seq: NoteSequence): unknown {
  return {
    ...seq,
    tracks: seq.tracks.map(({ id: _id, notes, ...rest }) => ({
      ...rest,
      notes: notes.map(({ id: _n, ...n }) => n).sort((a, b) => a.start - b.start || a.pitch - b.pitch || a.duration - b.duration || a.velocity - b.velocity),
    })),
  };
}

/** Freezes a value and everything inside it, so that a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
