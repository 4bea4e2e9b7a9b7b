// Seeded synthetic melodies for the melody corpus: 8-bar tunes in 4/4 in any key, built as phrases
// of 2-bar motifs with repetition and variation (A A' B A'' by default), whose pitches come from one
// of four walkers — scale walks (mostly steps), arpeggios over a chord per bar, a mix of the two,
// and leaps with recovery — on rhythms drawn from a table of one-bar patterns (with rests). Pure
// and deterministic: the same seed and index give the same song, ids included.
import { createRng, type Rng } from '../../random';
import type { Note, NoteSequence } from '../note-sequence';

export type MelodyStyle = 'scale-walk' | 'arpeggio' | 'mixed' | 'leaps';
export const melodyStyles: readonly MelodyStyle[] = ['scale-walk', 'arpeggio', 'mixed', 'leaps'];

const modes = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  harmonicMinor: [0, 2, 3, 5, 7, 8, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
} as const;
export type MelodyMode = keyof typeof modes;
export const melodyModes = Object.keys(modes) as MelodyMode[];

/** One-bar rhythms in sixteenths; a negative length is a rest. Each sums to 16. */
const rhythms: readonly (readonly number[])[] = [
  [4, 4, 4, 4],
  [2, 2, 2, 2, 2, 2, 2, 2],
  [4, 2, 2, 4, 4],
  [6, 2, 4, 4],
  [3, 3, 2, 4, 4],
  [8, 4, 4],
  [2, 2, 4, 2, 2, 4],
  [4, 4, 8],
  [4, -2, 2, 4, 4],
  [2, 2, 2, 2, 4, 4],
  [6, 2, 6, 2],
  [1, 1, 2, 4, 4, 4],
  [4, 2, 2, 2, 2, 4],
  [3, 3, 3, 3, 4],
  [-4, 4, 4, 4],
  [2, 4, 2, 4, 4],
  [12, 4],
  [4, 4, 2, 2, -4],
];

/** Chord roots (scale degrees, 0-based) per bar, for the arpeggio walker. */
const chordPlans: readonly (readonly number[])[] = [
  [0, 5, 3, 4, 0, 5, 3, 4],
  [0, 3, 4, 0, 0, 3, 4, 0],
  [0, 4, 5, 3, 0, 4, 3, 4],
  [1, 4, 0, 0, 1, 4, 0, 0],
  [0, 0, 3, 3, 4, 4, 0, 0],
  [5, 3, 0, 4, 5, 3, 0, 4],
];

export interface SyntheticMelody {
  song: NoteSequence;
  /** What it is, for listings: "mixed, D dorian, 104 BPM". */
  description: string;
}

const pitchNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(items.length)] as T;

/** A pitch walker over scale degrees (an index into the scale extended over octaves). */
function nextDegree(style: MelodyStyle, rng: Rng, degree: number, chordRoot: number, scaleSize: number, position: number): number {
  const chordTones = [chordRoot, chordRoot + 2, chordRoot + 4];
  const nearestChordTone = (from: number, direction: number): number => {
    for (let d = 1; d <= scaleSize + 1; d++) {
      const candidate = from + d * direction;
      const rel = (((candidate - chordRoot) % scaleSize) + scaleSize) % scaleSize;
      if (chordTones.some((c) => (c - chordRoot) % scaleSize === rel)) return candidate;
    }
    return from + direction;
  };
  const direction = rng.next() < 0.5 ? -1 : 1;
  switch (style) {
    case 'scale-walk': {
      const r = rng.next();
      return degree + (r < 0.7 ? direction : r < 0.85 ? 2 * direction : r < 0.95 ? 0 : 3 * direction);
    }
    case 'arpeggio':
      return position === 0 ? nearestChordTone(degree - direction, direction) : nearestChordTone(degree, direction);
    case 'mixed':
      return position % 2 === 0 ? nearestChordTone(degree, direction) : degree + direction;
    case 'leaps': {
      const r = rng.next();
      return degree + (r < 0.4 ? direction * (3 + rng.int(3)) : r < 0.9 ? -Math.sign(direction) : 0);
    }
  }
}

interface MotifNote {
  /** Scale degree (may leave one octave), or null for a rest. */
  degree: number | null;
  start: number;
  length: number;
}

