// The pure half of playback and rendering: what sounds when, on which instrument, how loud, and the
// transport's musical arithmetic (loop region, metronome beats, count-in, the tempo at the
// playhead). The Tone.js code (song-rig.ts here; the renderer's playback engine; the CLI's render
// thread) only turns these answers into audio nodes and events, so the decisions a musician hears
// are unit-tested here without an AudioContext.
//
// Time: events carry seconds computed from the song's own tempo map (the same maths as the ruler
// and MIDI export), and the engine schedules them on a Transport whose BPM never changes. Tone's
// Transport could follow the tempo map itself (bpm.setValueAtTime at each change), but then every
// tick position would be Tone's integration of the BPM curve at its PPQ, which can drift from ours
// at other PPQs and is wrong while a change is being edited; seconds from one function cannot.
import type { NoteSequence, TempoChange, TimeSignature, Track } from '../music/note-sequence';
import { barTicks, beatTicks, nextBarLine, songDurationTicks } from '../music/timing';

/** Linear gain 0…1 (the track's volume) to decibels; silence is −Infinity. */
export function volumeToDb(volume: number): number {
  return volume <= 0 ? -Infinity : 20 * Math.log10(Math.min(1, volume));
}

/** Tracks that sound: with any solo, only soloed ones (mute still wins); otherwise the unmuted. */
export function audibleTrackIds(tracks: readonly Pick<Track, 'id' | 'mute' | 'solo'>[]): Set<string> {
  const soloing = tracks.some((t) => t.solo);
  return new Set(tracks.filter((t) => !t.mute && (!soloing || t.solo)).map((t) => t.id));
}

export type InstrumentKind = 'piano' | 'fm' | 'am' | 'pluck' | 'bass' | 'poly' | 'drums';

/** The synth preset of a General MIDI program (0…127), by GM family. */
export function presetForProgram(program: number): Exclude<InstrumentKind, 'drums'> {
  if (program <= 7) return 'piano';
  if (program <= 15) return 'fm'; // chromatic percussion: bells, mallets
  if (program <= 23) return 'am'; // organs, accordion, harmonica
  if (program <= 31) return 'pluck'; // guitars
  if (program <= 39) return 'bass';
  if (program === 45 || program === 46) return 'pluck'; // pizzicato strings, harp
  if (program <= 55) return 'poly'; // strings, ensembles, choirs
  if (program <= 71) return 'am'; // brass, reeds
  if (program <= 95) return 'poly'; // pipes, synth leads, pads
  if (program <= 103) return 'fm'; // synth effects
  if (program <= 107) return 'pluck'; // sitar, banjo, shamisen, koto
  if (program <= 111) return program === 108 ? 'fm' : 'am'; // kalimba; bagpipe, fiddle, shanai
  return 'fm'; // percussive and sound effects
}

export function instrumentKind(track: Pick<Track, 'isDrum' | 'program'>): InstrumentKind {
  return track.isDrum ? 'drums' : presetForProgram(track.program);
}

export type DrumVoice = 'kick' | 'snare' | 'rim' | 'clap' | 'closedHat' | 'pedalHat' | 'openHat' | 'tom' | 'crash' | 'ride' | 'cowbell' | 'shaker';

/** The synthesised kit's voice for a GM percussion key, with a pitch (Hz) for the tuned ones. */
export function drumVoiceFor(pitch: number): { voice: DrumVoice; hz?: number } {
  const tom = (hz: number) => ({ voice: 'tom' as const, hz });
  switch (pitch) {
    case 35:
    case 36:
      return { voice: 'kick' };
    case 37:
    case 75: // claves
    case 76: // hi wood block
    case 77: // low wood block
      return { voice: 'rim' };
    case 38:
    case 40:
      return { voice: 'snare' };
    case 39:
      return { voice: 'clap' };
    case 42:
      return { voice: 'closedHat' };
    case 44:
      return { voice: 'pedalHat' };
    case 46:
      return { voice: 'openHat' };
    case 49:
    case 52:
    case 55:
    case 57:
      return { voice: 'crash' };
    case 51:
    case 53:
    case 59:
      return { voice: 'ride' };
    case 54: // tambourine
    case 69: // cabasa
    case 70: // maracas
    case 82: // shaker
      return { voice: 'shaker' };
    case 56: // cowbell
    case 67: // high agogo
    case 68: // low agogo
    case 80: // mute triangle
    case 81: // open triangle
      return { voice: 'cowbell' };
  }
  // Toms 41…50 from low floor to high tom; bongos, congas and timbales above them go higher.
  if (pitch >= 41 && pitch <= 50) return tom(70 * 2 ** ((pitch - 41) / 9));
  if (pitch >= 60 && pitch <= 66) return tom(180 * 2 ** ((pitch - 60) / 8));
  return { voice: 'rim' };
}

/** Seconds at any tick of the song, in O(log tempos): ticksToSeconds with its segments kept. */
export function tickClock(song: Pick<NoteSequence, 'ppq' | 'tempos'>): (tick: number) => number {
  const starts: number[] = [];
  let seconds = 0;
  song.tempos.forEach((t, i) => {
    const prev = song.tempos[i - 1];
    if (prev) seconds += ((t.tick - prev.tick) / song.ppq) * (60 / prev.bpm);
    starts.push(seconds);
  });
  return (tick) => {
    let lo = 0;
    let hi = song.tempos.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((song.tempos[mid] as TempoChange).tick <= tick) lo = mid;
      else hi = mid - 1;
    }
    const tempo = song.tempos[lo] as TempoChange;
    return (starts[lo] as number) + (Math.max(0, tick - tempo.tick) / song.ppq) * (60 / tempo.bpm);
  };
}

