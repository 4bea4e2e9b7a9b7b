// MIDI files ↔ NoteSequence. We never parse MIDI bytes ourselves: import reads the file with
// `midi-file` (the parser @tonejs/midi itself is built on) and turns its events into the song
// directly, following @tonejs/midi's reading rules (below); export writes through @tonejs/midi.
// Import keeps the file's PPQ, tempo map, time signatures, key, track names, programs, drums
// (channel 10) and each track's first volume/pan controller; export writes the same back so that
// an exported song imports as itself (modulo note and track ids). Every refusal is a
// MidiImportError whose message can be shown to the user as it is. Mute and solo have no MIDI form
// and are not written.
//
// Why not `new Midi(bytes)`: @tonejs/midi builds an object per event and per note (with getters),
// and pairs each note-on with its note-off by scanning the track's remaining note-offs, which is
// quadratic in a track's notes (60,000 notes in one track: ~3.5 s; a dense 1 MB file: ~350 ms).
// Reading midi-file's events once, with one queue of note-offs per pitch, is linear, and the
// importer checks each note as it makes it instead of leaving that to a schema pass over 100,000
// objects. The tests check that both readers agree, on real files (midi-real-files.test.ts) and on
// generated ones (midi-convert.test.ts, against midi-import-reference.ts).
//
// @tonejs/midi's reading rules, kept here: a file track is split into one track per (program,
// channel) in order of first appearance, the current program being the channel's last program
// change (0 before any); events without a channel (meta, sysex) belong to the first of them, so
// only it gets the track name. Each note-on is paired, in file order, with the earliest remaining
// note-off of the same pitch at or after it; a note-on without one is dropped. Tempos, time and key
// signatures come from every track. A track's program is its first program change, its volume and
// pan its first CC 7 and CC 10. (One rule is not kept: for a format-1 file tonejs drops the first
// track when all its notes are zero-length notes at tick 0; we keep them.)
// Default imports: @tonejs/midi and midi-file are CommonJS, and Node's ESM loader (the built CLI
// and workers keep packages external) finds no named exports in tonejs. Bundlers accept both forms.
import tonejsMidi from '@tonejs/midi';
import midiFile, { type MidiData, type MidiEvent } from 'midi-file';
import { maxMidiBytes } from '../api/documents';
import {
  bpmForEncoder,
  bpmToMicroseconds,
  ccToPan,
  ccToVolume,
  controllerForEncoder,
  fixKeySignatureBytes,
  fromMidiText,
  keyFromSharps,
  keyToMidi,
  panToCc,
  toUtf8Bytes,
  volumeToCc,
} from './midi-meta';
import {
  maxNotesPerSong,
  maxTracks,
  noteSequenceSchema,
  type KeySignature,
  type Note,
  type NoteSequence,
  type TempoChange,
  type TimeSignature,
  type Track,
} from './note-sequence';
import { isSortedNotes, sortNotes } from './note-order';
import { sequenceSummary, type SequenceSummary } from './timing';

const { Midi } = tonejsMidi;
const { parseMidi } = midiFile;

export class MidiImportError extends Error {
  override name = 'MidiImportError';
}

export interface MidiImport {
  sequence: NoteSequence;
  /** What was changed to fit the song model (clamped tempos, dropped events), one sentence each. */
  warnings: string[];
}

export const minBpm = 10;
export const maxBpm = 999;
const minPpq = 24;
const maxPpq = 15360;
const maxTick = 2 ** 31 - 1;
const drumChannel = 9;
/** A GM synth plays a track without a volume controller at CC 7 = 100. */
const defaultVolume = 100 / 127;
const validDenominators = new Set([1, 2, 4, 8, 16, 32]);

/** Parses a MIDI file; throws MidiImportError when it cannot be read as a song. */
export function midiToSequence(bytes: Uint8Array): NoteSequence {
  return importMidi(bytes).sequence;
}

/** A MIDI file as the host stores it: the song's JSON and its summary. */
export interface MidiJsonImport {
  contentJson: string;
  summary: SequenceSummary;
  warnings: string[];
}

/**
 * importMidi, serialised where it runs: the host's MIDI thread sends back the JSON (as UTF-8
 * bytes) rather than structured-cloning 100,000 note objects, and the host stores it as it is.
 */
