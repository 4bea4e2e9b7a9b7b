// Chord charts for Debian `mma` (Musical MIDI Accompaniment): the accompaniment half of the music
// models' training corpus (scripts/music-corpus/build-corpus.ts renders them to MIDI). Pure: a
// seeded plan of charts (groove × key × tempo × progression), the .mma text of each, and the
// groove names of an MMA style library read from its files' `Time` and `DefGroove` lines.
//
// Progressions are written in Roman numerals relative to the tonic of their mode: upper case is a
// major triad, lower case minor; a leading "b" lowers the root a semitone (bVII in a minor key);
// suffixes: 7 (dominant, or m7 on lower case), M7, ø7 (half-diminished), ° (diminished), 6, sus4.
import { createRng, type Rng } from '../../random';

export type ChartMode = 'major' | 'minor';

export interface Progression {
  name: string;
  mode: ChartMode;
  /** One entry per bar: one or two chords (two: on beats 1 and 3). */
  bars: readonly (readonly string[])[];
}

const p = (name: string, mode: ChartMode, bars: string): Progression => ({
  name,
  mode,
  bars: bars.split('|').map((bar) => bar.trim().split(/\s+/)),
});

/** The progressions charts are built from; a chart repeats its progression to 8, 12 or 16 bars. */
export const progressions: readonly Progression[] = Object.freeze([
  p('I–vi–IV–V', 'major', 'I | vi | IV | V'),
  p('I–V–vi–IV', 'major', 'I | V | vi | IV'),
  p('ii–V–I', 'major', 'ii7 | V7 | IM7 | IM7'),
  p('I–vi–ii–V', 'major', 'IM7 | vi7 | ii7 | V7'),
  p('iii–vi–ii–V', 'major', 'iii7 | vi7 | ii7 V7 | IM7'),
  p('12-bar blues', 'major', 'I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | I7 | V7 | IV7 | I7 | V7'),
  p('12-bar blues (quick change)', 'major', 'I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | vi7 | ii7 | V7 | I7 IV7 | I7 V7'),
  p('I–IV–V–IV', 'major', 'I | IV | V | IV'),
  p('vi–IV–I–V', 'major', 'vi | IV | I | V'),
  p('I–iii–IV–V', 'major', 'I | iii | IV | V'),
  p('Canon', 'major', 'I | V | vi | iii | IV | I | IV | V'),
  p('I–IV–I–V', 'major', 'I | IV | I | V7'),
  p('Rhythm changes A', 'major', 'I vi7 | ii7 V7 | I vi7 | ii7 V7 | I I7 | IV iv | I V7 | I'),
  p('I–bVII–IV–I', 'major', 'I | bVII | IV | I'),
  p('I6–ii7–iii7–V7sus', 'major', 'I6 | ii7 | iii7 | Vsus4 V7'),
  p('i–bVI–bIII–bVII', 'minor', 'i | bVI | bIII | bVII'),
  p('i–iv–v–i', 'minor', 'i | iv | v | i'),
  p('i–iv–bVII–bIII', 'minor', 'i | iv | bVII | bIII'),
  p('minor ii–V–i', 'minor', 'iiø7 | V7 | i | i'),
  p('Andalusian cadence', 'minor', 'i | bVII | bVI | V7'),
  p('minor blues', 'minor', 'i7 | iv7 | i7 | i7 | iv7 | iv7 | i7 | i7 | bVI7 | V7 | i7 | V7'),
  p('i–bVII–bVI–bVII', 'minor', 'i | bVII | bVI | bVII'),
  p('i–iv–i–V', 'minor', 'i | iv | i | V7'),
]);

const sharpNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
const flatNames = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
/** Tonics (pitch classes) whose keys are written with flats. */
const flatMajor = new Set([5, 10, 3, 8, 1, 6]);
const flatMinor = new Set([2, 7, 0, 5, 10, 3]);

const degreeSemitones: Record<string, number> = { i: 0, ii: 2, iii: 4, iv: 5, v: 7, vi: 9, vii: 11 };

/** The name of pitch class `pc` as spelled in the key of `tonic` `mode`. */
export function noteName(pc: number, tonic: number, mode: ChartMode): string {
  const flats = (mode === 'major' ? flatMajor : flatMinor).has(((tonic % 12) + 12) % 12);
  return (flats ? flatNames : sharpNames)[((pc % 12) + 12) % 12] as string;
}

/** The MMA chord name of a Roman numeral in the key of `tonic` `mode` ("V7" in G major → "D7"). */
export function chordName(numeral: string, tonic: number, mode: ChartMode): string {
  const match = /^(b?)(vii|iii|vi|iv|ii|v|i)(.*)$/i.exec(numeral);
  if (!match) throw new RangeError(`"${numeral}" is not a Roman-numeral chord.`);
  const [, flat, degree, suffix] = match as unknown as [string, string, string, string];
  const upper = degree === degree.toUpperCase();
  const root = (tonic + (degreeSemitones[degree.toLowerCase()] as number) - (flat ? 1 : 0) + 24) % 12;
  let quality: string;
  switch (suffix) {
    case '':
      quality = upper ? '' : 'm';
      break;
    case '7':
      quality = upper ? '7' : 'm7';
      break;
    case 'M7':
      quality = upper ? 'M7' : 'mM7';
      break;
    case '6':
      quality = upper ? '6' : 'm6';
      break;
    case 'ø7':
      quality = 'm7b5';
      break;
    case '°':
      quality = 'dim';
      break;
    case 'sus4':
      quality = 'sus4';
      break;
    default:
      throw new RangeError(`Unknown chord suffix "${suffix}" in "${numeral}".`);
  }
  return noteName(root, tonic, mode) + quality;
}

