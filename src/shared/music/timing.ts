// Musical time across the tempo map and time-signature changes: song length, ticks ↔ seconds
// (playback, the ruler, MIDI summaries) and bar/beat positions (the ruler, the CLI, concat's bar
// rounding). Maps are read as the schema states them: sorted by tick, the first at tick 0.
import type { NoteSequence, TimeSignature } from './note-sequence';

/** The end of the last note in ticks (0 for a song without notes). */
export function songDurationTicks(seq: NoteSequence): number {
  let end = 0;
  for (const track of seq.tracks) {
    for (const note of track.notes) end = Math.max(end, note.start + note.duration);
  }
  return end;
}

/** Seconds from the song's start to `tick` (which may be fractional) under the tempo map. */
export function ticksToSeconds(seq: NoteSequence, tick: number): number {
  let seconds = 0;
  const tempos = seq.tempos;
  for (let i = 0; i < tempos.length; i++) {
    const tempo = tempos[i];
    if (!tempo || tempo.tick >= tick) break;
    const next = tempos[i + 1];
    const segmentEnd = next && next.tick < tick ? next.tick : tick;
    seconds += ((segmentEnd - tempo.tick) / seq.ppq) * (60 / tempo.bpm);
  }
  return seconds;
}

/** The tick at `seconds` under the tempo map; fractional (round it where a tick is stored). */
export function secondsToTicks(seq: NoteSequence, seconds: number): number {
  let elapsed = 0;
  const tempos = seq.tempos;
  for (let i = 0; i < tempos.length; i++) {
    const tempo = tempos[i];
    if (!tempo) break;
    const next = tempos[i + 1];
    const secondsPerTick = 60 / tempo.bpm / seq.ppq;
    const segmentSeconds = next ? (next.tick - tempo.tick) * secondsPerTick : Infinity;
    if (seconds <= elapsed + segmentSeconds) return tempo.tick + (seconds - elapsed) / secondsPerTick;
    elapsed += segmentSeconds;
  }
  return 0;
}

/** Ticks per beat (the signature's denominator note) and per bar, possibly fractional at odd PPQs. */
export function beatTicks(ppq: number, sig: TimeSignature): number {
  return (ppq * 4) / sig.denominator;
}
export function barTicks(ppq: number, sig: TimeSignature): number {
  return beatTicks(ppq, sig) * sig.numerator;
}

export interface BarBeat {
  /** 1-based bar. */
  bar: number;
  /** 1-based beat within the bar. */
  beat: number;
  /** Ticks past the start of that beat. */
  tick: number;
}

/**
 * The bar and beat at `tick`. As in MIDI files and notation, a time-signature change starts a new
 * bar at its tick, even if it falls inside a bar of the previous signature (that bar is then short).
 */
export function barBeatAt(seq: NoteSequence, tick: number): BarBeat {
  let bar = 1;
  const sigs = seq.timeSignatures;
  for (let i = 0; i < sigs.length; i++) {
    const sig = sigs[i];
    if (!sig) break;
    const next = sigs[i + 1];
    const perBar = barTicks(seq.ppq, sig);
    if (next && next.tick <= tick) {
      bar += Math.ceil((next.tick - sig.tick) / perBar);
      continue;
    }
    const offset = Math.max(0, tick - sig.tick);
    const bars = Math.floor(offset / perBar);
    const inBar = offset - bars * perBar;
    const perBeat = beatTicks(seq.ppq, sig);
    const beats = Math.floor(inBar / perBeat);
    return { bar: bar + bars, beat: beats + 1, tick: inBar - beats * perBeat };
  }
  return { bar, beat: 1, tick: 0 };
}

/** The first bar line of the last time signature at or after `tick` (whole ticks, rounded up). */
export function nextBarLine(seq: NoteSequence, tick: number): number {
  const sig = seq.timeSignatures[seq.timeSignatures.length - 1];
  if (!sig || tick <= sig.tick) return sig ? sig.tick : tick;
  const perBar = barTicks(seq.ppq, sig);
  return Math.ceil(sig.tick + Math.ceil((tick - sig.tick) / perBar - 1e-9) * perBar);
}

export interface SequenceSummary {
  tracks: number;
  notes: number;
  durationSeconds: number;
}

/** Counts and length, for document lists, import reports and the CLI. */
export function sequenceSummary(seq: NoteSequence): SequenceSummary {
  return {
    tracks: seq.tracks.length,
    notes: seq.tracks.reduce((sum, t) => sum + t.notes.length, 0),
    durationSeconds: ticksToSeconds(seq, songDurationTicks(seq)),
  };
}