export function importMidiAsJson(bytes: Uint8Array): MidiJsonImport {
  const { sequence, warnings } = importMidi(bytes);
  return { contentJson: JSON.stringify(sequence), summary: sequenceSummary(sequence), warnings };
}

// The importer is a few small functions rather than one: V8 optimises each on its own and keeps
// it optimised, where one large function was recompiled for each of its loops and deoptimised as
// each new kind of event came along, for the first several files a warm thread read.

/**
 * The events of one (program, channel) of a file track: one track of the song, if it has notes.
 * Ticks are the file's; -1 means "none yet" (numbers throughout, so the object's shape is stable).
 */
interface Part {
  name: string;
  program: number;
  /** The channel of its last note-on. */
  channel: number;
  volume: number;
  pan: number;
  /** Note-ons in file order. */
  onTicks: number[];
  onPitches: number[];
  onVelocities: number[];
  /** Per pitch, the ticks of its note-offs in file order. */
  offs: (number[] | undefined)[];
  /** Per note-on, the tick of its note-off, or -1 (unpaired: dropped). */
  ends: Float64Array;
  /** Paired notes. */
  notes: number;
}

const newPart = (): Part => ({
  name: '',
  program: -1,
  channel: 0,
  volume: -1,
  pan: -1,
  onTicks: [],
  onPitches: [],
  onVelocities: [],
  offs: [],
  ends: new Float64Array(0),
  notes: 0,
});

/** Tempo, time- and key-signature events of every track, in file order, at file ticks. */
interface RawMaps {
  tempos: { tick: number; bpm: number }[];
  signatures: { tick: number; numerator: number; denominator: number }[];
  keys: KeySignature[];
}

const base36 = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

/**
 * Ids for the tracks and notes of one import, in newId's form (16 characters of [0-9a-z]: a random
 * 10-character prefix, then a 6-digit counter) but with a prefix of its own, so they are as unique
 * against the song's later ids (newId's, whose prefixes are random too) as newId's are against
 * each other. Several times cheaper than newId's toString and padStart per id, which mattered at
 * 100,000 notes.
 */
class ImportIds {
  /** The prefix's 10 character codes, then the counter's 6. */
  private readonly codes = new Array<number>(16);
  private count = 0;
  constructor() {
    for (let i = 0; i < 10; i++) this.codes[i] = base36[Math.floor(Math.random() * 36)] as number;
  }
  next(): string {
    const c = this.codes;
    for (let i = 15, n = this.count++; i >= 10; i--, n = Math.floor(n / 36)) c[i] = base36[n % 36] as number;
    // One flat string (concatenating pieces would make a rope that JSON.stringify flattens again).
    return String.fromCharCode(...c);
  }
}

const damaged = (what: string): MidiImportError => new MidiImportError(`The MIDI file is damaged and cannot be read (${what}).`);

/** A MIDI data byte (0…127): anything else is a damaged file (midi-file reads what is there, or past the end). */
function dataByte(value: number | undefined, what: string): number {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > 127) throw damaged(`${what} of ${String(value)}; MIDI allows 0–127`);
  return value;
}

/**
 * Parses a MIDI file and says what it had to adjust. Tempos outside 10…999 bpm are clamped into
 * that range with a warning rather than refused: such files exist (trackers, broken exporters),
 * the notes are still worth having, and only playback speed changes where the tempo was absurd.
 * The song it returns is valid (noteSequenceSchema, unique ids, maps from tick 0, notes in order).
 */