/** A melodic line MMA improvises over the chords (an ARIA track), as a chart option. */
export interface AriaSpec {
  /** GM voice name as MMA spells it. */
  voice: string;
  octave: number;
  scaleType: 'Chord' | 'Scale';
  /** MMA DIRECTION list: steps of the note pointer ("r" is random −1…1). */
  direction: string;
  /** MMA sequence patterns, one {…} per bar of a 2-bar sequence. */
  sequence: string;
  rskip: number;
}

export interface ChartSpec {
  /** File stem, unique in a plan: "0007-bossanova-eb-major". */
  id: string;
  groove: string;
  tonic: number;
  mode: ChartMode;
  tempo: number;
  progression: string;
  /** Chord names per bar. */
  bars: string[][];
  /** MMA's own random seed (RNDSEED), so a chart renders the same each time. */
  rndSeed: number;
  aria?: AriaSpec;
  /** A fill groove of the same style, played on every 4th bar but the last (as a drummer marks phrases). */
  fill?: string;
  /** An ending groove of the same style, played on the last bar. */
  ending?: string;
  /** Another groove of the same style for the second half (as a chorus after a verse). */
  variation?: string;
}

const ariaVoices = ['Flute', 'Clarinet', 'Trumpet', 'Violin', 'Vibraphone', 'JazzGuitar', 'Oboe', 'SopranoSax', 'Piano1', 'Marimba'];
const ariaRhythms = [
  '{1 4 90; 2 8 80; 2.5 8 80; 3 4. 90; 4.5 8 70} {1 2 90; 3 4 80; 4 8 80; 4.5 8 80}',
  '{1 8 90 * 8} {1 4 90 * 4}',
  '{1 4. 90; 2.5 8 60; 3 2 70} {1 4 90; 2 4 80; 3 2 90}',
  '{1 8 90; 1.5 8 70; 2 4 80; 3 8 90; 3.5 8 70; 4 4 80} {1 2. 90; 4 4 80}',
  '{1 4 90 * 4} {1 8 80 * 4; 3 2 90}',
  '{1 16 90 * 16} {1 4 90; 2 4 80; 3 2 90}',
];
const ariaDirections = ['r', '1 1 -1 r', 'r r 1 -1 2 r', '1 -1 2 -2 r', '2 -1 r 1 -2', '-1 -1 r 1'];

/** The groove names an MMA library file defines for `beats`-beat bars (its `Time` before each `DefGroove`). */
export function grooveNames(mmaFileText: string, beats = 4): string[] {
  const names: string[] = [];
  let time: number | undefined;
  for (const raw of mmaFileText.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const timeMatch = /^time\s+([\d.]+)/i.exec(line);
    if (timeMatch) time = Number(timeMatch[1]);
    const grooveMatch = /^defgroove\s+(\S+)/i.exec(line);
    if (grooveMatch && time === beats) names.push(grooveMatch[1] as string);
  }
  return names;
}

export interface ChartPlanOptions {
  seed: number;
  /** Groove names to draw from (any order: they are sorted case-insensitively and deduplicated). */
  grooves: readonly string[];
  /** How many grooves to use (a seeded draw; default all). */
  grooveCount?: number;
  /** Charts per groove, each in a different key (default 1). */
  keysPerGroove?: number;
  /** Fraction of charts that get an ARIA melody track (default 0.6). */
  ariaRate?: number;
  /**
   * Grooves that belong together (one style library file each): a chart's fill and ending grooves
   * are drawn from its groove's family, by name ("…Fill…", "…End…"). Without it, charts have none.
   */
  families?: readonly (readonly string[])[];
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(items.length)] as T;

/** The bars of `progression` in `tonic`, repeated to `length` bars. */
export function progressionBars(progression: Progression, tonic: number, length: number): string[][] {
  const bars: string[][] = [];
  for (let i = 0; i < length; i++) bars.push((progression.bars[i % progression.bars.length] as string[]).map((n) => chordName(n, tonic, progression.mode)));
  return bars;
}