export interface NoteEvent {
  trackId: string;
  pitch: number;
  /** 0…1. */
  velocity: number;
  /** Seconds from the song's start, under the tempo map. */
  time: number;
  duration: number;
}

/** Every note of every track as timed events (silent tracks too: muting is a gain, live). */
export function noteEvents(song: NoteSequence): NoteEvent[] {
  const at = tickClock(song);
  const out: NoteEvent[] = [];
  for (const track of song.tracks) {
    for (const n of track.notes) {
      const time = at(n.start);
      out.push({ trackId: track.id, pitch: n.pitch, velocity: n.velocity / 127, time, duration: at(n.start + n.duration) - time });
    }
  }
  return out;
}

/** The signature in effect at `tick`. */
export function signatureAt(song: Pick<NoteSequence, 'timeSignatures'>, tick: number): TimeSignature {
  let sig = song.timeSignatures[0] as TimeSignature;
  for (const s of song.timeSignatures) if (s.tick <= tick) sig = s;
  return sig;
}

/** The index of the tempo in effect at `tick` (the one the toolbar shows and edits). */
export function tempoIndexAt(tempos: readonly TempoChange[], tick: number): number {
  let index = 0;
  tempos.forEach((t, i) => {
    if (t.tick <= tick) index = i;
  });
  return index;
}

/** The tempo map with the tempo in effect at `tick` set to `bpm` (clamped to the song's 10…999). */
export function withTempoAt(tempos: readonly TempoChange[], tick: number, bpm: number): TempoChange[] {
  const index = tempoIndexAt(tempos, tick);
  const clamped = Math.min(999, Math.max(10, Math.round(bpm * 100) / 100));
  return tempos.map((t, i) => (i === index ? { ...t, bpm: clamped } : t));
}

/** Beats in [from, to) with the downbeats marked: a signature change starts a bar, as in barBeatAt. */
export function metronomeBeats(song: Pick<NoteSequence, 'ppq' | 'timeSignatures'>, from: number, to: number): { tick: number; accent: boolean }[] {
  const out: { tick: number; accent: boolean }[] = [];
  song.timeSignatures.forEach((sig, i) => {
    const end = Math.min(to, song.timeSignatures[i + 1]?.tick ?? Infinity);
    const step = beatTicks(song.ppq, sig);
    for (let k = Math.max(0, Math.ceil((from - sig.tick) / step - 1e-9)); sig.tick + k * step < end; k++) {
      out.push({ tick: sig.tick + k * step, accent: k % sig.numerator === 0 });
    }
  });
  return out;
}

/** The default loop: the whole song rounded up to a bar line (one bar for an empty song). */
export function defaultLoop(song: NoteSequence): { start: number; end: number } {
  const last = song.timeSignatures[song.timeSignatures.length - 1] as TimeSignature;
  const end = Math.max(nextBarLine(song, songDurationTicks(song)), last.tick + barTicks(song.ppq, last));
  return { start: 0, end: Math.round(end) };
}

/** A loop dragged on the ruler between two ticks, snapped to `grid` (at least one grid step long). */
export function loopFromDrag(a: number, b: number, grid: number): { start: number; end: number } {
  const g = Math.max(1, grid);
  const start = Math.max(0, Math.round(Math.min(a, b) / g) * g);
  return { start, end: Math.max(start + g, Math.round(Math.max(a, b) / g) * g) };
}

/** One bar of count-in before `tick`: the click times (seconds after the first) and its length. */
export function countIn(song: NoteSequence, tick: number): { clicks: { offset: number; accent: boolean }[]; seconds: number } {
  const sig = signatureAt(song, tick);
  const bpm = (song.tempos[tempoIndexAt(song.tempos, tick)] as TempoChange).bpm;
  const beat = (60 / bpm) * (4 / sig.denominator);
  return { clicks: Array.from({ length: sig.numerator }, (_, i) => ({ offset: i * beat, accent: i === 0 })), seconds: sig.numerator * beat };
}

/** Which track instruments to build and which to dispose when the song changes (a new program
 * family rebuilds that track's instrument; a removed track's nodes go). */
export function planInstruments(
  existing: ReadonlyMap<string, InstrumentKind>,
  tracks: readonly Pick<Track, 'id' | 'isDrum' | 'program'>[],
): { create: { trackId: string; kind: InstrumentKind }[]; dispose: string[] } {
  const wanted = new Map(tracks.map((t) => [t.id, instrumentKind(t)]));
  const dispose = [...existing].filter(([id, kind]) => wanted.get(id) !== kind).map(([id]) => id);
  const create = [...wanted].filter(([id, kind]) => existing.get(id) !== kind).map(([trackId, kind]) => ({ trackId, kind }));
  return { create, dispose };
}

/** The Salamander notes shipped (every minor third, A0…C8) and their file names. */
export const pianoSampleNotes: readonly string[] = [
  'A0',
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((o) => [`C${o}`, `D#${o}`, `F#${o}`, `A${o}`]),
  'C8',
];

/** The file name of a sample (as the package ships it and Vite copies it): "D#4v10.mp3". */
export function pianoSampleFile(note: string): string {
  return `${note}v10.mp3`;
}

/** The URL of a sample below `base`: '#' must be %23 or it would start the URL's fragment. */
export function pianoSampleUrl(base: string, note: string): string {
  return `${base}${encodeURIComponent(pianoSampleFile(note))}`;
}

/**
 * The playhead while looping. Tone's Transport jumps back at the loop's end only when its clock
 * next runs (up to a lookahead later), and reading its position in between overshoots the end;
 * the loop has already wrapped by then in what is heard, so the playhead wraps too.
 */
export function wrapIntoLoop(tick: number, region: { start: number; end: number }): number {
  const length = region.end - region.start;
  if (tick < region.end || length <= 0) return tick;
  return region.start + ((tick - region.end) % length);
}