export function importMidi(bytes: Uint8Array): MidiImport {
  if (bytes.length > maxMidiBytes) {
    throw new MidiImportError(`The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Montage opens MIDI files of up to ${maxMidiBytes / 1024 / 1024} MB.`);
  }
  if (bytes.length < 4 || String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0) !== 'MThd') {
    throw new MidiImportError('This is not a MIDI file (it does not start with a MIDI header, "MThd").');
  }
  const cut = truncation(bytes);
  if (cut) throw new MidiImportError(`The MIDI file is cut short (${cut}); it may not have finished downloading or copying.`);
  let file: MidiData;
  try {
    file = parseMidi(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new MidiImportError(`The MIDI file is damaged or cut short and cannot be read (${detail}).`);
  }
  const filePpq = file.header.ticksPerBeat;
  if (filePpq === undefined || !Number.isInteger(filePpq) || filePpq <= 0) {
    throw new MidiImportError('The MIDI file counts time in SMPTE frames, which Montage does not support; export it with beat-based timing (PPQ).');
  }
  if (file.tracks.length === 0) throw new MidiImportError('The MIDI file has no tracks, so it has no notes.');
  // PPQs outside what the song model allows are rescaled: up by a whole factor (exact), or down
  // (rounded to the nearest tick).
  const ppq = filePpq < minPpq ? filePpq * Math.ceil(minPpq / filePpq) : filePpq > maxPpq ? Math.ceil(filePpq / Math.ceil(filePpq / maxPpq)) : filePpq;
  const tick = (t: number): number => (ppq === filePpq ? t : Math.round((t * ppq) / filePpq));

  const maps: RawMaps = { tempos: [], signatures: [], keys: [] };
  const parts: Part[] = [];
  for (let i = 0; i < file.tracks.length; i++) {
    readTrack(file.tracks[i] as MidiEvent[], parts, maps);
    // midi-file's event objects (a hundred bytes each) are needed no longer: let them go now, so
    // that a garbage collection during the rest of the import need not copy them.
    file.tracks[i] = [];
  }
  let noteCount = 0;
  for (const part of parts) noteCount += pairNotes(part);
  const sounding = parts.filter((p) => p.notes > 0);
  if (noteCount > maxNotesPerSong) {
    throw new MidiImportError(`The file has ${noteCount.toLocaleString('en')} notes; Montage opens songs of up to ${maxNotesPerSong.toLocaleString('en')} notes.`);
  }
  if (sounding.length === 0) throw new MidiImportError('The file has no notes.');
  if (sounding.length > maxTracks) throw new MidiImportError(`The file has ${sounding.length} tracks with notes; Montage opens songs of up to ${maxTracks} tracks.`);

  const warnings: string[] = [];
  const tempos = byTick<TempoChange>(
    stableByTick(maps.tempos).map((t) => {
      const bpm = Math.min(maxBpm, Math.max(minBpm, t.bpm));
      if (bpm !== t.bpm) warnings.push(`A tempo of ${formatBpm(t.bpm)} bpm was set to ${bpm} bpm (Montage allows ${minBpm}–${maxBpm}).`);
      return { tick: tick(t.tick), bpm };
    }),
    { tick: 0, bpm: 120 },
  );
  const timeSignatures = byTick<TimeSignature>(
    stableByTick(maps.signatures).flatMap(({ tick: at, numerator, denominator }) => {
      if (numerator >= 1 && numerator <= 32 && validDenominators.has(denominator)) {
        return [{ tick: tick(at), numerator, denominator: denominator as TimeSignature['denominator'] }];
      }
      warnings.push(`A time signature of ${numerator}/${denominator} was ignored.`);
      return [];
    }),
    { tick: 0, numerator: 4, denominator: 4 },
  );
  const keySignatures = byTick<KeySignature>(maps.keys.map((k) => ({ ...k, tick: tick(k.tick) })));

  const ids = new ImportIds();
  const tracks = sounding.map((part) => makeTrack(part, ids, ppq, filePpq));
  const sequence: NoteSequence = { ppq, tracks, tempos, timeSignatures, keySignatures };
  // Each note was checked as it was made; the rest (tracks, maps: a few hundred values) by the schema.
  const checked = noteSequenceSchema.safeParse({ ...sequence, tracks: tracks.map((t) => ({ ...t, notes: [] })) });
  if (!checked.success) throw new MidiImportError(`The MIDI file cannot be imported: ${checked.error.issues[0]?.message ?? 'it is not a valid song'}.`);
  return { sequence, warnings };
}

/**
 * One file track: splits its channel events into parts by (program, channel), queues their notes
 * and keeps their program, volume and pan; gathers its tempos and signatures into `maps`.
 */
