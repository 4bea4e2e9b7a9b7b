// Per-example evaluation metrics of generated music, after MGEval (Yang & Lerch), MusPy and
// MuseGAN: pure functions over step notes (grid.ts; get them from tokens with melodyStepNotes or
// drumStepNotes, or from song notes with stepNotesOf). Steps are sixteenths, 16 to a 4/4 bar.
// A figure that is undefined for the input (the entropy of no notes, the mean interval of one
// onset) is NaN, so that set averages (evaluate-set.ts) can leave it out rather than count a 0.
import { scalePitchClasses, type ScaleMode } from '../scales';
import { stepAt, stepsPerBar, type StepNote, type TimedNote } from './grid';
import { drumClassCount, drumClassOf } from './drums';
import { entropyBits, normalise } from './distributions';

const bump = (counts: Float64Array, i: number): void => {
  counts[i] = (counts[i] as number) + 1;
};

/** Song notes in the window from `startTick` as step notes (onset and end rounded to the nearest step, at least one step). */
export function stepNotesOf(notes: readonly TimedNote[], ppq: number, startTick: number): StepNote[] {
  return notes.map((n) => {
    const start = stepAt(n.start, ppq, startTick);
    return { pitch: n.pitch, start, duration: Math.max(1, stepAt(n.start + n.duration, ppq, startTick) - start) };
  });
}

/** Notes per pitch class (0 = C), as shares summing to 1 (all 0 without notes). */
export function pitchClassHistogram(notes: readonly StepNote[]): Float64Array {
  return normalise(pitchClassCounts(notes));
}

/** Notes per pitch class, not normalised (for pooling over a set). */
export function pitchClassCounts(notes: readonly StepNote[]): Float64Array {
  const counts = new Float64Array(12);
  for (const n of notes) bump(counts, ((n.pitch % 12) + 12) % 12);
  return counts;
}

/** Shannon entropy of the pitch-class histogram in bits: 0 for one pitch class, log2(12) for all equally. */
export function pitchClassEntropy(notes: readonly StepNote[]): number {
  return notes.length === 0 ? NaN : entropyBits(pitchClassHistogram(notes));
}

/** Highest minus lowest pitch in semitones. */
export function pitchRange(notes: readonly StepNote[]): number {
  if (notes.length === 0) return NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of notes) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  return hi - lo;
}

/**
 * UPC: distinct pitch classes among the notes starting in each bar, averaged over the bars that
 * have an onset (empty bars are EB's business, so they do not pull this toward 0).
 */
export function usedPitchClassesPerBar(notes: readonly StepNote[]): number {
  const perBar = new Map<number, Set<number>>();
  for (const n of notes) {
    const bar = Math.floor(n.start / stepsPerBar);
    let classes = perBar.get(bar);
    if (!classes) perBar.set(bar, (classes = new Set()));
    classes.add(((n.pitch % 12) + 12) % 12);
  }
  if (perBar.size === 0) return NaN;
  let sum = 0;
  for (const classes of perBar.values()) sum += classes.size;
  return sum / perBar.size;
}

/** Onsets (notes, or drum hits) per bar over `bars` bars. */
export function noteDensity(notes: readonly StepNote[], bars: number): number {
  return notes.length / bars;
}

/** Intervals in steps between consecutive distinct onset steps. */
export function interOnsetIntervals(notes: readonly StepNote[]): number[] {
  const onsets = [...new Set(notes.map((n) => n.start))].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 1; i < onsets.length; i++) out.push((onsets[i] as number) - (onsets[i - 1] as number));
  return out;
}

/** Inter-onset intervals, not normalised: index = interval in steps (index 0 stays 0), the last bin holds `maxSteps` and longer. */
export function ioiCounts(notes: readonly StepNote[], maxSteps = 32): Float64Array {
  const counts = new Float64Array(maxSteps + 1);
  for (const ioi of interOnsetIntervals(notes)) bump(counts, Math.min(ioi, maxSteps));
  return counts;
}

