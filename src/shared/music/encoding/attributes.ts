// Attributes of one example, for conditioning a generator on them (the latent-constraints GAN of
// workers/models/latent-gan.ts): key, note density and register. Pure functions over step notes
// (grid.ts), no tfjs.
//
// - Key: the major or minor key whose scale holds the most notes (in-scale rate); among keys that
//   tie (C major and A minor always do: one pitch-class set), the best Krumhansl–Kessler
//   key-profile correlation of the duration-weighted pitch-class histogram decides. What a
//   generator can be asked to reach is the scale, so the attribute a model is conditioned on is
//   the diatonic *collection* (`scaleClass`: the tonic of the major scale with those pitch
//   classes, 0…11); `collectionForKey` maps any asked key (dorian, pentatonic, blues …) to the
//   collection that holds most of its scale.
// - Density: onsets (notes, drum hits) per bar; bucketed by edges (`bucketOf`), which a model
//   derives from its training data's quantiles (`quantileEdges`).
// - Register: the mean pitch of the notes (melodies only), bucketed the same way.
import { scaleIntervals, scalePitchClasses, type ScaleMode } from '../scales';
import type { StepNote } from './grid';
import { inScaleRate, noteDensity } from './metrics';

export type KeyMode = 'major' | 'minor';

export interface MusicalKey {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: KeyMode;
}

/** Krumhansl–Kessler probe-tone profiles (C major, C minor). */
export const majorProfile: readonly number[] = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
export const minorProfile: readonly number[] = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

const pc = (pitch: number): number => ((pitch % 12) + 12) % 12;

/** Pearson correlation of two 12-vectors (0 when either is constant). */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < 12; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= 12;
  mb /= 12;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < 12; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The Krumhansl–Schmuckler correlation of the notes' duration-weighted pitch classes with a key's profile. */
export function keyProfileCorrelation(notes: readonly StepNote[], key: MusicalKey): number {
  const weights = new Float64Array(12);
  for (const n of notes) weights[pc(n.pitch)] = (weights[pc(n.pitch)] as number) + Math.max(1, n.duration);
  const profile = key.mode === 'major' ? majorProfile : minorProfile;
  const rotated = Array.from({ length: 12 }, (_, i) => profile[pc(i - key.tonic)] as number);
  return correlation(weights, rotated);
}

/**
 * The key of some notes: the most notes in its scale, then the best key-profile correlation, then
 * the lowest tonic (major before minor). Null without notes.
 */
export function estimateKey(notes: readonly StepNote[]): MusicalKey | null {
  if (notes.length === 0) return null;
  let best: { key: MusicalKey; rate: number; corr: number } | null = null;
  for (const mode of ['major', 'minor'] as const) {
    for (let tonic = 0; tonic < 12; tonic++) {
      const key = { tonic, mode };
      const rate = inScaleRate(notes, tonic, mode);
      const corr = keyProfileCorrelation(notes, key);
      if (!best || rate > best.rate + 1e-12 || (Math.abs(rate - best.rate) <= 1e-12 && corr > best.corr + 1e-12)) best = { key, rate, corr };
    }
  }
  return best ? best.key : null;
}

/** The diatonic collection of a major or minor key: the tonic of its relative major (A minor → 0, C). */
export function scaleClassOf(key: MusicalKey): number {
  return key.mode === 'major' ? pc(key.tonic) : pc(key.tonic + 3);
}

/**
 * The diatonic collection (0…11, the tonic of its major scale) that holds most of an asked scale's
 * pitch classes; on a tie the one whose major or relative-minor tonic is the asked tonic, else
 * the lowest. D dorian → 0 (C major's notes), A minor → 0, E major pentatonic → 4 (E major).
 */
export function collectionForKey(tonic: number, mode: ScaleMode): number {
  const asked = new Set(scalePitchClasses(tonic, mode));
  let best = { collection: 0, overlap: -1, tonicMatch: false };
  for (let c = 0; c < 12; c++) {
    const set = scaleIntervals.major.map((s) => (c + s) % 12);
    const overlap = set.filter((p) => asked.has(p)).length;
    const tonicMatch = c === pc(tonic) || pc(c + 9) === pc(tonic);
    if (overlap > best.overlap || (overlap === best.overlap && tonicMatch && !best.tonicMatch)) best = { collection: c, overlap, tonicMatch };
  }
  return best.collection;
}

/** The mean MIDI pitch of the notes (NaN without notes). */
export function meanPitch(notes: readonly StepNote[]): number {
  if (notes.length === 0) return NaN;
  return notes.reduce((s, n) => s + n.pitch, 0) / notes.length;
}

/** The bucket of a value among ascending edges: 0 below edges[0], edges.length at or above the last. */
export function bucketOf(value: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && value >= (edges[b] as number)) b++;
  return b;
}

/**
 * Edges that split the values into `buckets` groups of about equal size (the inner quantiles),
 * ascending and distinct (duplicates dropped, so there may be fewer buckets on lumpy data).
 */
export function quantileEdges(values: readonly number[] | Float64Array, buckets: number): number[] {
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (sorted.length === 0 || buckets < 2) return [];
  const edges: number[] = [];
  for (let k = 1; k < buckets; k++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / buckets))] as number;
    if (edges.length === 0 || v > (edges[edges.length - 1] as number)) edges.push(v);
  }
  // An edge at the minimum would leave bucket 0 empty.
  return edges.filter((e) => e > (sorted[0] as number));
}

/** The attributes of one example, as numbers. */
export interface ExampleAttributes {
  /** The estimated key (null without notes). */
  key: MusicalKey | null;
  /** Its diatonic collection, 0…11 (−1 without notes). */
  scaleClass: number;
  /** Onsets per bar. */
  density: number;
  /** Mean pitch (NaN without notes or for drums). */
  register: number;
}

/** Key, density and register of a melody's step notes over `bars` bars. */
export function melodyAttributes(notes: readonly StepNote[], bars: number): ExampleAttributes {
  const key = estimateKey(notes);
  return { key, scaleClass: key ? scaleClassOf(key) : -1, density: noteDensity(notes, bars), register: meanPitch(notes) };
}

/** Density (hits per bar) of a drum pattern's step notes; no key or register. */
export function drumAttributes(notes: readonly StepNote[], bars: number): ExampleAttributes {
  return { key: null, scaleClass: -1, density: noteDensity(notes, bars), register: NaN };
}
