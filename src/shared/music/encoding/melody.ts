// The melody representation the melody models read and write (MusicVAE-style): one token per
// sixteenth-note step of a monophonic line.
//
// Vocabulary (size 2 + maxPitch − minPitch + 1; 38 for the default MIDI 48…83, C3…B5):
//   0              NO_EVENT   nothing new: the sounding note (if any) goes on, silence stays silence
//   1              NOTE_OFF   the sounding note ends at this step
//   2 + p − min    NOTE_ON p  a note of pitch p starts here (ending the previous one, if sounding)
// A note sounds from its NOTE_ON to the next NOTE_OFF or NOTE_ON, or to the end of the window.
//
// Encoding reduces any notes to a monophonic line the way Magenta's melody extraction does: notes
// start at their nearest step, of those starting on the same step the highest is kept, and a new
// onset ends the note before it. Only notes whose onset falls inside the window count (one held in
// from before is not restarted); a note running past the window is cut at its end. A line outside
// the range is moved by whole octaves (the same shift for every note, so intervals are kept, the
// smallest shift that fits); when no shift fits, the window is rejected with a reason.
import { newId } from '../new-id';
import type { Note } from '../note-sequence';
import { pitchName, stepAt, tickAt, type StepNote, type TimedNote } from './grid';

export interface MelodyRange {
  /** Lowest MIDI pitch of the vocabulary. */
  minPitch: number;
  /** Highest MIDI pitch of the vocabulary (inclusive). */
  maxPitch: number;
}

export const defaultMelodyRange: Readonly<MelodyRange> = Object.freeze({ minPitch: 48, maxPitch: 83 });

export const noEventToken = 0;
export const noteOffToken = 1;
export const firstNoteOnToken = 2;

/** Tokens in the vocabulary of `range` (38 for the default range). */
export function melodyVocabularySize(range: MelodyRange = defaultMelodyRange): number {
  return firstNoteOnToken + range.maxPitch - range.minPitch + 1;
}

/** The NOTE_ON token of `pitch` (which must be in range). */
export function noteOnToken(pitch: number, range: MelodyRange = defaultMelodyRange): number {
  if (pitch < range.minPitch || pitch > range.maxPitch) throw new RangeError(`Pitch ${pitch} is outside ${pitchName(range.minPitch)}–${pitchName(range.maxPitch)}.`);
  return firstNoteOnToken + pitch - range.minPitch;
}

/** The pitch a NOTE_ON token starts, or undefined for NO_EVENT and NOTE_OFF. Throws on a token outside the vocabulary. */
export function tokenPitch(token: number, range: MelodyRange = defaultMelodyRange): number | undefined {
  if (!Number.isInteger(token) || token < 0 || token >= melodyVocabularySize(range)) throw new RangeError(`Token ${token} is not in the melody vocabulary.`);
  return token >= firstNoteOnToken ? range.minPitch + token - firstNoteOnToken : undefined;
}

function checkSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`A window is a whole number of steps, at least 1 (got ${steps}).`);
}

/**
 * The monophonic line of `notes` in the window of `steps` sixteenths from `startTick`, as step
 * notes in onset order (pitches as given, not yet moved into a range; each ends at the next onset,
 * at its own end, or at the window's end).
 */
export function melodyLine(notes: readonly TimedNote[], ppq: number, startTick: number, steps: number): StepNote[] {
  checkSteps(steps);
  const pitchAt = new Int32Array(steps).fill(-1);
  const endAt = new Int32Array(steps);
  for (const note of notes) {
    const start = stepAt(note.start, ppq, startTick);
    if (start < 0 || start >= steps) continue;
    const end = Math.max(start + 1, stepAt(note.start + note.duration, ppq, startTick));
    const held = pitchAt[start] as number;
    if (note.pitch > held || (note.pitch === held && end > (endAt[start] as number))) {
      pitchAt[start] = note.pitch;
      endAt[start] = end;
    }
  }
  const line: StepNote[] = [];
  let last: StepNote | undefined;
  for (let s = 0; s < steps; s++) {
    const pitch = pitchAt[s] as number;
    if (pitch < 0) continue;
    if (last && last.start + last.duration > s) last.duration = s - last.start;
    last = { pitch, start: s, duration: Math.min(endAt[s] as number, steps) - s };
    line.push(last);
  }
  return line;
}