/** A seeded list of charts: the same seed and grooves give the same plan. */
export function planCharts(options: ChartPlanOptions): ChartSpec[] {
  const rng = createRng(options.seed);
  const seen = new Set<string>();
  const sorted = [...options.grooves]
    .sort((a, b) => {
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
    })
    .filter((g) => !seen.has(g.toLowerCase()) && seen.add(g.toLowerCase()));
  const chosen = shuffle(sorted, rng).slice(0, Math.min(sorted.length, options.grooveCount ?? sorted.length));
  const keysPerGroove = Math.min(12, Math.max(1, options.keysPerGroove ?? 1));
  const ariaRate = options.ariaRate ?? 0.6;
  const familyOf = new Map<string, readonly string[]>();
  for (const family of options.families ?? []) for (const g of family) if (!familyOf.has(g.toLowerCase())) familyOf.set(g.toLowerCase(), family);
  const charts: ChartSpec[] = [];
  for (const groove of chosen) {
    const tonics = shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], rng).slice(0, keysPerGroove);
    for (const tonic of tonics) {
      const progression = pick(progressions, rng);
      const length = progression.bars.length >= 12 ? progression.bars.length : pick([8, 12, 16], rng);
      const tempo = 70 + rng.int(91); // 70…160 BPM
      const aria: AriaSpec | undefined =
        rng.next() < ariaRate
          ? {
              voice: pick(ariaVoices, rng),
              octave: 5 + rng.int(2),
              scaleType: rng.next() < 0.5 ? 'Chord' : 'Scale',
              direction: pick(ariaDirections, rng),
              sequence: pick(ariaRhythms, rng),
              rskip: rng.int(3) * 5,
            }
          : undefined;
      const family = (familyOf.get(groove.toLowerCase()) ?? []).filter((g) => g.toLowerCase() !== groove.toLowerCase());
      const fills = family.filter((g) => /fill/i.test(g));
      const endings = family.filter((g) => /end/i.test(g));
      const fill = fills.length > 0 && rng.next() < 0.8 ? pick(fills, rng) : undefined;
      const ending = endings.length > 0 && rng.next() < 0.8 ? pick(endings, rng) : undefined;
      const variations = family.filter((g) => !/fill|end|intro/i.test(g));
      const variation = variations.length > 0 && rng.next() < 0.5 ? pick(variations, rng) : undefined;
      const index = charts.length;
      const key = `${noteName(tonic, tonic, progression.mode)}-${progression.mode}`.toLowerCase().replace('#', 's');
      charts.push({
        id: `${String(index).padStart(4, '0')}-${groove.toLowerCase().replace(/[^a-z0-9]+/g, '_')}-${key}`,
        groove,
        tonic,
        mode: progression.mode,
        tempo,
        progression: progression.name,
        bars: progressionBars(progression, tonic, length),
        rndSeed: 1 + rng.int(2 ** 30),
        ...(aria ? { aria } : {}),
        ...(fill ? { fill } : {}),
        ...(ending ? { ending } : {}),
        ...(variation ? { variation } : {}),
      });
    }
  }
  return charts;
}

/** The .mma text of a chart. */
export function writeChart(spec: ChartSpec): string {
  const lines = [
    `// Montage music corpus chart ${spec.id}: groove ${spec.groove}, ${noteName(spec.tonic, spec.tonic, spec.mode)} ${spec.mode}, ${spec.tempo} BPM, ${spec.progression}.`,
    `RndSeed ${spec.rndSeed}`,
    `Tempo ${spec.tempo}`,
    'TimeSig 4 4',
    `KeySig ${noteName(spec.tonic, spec.tonic, spec.mode)} ${spec.mode}`,
    `Groove ${spec.groove}`,
  ];
  if (spec.aria) {
    const a = spec.aria;
    lines.push(
      'Begin Aria',
      `  Voice ${a.voice}`,
      `  Octave ${a.octave}`,
      '  Range 1.5',
      '  Articulate 90',
      `  ScaleType ${a.scaleType}`,
      `  Direction ${a.direction}`,
      `  Sequence ${a.sequence}`,
      '  SeqRnd On',
      ...(a.rskip > 0 ? [`  Rskip ${a.rskip}`] : []),
      'End',
    );
  }
  lines.push(...chartBody(spec));
  return lines.join('\n') + '\n';
}

/** The groove of each bar: the main groove (its variation in the second half), fills every 4th bar, the ending last. */
export function barGrooves(spec: Pick<ChartSpec, 'bars' | 'groove' | 'fill' | 'ending' | 'variation'>): string[] {
  const last = spec.bars.length - 1;
  const half = Math.ceil(spec.bars.length / 2);
  return spec.bars.map((_, i) => {
    if (i === last && spec.ending) return spec.ending;
    if (i % 4 === 3 && i !== last && spec.fill) return spec.fill;
    return spec.variation && i >= half ? spec.variation : spec.groove;
  });
}

function chartBody(spec: ChartSpec): string[] {
  const lines: string[] = [];
  const grooves = barGrooves(spec);
  spec.bars.forEach((chords, i) => {
    if (i > 0 && grooves[i] !== grooves[i - 1]) lines.push(`Groove ${grooves[i]}`);
    const body = chords.length === 1 ? (chords[0] as string) : chords.length === 2 ? `${chords[0]} / ${chords[1]} /` : chords.join(' ');
    lines.push(`${i + 1} ${body}`);
  });
  return lines;
}
