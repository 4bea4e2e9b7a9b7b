// Seeded synthetic melodies as token sequences: the benchmark's training data. Real corpora are
// licensed and large; this generator needs neither, runs identically on every machine, and has
// the structure of simple tunes (a key, stepwise motion, bar rhythms, repeated motifs, cadences on
// the tonic) so a sequence model's loss falls quickly and visibly.
//
// Tokens: one per eighth note. REST starts a silence, HOLD continues the previous note or rest,
// and every other token starts a note at one MIDI pitch.
import { createRng, type Rng } from '../../shared/random';

export const melodyVocabulary = {
  rest: 0,
  hold: 1,
  lowestPitch: 48,
  highestPitch: 84,
  /** REST, HOLD and one token per pitch from lowestPitch to highestPitch. */
  size: 2 + (84 - 48 + 1),
  pitchToken: (pitch: number): number => 2 + pitch - 48,
  /** The pitch a token starts, or null for REST and HOLD. */
  tokenPitch: (token: number): number | null => (token >= 2 ? token - 2 + 48 : null),
} as const;

export type MelodyMode = 'major' | 'minor';

export interface MelodyKey {
  /** MIDI pitch of the tonic in the melody's home octave. */
  tonic: number;
  mode: MelodyMode;
}

export interface SyntheticMelody {
  key: MelodyKey;
  tokens: Int32Array;
}

export interface SyntheticMelodyOptions {
  count: number;
  /** Tokens per melody (eighth notes). */
  length: number;
  seed: number;
}

const scaleSteps: Record<MelodyMode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
};

// Home tonics kept between G3 and D4 so every reachable degree stays inside the vocabulary.
const keys: readonly MelodyKey[] = [
  { tonic: 60, mode: 'major' },
  { tonic: 55, mode: 'major' },
  { tonic: 62, mode: 'major' },
  { tonic: 57, mode: 'minor' },
  { tonic: 62, mode: 'minor' },
];

/** Note lengths in eighths for one 4/4 bar; each pattern sums to 8. */
const barRhythms: readonly (readonly number[])[] = [
  [2, 2, 2, 2],
  [1, 1, 2, 2, 2],
  [2, 1, 1, 4],
  [1, 1, 1, 1, 2, 2],
  [3, 1, 2, 2],
  [2, 2, 4],
  [1, 1, 1, 1, 1, 1, 2],
];

// Degree moves: mostly steps, some repeats, few leaps — the contour of a singable tune.
const moves = [-4, -2, -1, 0, 1, 2, 4] as const;
const moveWeights = [0.04, 0.12, 0.3, 0.1, 0.3, 0.1, 0.04];
const lowestDegree = -4;
const highestDegree = 10;
const restChance = 0.06;

/** Scale degree (0 = home tonic, 7 = an octave up, negative below) to MIDI pitch. */
export function degreeToPitch(key: MelodyKey, degree: number): number {
  const steps = scaleSteps[key.mode];
  const octave = Math.floor(degree / 7);
  const index = degree - octave * 7;
  return key.tonic + 12 * octave + (steps[index] ?? 0);
}

/** True when the pitch belongs to the key's scale in any octave. */
export function isInKey(key: MelodyKey, pitch: number): boolean {
  const pitchClass = (((pitch - key.tonic) % 12) + 12) % 12;
  return scaleSteps[key.mode].includes(pitchClass);
}

interface NoteEvent {
  /** Null for a rest. */
  degree: number | null;
  eighths: number;
}

function clampDegree(degree: number): number {
  return Math.min(highestDegree, Math.max(lowestDegree, degree));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

/** A two-bar idea: a random walk over the scale on two bar rhythms. */
function inventMotif(rng: Rng, startDegree: number): NoteEvent[] {
  const events: NoteEvent[] = [];
  let degree = startDegree;
  for (const rhythm of [pick(rng, barRhythms), pick(rng, barRhythms)]) {
    for (const eighths of rhythm) {
      degree = clampDegree(degree + (moves[rng.weighted(moveWeights)] ?? 0));
      events.push({ degree: rng.next() < restChance ? null : degree, eighths });
    }
  }
  return events;
}

/**
 * A four-bar phrase: a motif, then the motif again (often shifted by a step), ending on the tonic
 * so that phrase endings are predictable.
 */
function composePhrase(rng: Rng): NoteEvent[] {
  const motif = inventMotif(rng, pick(rng, [0, 2, 4, 7]));
  const shift = pick(rng, [0, 0, 1, -1, 2]);
  const answer = motif.map((e) => ({
    degree: e.degree === null ? null : clampDegree(e.degree + shift),
    eighths: e.eighths,
  }));
  const last = answer[answer.length - 1];
  if (last) last.degree = pick(rng, [0, 7]);
  return [...motif, ...answer];
}

function generateMelody(rng: Rng, length: number): SyntheticMelody {
  const key = pick(rng, keys);
  const tokens = new Int32Array(length);
  let at = 0;
  while (at < length) {
    for (const event of composePhrase(rng)) {
      for (let i = 0; i < event.eighths && at < length; i++, at++) {
        if (i > 0) tokens[at] = melodyVocabulary.hold;
        else if (event.degree === null) tokens[at] = melodyVocabulary.rest;
        else tokens[at] = melodyVocabulary.pitchToken(degreeToPitch(key, event.degree));
      }
    }
  }
  return { key, tokens };
}

/** Deterministic for a seed: the same options always give the same melodies. */
export function generateSyntheticMelodies(options: SyntheticMelodyOptions): SyntheticMelody[] {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError('count must be a positive integer');
  if (!Number.isInteger(options.length) || options.length < 2) throw new RangeError('length must be an integer ≥ 2');
  const rng = createRng(options.seed);
  return Array.from({ length: options.count }, () => generateMelody(rng, options.length));
}
