// The drum representation the drum models read and write: each sixteenth-note step is the set of
// drum classes struck on it, a 9-bit multi-hot stored as one Uint16 per step (bit i = class i).
//
// Why a bitmask: it is exact for any combination, small (2 bytes a step), and it *is* the other
// common form as well: the value 0…511 is the index of the step's class combination in a one-hot
// over all 512 combinations (as MusicVAE's drum models use), so a model can read the bits as nine
// independent outputs or the number as one 512-way class without a conversion table.
//
// Classes follow the common 9-class reduction of General MIDI drums: every GM key 27…87 (plus 22
// and 26, the hi-hat edge sounds of Roland kits) belongs to one of kick, snare, closed hi-hat, open
// hi-hat, low tom, mid tom, high tom, crash or ride, by the sound's role in a kit (claps and
// rimshots are snares, shakers and pedal hi-hats closed hi-hats, bongos and congas toms, and so on).
// Other pitches are not drums of the kit and are ignored. Decoding plays each class on its
// canonical pitch (the first of its row below), one step long. Only onsets count.
import { newId } from '../new-id';
import type { Note } from '../note-sequence';
import { stepAt, tickAt, type StepNote, type TimedNote } from './grid';

export const drumClasses = ['kick', 'snare', 'closedHiHat', 'openHiHat', 'lowTom', 'midTom', 'highTom', 'crash', 'ride'] as const;
export type DrumClass = (typeof drumClasses)[number];
export const drumClassCount = drumClasses.length;
/** Distinct values of a step (2^9). */
export const drumCombinationCount = 1 << drumClassCount;

/** Per class, its GM keys: the canonical one first. */
const classPitches: readonly (readonly number[])[] = [
  /* kick          */ [36, 35],
  /* snare         */ [38, 27, 28, 31, 32, 33, 34, 37, 39, 40, 56, 65, 66, 75, 85],
  /* closed hi-hat */ [42, 22, 44, 54, 68, 69, 70, 71, 73, 78, 80],
  /* open hi-hat   */ [46, 26, 67, 72, 74, 79, 81],
  /* low tom       */ [45, 29, 41, 43, 61, 64, 84],
  /* mid tom       */ [48, 47, 60, 63, 77, 86, 87],
  /* high tom      */ [50, 30, 62, 76, 83],
  /* crash         */ [49, 52, 55, 57, 58],
  /* ride          */ [51, 53, 59, 82],
];

/** The pitch each class decodes to: 36, 38, 42, 46, 45, 48, 50, 49, 51. */
export const canonicalDrumPitches: readonly number[] = Object.freeze(classPitches.map((row) => row[0] as number));

const classOfPitch = new Int8Array(128).fill(-1);
classPitches.forEach((row, c) => row.forEach((p) => (classOfPitch[p] = c)));

/** The class index (0…8) of a GM drum key, or undefined for a key outside the kit. */
export function drumClassOf(pitch: number): number | undefined {
  const c = Number.isInteger(pitch) && pitch >= 0 && pitch < 128 ? (classOfPitch[pitch] as number) : -1;
  return c < 0 ? undefined : c;
}

/** The window of `steps` sixteenths from `startTick` as one bitmask per step. */
export function encodeDrums(notes: readonly TimedNote[], ppq: number, startTick: number, steps: number): Uint16Array {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`A window is a whole number of steps, at least 1 (got ${steps}).`);
  const bits = new Uint16Array(steps);
  for (const note of notes) {
    const c = drumClassOf(note.pitch);
    if (c === undefined) continue;
    const step = stepAt(note.start, ppq, startTick);
    if (step >= 0 && step < steps) bits[step] = (bits[step] as number) | (1 << c);
  }
  return bits;
}

function checkStep(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= drumCombinationCount) throw new RangeError(`Drum step ${value} is not a 9-bit class set.`);
}

/** The hits of a drum array on the step grid (canonical pitches, one step long), by step then pitch. */
export function drumStepNotes(bits: ArrayLike<number>): StepNote[] {
  const out: StepNote[] = [];
  for (let s = 0; s < bits.length; s++) {
    const value = bits[s] as number;
    checkStep(value);
    const pitches: number[] = [];
    for (let c = 0; c < drumClassCount; c++) if (value & (1 << c)) pitches.push(canonicalDrumPitches[c] as number);
    pitches.sort((a, b) => a - b);
    for (const pitch of pitches) out.push({ pitch, start: s, duration: 1 });
  }
  return out;
}

/** Hits (set bits) in a drum array. */
export function drumHitCount(bits: ArrayLike<number>): number {
  let count = 0;
  for (let s = 0; s < bits.length; s++) {
    for (let v = bits[s] as number; v; v &= v - 1) count++;
  }
  return count;
}

export interface DrumDecodeOptions {
  /** Velocity of every hit, 1…127 (default 100). */
  velocity?: number;
}

/** A drum array as song notes from `startTick`: canonical pitches, one step long, new ids, in start then pitch order. */
export function decodeDrums(bits: ArrayLike<number>, ppq: number, startTick: number, options: DrumDecodeOptions = {}): Note[] {
  const velocity = Math.min(127, Math.max(1, Math.round(options.velocity ?? 100)));
  return drumStepNotes(bits).map((n) => {
    const start = tickAt(n.start, ppq, startTick);
    return { id: newId(), pitch: n.pitch, velocity, start, duration: Math.max(1, tickAt(n.start + 1, ppq, startTick) - start) };
  });
}