/** A 2-bar motif: rhythms of two bars and pitches from the walker. */
function makeMotif(style: MelodyStyle, rng: Rng, startDegree: number, roots: readonly number[], scaleSize: number): MotifNote[] {
  const notes: MotifNote[] = [];
  let degree = startDegree;
  for (let bar = 0; bar < 2; bar++) {
    const rhythm = pick(rhythms, rng);
    let step = bar * 16;
    rhythm.forEach((length, position) => {
      if (length < 0) notes.push({ degree: null, start: step, length: -length });
      else {
        degree = nextDegree(style, rng, degree, roots[bar] as number, scaleSize, position);
        // Keep the walker within about two octaves of the start.
        if (degree > startDegree + scaleSize + 2) degree -= scaleSize;
        if (degree < startDegree - scaleSize - 2) degree += scaleSize;
        notes.push({ degree, start: step, length });
      }
      step += Math.abs(length);
    });
  }
  return notes;
}

/** Variation of a motif: moved by some scale steps, with a few pitches or the ending changed. */
function vary(motif: readonly MotifNote[], rng: Rng, shift: number, cadenceDegree: number | null): MotifNote[] {
  const out = motif.map((n) => ({ ...n, degree: n.degree === null ? null : n.degree + shift }));
  const changes = rng.int(3);
  for (let k = 0; k < changes; k++) {
    const i = rng.int(out.length);
    const n = out[i] as MotifNote;
    if (n.degree !== null) n.degree += rng.next() < 0.5 ? -1 : 1;
  }
  if (cadenceDegree !== null) {
    const last = [...out].reverse().find((n) => n.degree !== null);
    if (last) last.degree = cadenceDegree;
  }
  return out;
}

/** The synthetic melody number `index` of `seed`. */
export function syntheticMelody(seed: number, index: number, ppq = 480): SyntheticMelody {
  const rng = createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
  const style = pick(melodyStyles, rng);
  const modeName = pick(melodyModes, rng);
  const scale = modes[modeName];
  const tonic = rng.int(12);
  const tempo = 70 + rng.int(91);
  const roots = pick(chordPlans, rng).map((r) => r % scale.length);
  const base = 60 + tonic - (tonic > 6 ? 12 : 0); // tonic near middle C
  const form = pick(['AA\'BA"', 'ABAB\'', 'AA\'AB', 'ABA\'C'] as const, rng);

  const a = makeMotif(style, rng, rng.int(5), roots.slice(0, 2), scale.length);
  const b = makeMotif(style, rng, 2 + rng.int(4), roots.slice(4, 6), scale.length);
  const c = makeMotif(style, rng, rng.int(4), roots.slice(6, 8), scale.length);
  const phrases: MotifNote[][] = [];
  const symbols = form.match(/[A-C]['"]?/g) ?? [];
  symbols.forEach((symbol, i) => {
    const cadence = i === symbols.length - 1 ? 0 : null;
    const source = symbol[0] === 'A' ? a : symbol[0] === 'B' ? b : c;
    if (symbol.length === 1 && cadence === null) phrases.push(source.map((n) => ({ ...n })));
    else phrases.push(vary(source, rng, symbol.endsWith('"') ? rng.int(3) - 1 : symbol.endsWith("'") ? pick([-2, -1, 1, 2], rng) : 0, cadence));
  });

  const sixteenth = ppq / 4;
  const notes: Note[] = [];
  phrases.forEach((phrase, p) => {
    for (const n of phrase) {
      if (n.degree === null) continue;
      const octave = Math.floor(n.degree / scale.length);
      const pc = scale[((n.degree % scale.length) + scale.length) % scale.length] as number;
      const pitch = Math.min(108, Math.max(21, base + 12 * octave + pc));
      const articulation = rng.next() < 0.2 ? 0.5 : 0.9;
      notes.push({
        id: `s${index}n${notes.length}`,
        pitch,
        velocity: 70 + rng.int(41),
        start: (p * 32 + n.start) * sixteenth,
        duration: Math.max(1, Math.round(n.length * sixteenth * articulation)),
      });
    }
  });
  const modeLabel = modeName.replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`);
  return {
    song: {
      ppq,
      tracks: [{ id: `s${index}`, name: `synthetic ${style}`, program: pick([0, 11, 24, 40, 56, 65, 73], rng), isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes }],
      tempos: [{ tick: 0, bpm: tempo }],
      timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
      keySignatures: [{ tick: 0, tonic, mode: modeName === 'major' || modeName === 'mixolydian' || modeName === 'majorPentatonic' ? 'major' : 'minor' }],
    },
    description: `${style}, ${pitchNames[tonic]} ${modeLabel}, ${form}, ${tempo} BPM`,
  };
}
