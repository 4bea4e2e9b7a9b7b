// MIDI files ↔ NoteSequence, through @tonejs/midi (we never parse MIDI bytes ourselves). Import
// keeps the file's PPQ, tempo map, time signatures, key, track names, programs, drums (channel 10)
// and each track's first volume/pan controller; export writes the same back so that an exported
// song imports as itself (modulo note and track ids). Every refusal is a MidiImportError whose
// message can be shown to the user as it is. Mute and solo have no MIDI form and are not written.
// A default import: @tonejs/midi is CommonJS, and Node's ESM loader (the built CLI and workers
// keep packages external) finds no named exports in it. Bundlers accept both forms.
import tonejsMidi, { type Midi as MidiFile } from '@tonejs/midi';
import { maxMidiBytes } from '../api/documents';
import {
  bpmForEncoder,
  bpmToMicroseconds,
  ccToPan,
  ccToVolume,
  controllerForEncoder,
  fixKeySignatureBytes,
  fromMidiText,
  keyFromMidi,
  keyToMidi,
  panToCc,
  toUtf8Bytes,
  volumeToCc,
} from './midi-meta';
import { newId } from './new-id';
import { maxNotesPerSong, maxTracks, type KeySignature, type Note, type NoteSequence, type TempoChange, type TimeSignature, type Track } from './note-sequence';
import { sortNotes } from './note-order';

const { Midi } = tonejsMidi;

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
const drumChannel = 9;
/** A GM synth plays a track without a volume controller at CC 7 = 100. */
const defaultVolume = 100 / 127;
const validDenominators = new Set([1, 2, 4, 8, 16, 32]);

/** Parses a MIDI file; throws MidiImportError when it cannot be read as a song. */
export function midiToSequence(bytes: Uint8Array): NoteSequence {
  return importMidi(bytes).sequence;
}

/**
 * Parses a MIDI file and says what it had to adjust. Tempos outside 10…999 bpm are clamped into
 * that range with a warning rather than refused: such files exist (trackers, broken exporters),
 * the notes are still worth having, and only playback speed changes where the tempo was absurd.
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
  let midi: MidiFile;
  try {
    midi = new Midi(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new MidiImportError(`The MIDI file is damaged or cut short and cannot be read (${detail}).`);
  }
  const filePpq = midi.header.ppq;
  if (!Number.isInteger(filePpq) || filePpq <= 0) {
    throw new MidiImportError('The MIDI file counts time in SMPTE frames, which Montage does not support; export it with beat-based timing (PPQ).');
  }
  const warnings: string[] = [];
  // PPQs outside what the song model allows are rescaled: up by a whole factor (exact), or down
  // (rounded to the nearest tick).
  const ppq = filePpq < minPpq ? filePpq * Math.ceil(minPpq / filePpq) : filePpq > maxPpq ? Math.ceil(filePpq / Math.ceil(filePpq / maxPpq)) : filePpq;
  const tick = (t: number): number => (ppq === filePpq ? t : Math.round((t * ppq) / filePpq));

  const tempos = byTick<TempoChange>(
    midi.header.tempos.map((t) => {
      const bpm = Math.min(maxBpm, Math.max(minBpm, t.bpm));
      if (bpm !== t.bpm) warnings.push(`A tempo of ${formatBpm(t.bpm)} bpm was set to ${bpm} bpm (Montage allows ${minBpm}–${maxBpm}).`);
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
  let noteCount = 0;
  for (const t of midi.tracks) {
    if (t.notes.length === 0) continue;
    noteCount += t.notes.length;
    if (noteCount > maxNotesPerSong) {
      const total = midi.tracks.reduce((sum, x) => sum + x.notes.length, 0);
      throw new MidiImportError(`The file has ${total.toLocaleString('en')} notes; Montage opens songs of up to ${maxNotesPerSong.toLocaleString('en')} notes.`);
    }
    const notes: Note[] = t.notes.map((n) => {
      const start = tick(n.ticks);
      return {
        id: newId(),
        pitch: n.midi,
        velocity: Math.min(127, Math.max(1, Math.round(n.velocity * 127))),
        start,
        // A zero-length note (note-off on its note-on's tick) still sounds briefly: one tick.
        duration: Math.max(1, tick(n.ticks + n.durationTicks) - start),
      };
    });
    const volume = t.controlChanges[7]?.[0];
    const pan = t.controlChanges[10]?.[0];
    tracks.push({
      id: newId(),
      name: fromMidiText(t.name).replace(/\0/g, '').slice(0, 120),
      program: t.instrument.number,
      isDrum: t.channel === drumChannel,
      mute: false,
      solo: false,
      volume: volume ? ccToVolume(Math.round(volume.value * 127)) : defaultVolume,
      pan: pan ? ccToPan(Math.round(pan.value * 127)) : 0,
      notes: sortNotes(notes),
    });
  }
  if (tracks.length === 0) throw new MidiImportError('The file has no notes.');
  if (tracks.length > maxTracks) throw new MidiImportError(`The file has ${tracks.length} tracks with notes; Montage opens songs of up to ${maxTracks} tracks.`);
  return { sequence: { ppq, tracks, tempos, timeSignatures, keySignatures }, warnings };
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
 * Checks the chunk lengths only (not the events, which tonejs reads): midi-file reads a chunk
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

function formatBpm(bpm: number): string {
  return Number.isFinite(bpm) ? String(Math.round(bpm * 100) / 100) : String(bpm);
}