function readTrack(events: MidiEvent[], parts: Part[], maps: RawMaps): void {
  const first = parts.length;
  const byKey = new Map<number, Part>();
  const programs = new Array<number | undefined>(16).fill(0);
  let trackName: string | undefined;
  let time = 0;
  // Events come in runs on one channel: look the part up only when the key changes.
  let lastKey = -1;
  let part = undefined as unknown as Part;
  for (const e of events) {
    // A negative or absurd delta is a varint of more than 4 bytes: not a MIDI file's.
    if (!(e.deltaTime >= 0)) throw damaged('an event has an impossible time');
    time += e.deltaTime;
    // tonejs splits by any event with a channel, the channel-prefix meta event included.
    const channel = (e as { channel?: number }).channel;
    if (channel === undefined) {
      if (e.type === 'trackName') trackName ??= e.text;
      else if (e.type === 'setTempo') maps.tempos.push({ tick: time, bpm: 60_000_000 / e.microsecondsPerBeat });
      else if (e.type === 'timeSignature') maps.signatures.push({ tick: time, numerator: e.numerator, denominator: e.denominator });
      else if (e.type === 'keySignature') {
        const key = keyFromSharps(e.key, e.scale !== 0);
        if (key) maps.keys.push({ tick: time, ...key });
      }
      continue;
    }
    if (e.type === 'programChange') programs[channel] = dataByte(e.programNumber, 'a program number');
    // A channel-prefix event's channel can be over 15: it has no program (tonejs: "undefined").
    const key = (programs[channel] ?? 128) * 256 + channel;
    if (key !== lastKey) {
      lastKey = key;
      const known = byKey.get(key);
      if (known) part = known;
      else {
        // The first key shares the track's first part with its meta events (its name).
        part = parts[first + byKey.size] ??= newPart();
        byKey.set(key, part);
      }
    }
    switch (e.type) {
      case 'noteOn':
        // A velocity byte over 127 (a damaged file) is clamped, as it always was; a missing one is refused.
        if (!Number.isInteger(e.velocity)) throw damaged(`a note velocity of ${String(e.velocity)}`);
        part.onTicks.push(time);
        part.onPitches.push(dataByte(e.noteNumber, 'a note pitch'));
        part.onVelocities.push(e.velocity);
        part.channel = channel;
        break;
      case 'noteOff': {
        const pitch = dataByte(e.noteNumber, 'a note pitch');
        (part.offs[pitch] ??= []).push(time);
        break;
      }
      case 'programChange':
        if (part.program < 0) part.program = e.programNumber;
        break;
      case 'controller':
        if (e.controllerType === 7 && part.volume < 0) part.volume = dataByte(e.value, 'a volume controller value');
        else if (e.controllerType === 10 && part.pan < 0) part.pan = dataByte(e.value, 'a pan controller value');
        break;
      default:
        break;
    }
  }
  const named = parts[first];
  if (named && trackName !== undefined) named.name = trackName;
}

/**
 * Pairs a part's note-ons with note-offs: per pitch, the earliest remaining note-off at or after
 * the note-on. Note-ons come in time order, so a note-off passed over once is never wanted again
 * and one cursor per pitch does it (tonejs scans the whole list each time: the same pairs).
 * Returns the number of notes.
 */
function pairNotes(part: Part): number {
  const cursor = new Array<number>(128).fill(0);
  const count = part.onTicks.length;
  const ends = new Float64Array(count).fill(-1);
  let notes = 0;
  for (let i = 0; i < count; i++) {
    const at = part.onTicks[i] as number;
    const pitch = part.onPitches[i] as number;
    const offs = part.offs[pitch];
    if (!offs) continue;
    let c = cursor[pitch] as number;
    while (c < offs.length && (offs[c] as number) < at) c++;
    if (c < offs.length) {
      ends[i] = offs[c] as number;
      notes++;
      c++;
    }
    cursor[pitch] = c;
  }
  part.ends = ends;
  part.notes = notes;
  return notes;
}