/** The whole-octave shift (in semitones, smallest first, 0 preferred) that puts every pitch of `line` in range, or undefined. */
export function octaveShiftInto(line: readonly StepNote[], range: MelodyRange = defaultMelodyRange): number | undefined {
  if (line.length === 0) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of line) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  const kMin = Math.ceil((range.minPitch - lo) / 12);
  const kMax = Math.floor((range.maxPitch - hi) / 12);
  if (kMin > kMax) return undefined;
  return Math.min(kMax, Math.max(kMin, 0)) * 12 + 0; // + 0: never −0
}

/** The tokens of a monophonic line (as melodyLine returns it) moved by `shift` semitones. */
export function lineTokens(line: readonly StepNote[], steps: number, range: MelodyRange = defaultMelodyRange, shift = 0): Int32Array {
  const tokens = new Int32Array(steps); // all NO_EVENT
  for (const n of line) {
    tokens[n.start] = noteOnToken(n.pitch + shift, range);
    const end = n.start + n.duration;
    if (end < steps) tokens[end] = noteOffToken; // a later onset at `end` overwrites it
  }
  return tokens;
}

/** The reason a line is refused when no octave shift fits it into `range`. */
export function rangeRejectionReason(range: MelodyRange = defaultMelodyRange): string {
  return `the melody does not fit ${pitchName(range.minPitch)}–${pitchName(range.maxPitch)} by whole-octave transposition`;
}

export type MelodyEncoding =
  | { ok: true; tokens: Int32Array; /** Semitones the line was moved by (a multiple of 12). */ transposition: number; /** Notes (NOTE_ON tokens) in the line. */ notes: number }
  | { ok: false; reason: string };

export interface MelodyEncodeOptions {
  range?: MelodyRange;
}

/** Encodes the window of `steps` sixteenths from `startTick`, or says why it cannot. */
export function tryEncodeMelody(notes: readonly TimedNote[], ppq: number, startTick: number, steps: number, options: MelodyEncodeOptions = {}): MelodyEncoding {
  const range = options.range ?? defaultMelodyRange;
  const line = melodyLine(notes, ppq, startTick, steps);
  const shift = octaveShiftInto(line, range);
  if (shift === undefined) return { ok: false, reason: rangeRejectionReason(range) };
  return { ok: true, tokens: lineTokens(line, steps, range, shift), transposition: shift, notes: line.length };
}

export class MelodyRejection extends Error {
  override name = 'MelodyRejection';
}

/** Like tryEncodeMelody, returning the tokens; a window that cannot be encoded throws a MelodyRejection with the reason. */
export function encodeMelody(notes: readonly TimedNote[], ppq: number, startTick: number, steps: number, options: MelodyEncodeOptions = {}): Int32Array {
  const encoded = tryEncodeMelody(notes, ppq, startTick, steps, options);
  if (!encoded.ok) throw new MelodyRejection(encoded.reason);
  return encoded.tokens;
}

/** The notes of a token array on the step grid, in onset order. Throws on a token outside the vocabulary. */
export function melodyStepNotes(tokens: ArrayLike<number>, range: MelodyRange = defaultMelodyRange): StepNote[] {
  const out: StepNote[] = [];
  let current: StepNote | undefined;
  const close = (step: number) => {
    if (current) current.duration = step - current.start;
    current = undefined;
  };
  for (let s = 0; s < tokens.length; s++) {
    const token = tokens[s] as number;
    const pitch = tokenPitch(token, range);
    if (pitch !== undefined) {
      close(s);
      current = { pitch, start: s, duration: 0 };
      out.push(current);
    } else if (token === noteOffToken) close(s);
  }
  close(tokens.length);
  return out;
}

export interface MelodyDecodeOptions {
  /** Velocity of every note, 1…127 (default 100). */
  velocity?: number;
  range?: MelodyRange;
}

/** The notes of a token array as song notes from `startTick` (new ids, one velocity), in start order. */
export function decodeMelody(tokens: ArrayLike<number>, ppq: number, startTick: number, options: MelodyDecodeOptions = {}): Note[] {
  const velocity = Math.min(127, Math.max(1, Math.round(options.velocity ?? 100)));
  return melodyStepNotes(tokens, options.range).map((n) => {
    const start = tickAt(n.start, ppq, startTick);
    return { id: newId(), pitch: n.pitch, velocity, start, duration: Math.max(1, tickAt(n.start + n.duration, ppq, startTick) - start) };
  });
}