/** The inter-onset-interval histogram normalised to shares (all 0 with fewer than two onsets). */
export function ioiHistogram(notes: readonly StepNote[], maxSteps = 32): Float64Array {
  return normalise(ioiCounts(notes, maxSteps));
}

/** Mean inter-onset interval in steps. */
export function meanIoi(notes: readonly StepNote[]): number {
  const iois = interOnsetIntervals(notes);
  return iois.length === 0 ? NaN : iois.reduce((a, b) => a + b, 0) / iois.length;
}

/** EB: the share of the `bars` bars in which no note sounds (a note held over a bar line fills both bars). */
export function emptyBarRate(notes: readonly StepNote[], bars: number): number {
  const filled = new Uint8Array(bars);
  for (const n of notes) {
    const first = Math.max(0, Math.floor(n.start / stepsPerBar));
    const last = Math.min(bars - 1, Math.floor((n.start + n.duration - 1) / stepsPerBar));
    for (let b = first; b <= last; b++) filled[b] = 1;
  }
  return filled.reduce((empty, f) => empty + (f ? 0 : 1), 0) / bars;
}

/** QN: the share of notes at least `minSteps` steps long (3 sixteenths, a dotted eighth, by default). */
export function qualifiedNoteRate(notes: readonly StepNote[], minSteps = 3): number {
  return notes.length === 0 ? NaN : notes.filter((n) => n.duration >= minSteps).length / notes.length;
}

/** The share of notes whose pitch class is in the scale of `tonic` (0 = C) and `mode`. */
export function inScaleRate(notes: readonly StepNote[], tonic: number, mode: ScaleMode): number {
  if (notes.length === 0) return NaN;
  const classes = new Set(scalePitchClasses(tonic, mode));
  return notes.filter((n) => classes.has(((n.pitch % 12) + 12) % 12)).length / notes.length;
}

/**
 * DP as MuseGAN defines it: the ratio of drum notes in 8- or 16-beat patterns. Onsets are placed
 * at MuseGAN's resolution of 24 per quarter (6 per sixteenth); a hit on a sixteenth counts 1, one
 * unit off it counts `tolerance` (MuseGAN's 0.1), anything else 0. Takes onsets in ticks at `ppq`,
 * so it is informative on played or finer-grained notes; on sixteenth-quantized tokens (pass
 * ppq = 4 with step notes) every hit is on the grid and DP is 1 by construction.
 */
export function drumPatternRate(notes: readonly { start: number }[], ppq: number, tolerance = 0.1): number {
  if (notes.length === 0) return NaN;
  let sum = 0;
  for (const n of notes) {
    const unit = ((Math.round((n.start * 24) / ppq) % 6) + 6) % 6;
    sum += unit === 0 ? 1 : unit === 1 || unit === 5 ? tolerance : 0;
  }
  return sum / notes.length;
}

/** Hits per drum class (kick … ride), not normalised; keys outside the kit are left out. */
export function drumClassCounts(notes: readonly StepNote[]): Float64Array {
  const counts = new Float64Array(drumClassCount);
  for (const n of notes) {
    const c = drumClassOf(n.pitch);
    if (c !== undefined) bump(counts, c);
  }
  return counts;
}

/** Hits per drum class as shares summing to 1. */
export function drumClassHistogram(notes: readonly StepNote[]): Float64Array {
  return normalise(drumClassCounts(notes));
}

/**
 * In-scale rate against the best-fitting major scale (which is also its relative minor's): the
 * highest share of notes in any of the 12 major scales. For sets in many keys, where no one key
 * applies (MuseGAN's "tonal" figures use a fixed key; a corpus transposed to all keys needs this).
 */
export function bestKeyInScaleRate(notes: readonly StepNote[]): number {
  if (notes.length === 0) return NaN;
  let best = 0;
  for (let tonic = 0; tonic < 12; tonic++) best = Math.max(best, inScaleRate(notes, tonic, 'major'));
  return best;
}