/** A song track from a part whose notes are paired, its ticks rescaled from `filePpq` to `ppq`. */
function makeTrack(part: Part, ids: ImportIds, ppq: number, filePpq: number): Track {
  const id = ids.next();
  const notes = new Array<Note>(part.notes);
  for (let i = 0, n = 0; i < part.onTicks.length; i++) {
    const end = part.ends[i] as number;
    if (end < 0) continue;
    const on = part.onTicks[i] as number;
    const start = ppq === filePpq ? on : Math.round((on * ppq) / filePpq);
    // A zero-length note (note-off on its note-on's tick) still sounds briefly: one tick.
    const duration = Math.max(1, (ppq === filePpq ? end : Math.round((end * ppq) / filePpq)) - start);
    if (start > maxTick || duration > maxTick) throw new MidiImportError('The MIDI file is longer than Montage can hold (a note starts or lasts past 2³¹ ticks).');
    const velocity = part.onVelocities[i] as number;
    notes[n++] = { id: ids.next(), pitch: part.onPitches[i] as number, velocity: velocity > 127 ? 127 : velocity < 1 ? 1 : velocity, start, duration };
  }
  return {
    id,
    name: fromMidiText(part.name).replace(/\0/g, '').slice(0, 120),
    program: part.program < 0 ? 0 : part.program,
    isDrum: part.channel === drumChannel,
    mute: false,
    solo: false,
    volume: part.volume < 0 ? defaultVolume : ccToVolume(part.volume),
    pan: part.pan < 0 ? 0 : ccToPan(part.pan),
    // Made in note-on order (ids ascending), so most tracks are in order already (chords are not).
    notes: isSortedNotes(notes) ? notes : sortNotes(notes),
  };
}

/**
 * Writes a format-1 MIDI file: one conductor track (tempos, time and key signatures) and one track
 * per song track. Drum tracks play on channel 10; the others get channels 1–9 and 11–16 in track
 * order (a song with more than 15 melodic tracks reuses channels, so such tracks share one
 * channel's program on a GM synth). Volume and pan are written as CC 7 and CC 10 at tick 0.
 */
export function sequenceToMidi(seq: NoteSequence): Uint8Array {
  const midi = new Midi();
  midi.header.fromJSON({
    name: '',
    ppq: seq.ppq,
    meta: [],
    tempos: seq.tempos.map((t) => ({ ticks: t.tick, bpm: bpmForEncoder(bpmToMicroseconds(t.bpm)) })),
    timeSignatures: seq.timeSignatures.map((t) => ({ ticks: t.tick, timeSignature: [t.numerator, t.denominator] })),
    keySignatures: seq.keySignatures.map((k) => ({ ticks: k.tick, ...keyToMidi(k.tonic, k.mode) })),
  });
  let melodic = 0;
  for (const track of seq.tracks) {
    const out = midi.addTrack();
    out.name = toUtf8Bytes(track.name);
    if (track.isDrum) out.channel = drumChannel;
    else {
      const slot = melodic++ % 15;
      out.channel = slot < drumChannel ? slot : slot + 1;
    }
    out.instrument.number = track.program;
    out.addCC({ number: 7, ticks: 0, value: controllerForEncoder(volumeToCc(track.volume)) });
    out.addCC({ number: 10, ticks: 0, value: controllerForEncoder(panToCc(track.pan)) });
    for (const note of track.notes) {
      out.addNote({ midi: note.pitch, ticks: note.start, durationTicks: note.duration, velocity: note.velocity / 127 });
    }
  }
  const bytes = midi.toArray();
  fixKeySignatureBytes(bytes, seq.keySignatures.map((k) => keyToMidi(k.tonic, k.mode).sharps));
  return bytes;
}

/**
 * Checks the chunk lengths only (not the events, which midi-file reads): midi-file reads a chunk
 * that runs past the end of the data as if it were complete, so a truncated file would otherwise
 * come back as a shorter song or as "no notes".
 */
function truncation(bytes: Uint8Array): string | undefined {
  const u32 = (at: number): number => (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
  if (bytes.length < 14) return 'no complete header';
  const tracks = ((bytes[10] ?? 0) << 8) | (bytes[11] ?? 0);
  let pos = 8 + u32(4);
  for (let i = 0; i < tracks; i++) {
    if (pos + 8 > bytes.length) return `track ${i + 1} of ${tracks} is missing`;
    pos += 8 + u32(pos + 4);
    if (pos > bytes.length) return `track ${i + 1} of ${tracks} ends early`;
  }
  return undefined;
}

/** Sorted by tick, one entry per tick (the last event at a tick is the one in force), first at tick 0. */
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

/** Sorted by tick, keeping file order at equal ticks (tonejs sorts its tempo and signature lists so). */
function stableByTick<T extends { tick: number }>(entries: T[]): T[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.tick - b.e.tick || a.i - b.i).map(({ e }) => e);
}

function formatBpm(bpm: number): string {
  return Number.isFinite(bpm) ? String(Math.round(bpm * 100) / 100) : String(bpm);
}
