// Evaluation of a generated set against a reference set (e.g. held-out examples of the corpus):
// the per-example metrics of metrics.ts averaged over each set, the pooled histograms of each set,
// and how close the generated histograms are to the reference ones (overlap area, KL divergence).
// Melody sets get the pitch figures (entropy, range, UPC, QN, in-scale rate with a key); drum sets
// get DP and the drum-class histogram instead; both get density, inter-onset intervals and EB.
import type { ScaleMode } from '../scales';
import { encodeCorpusFile } from '../corpus/corpus-file';
import { klDivergence, normalise, overlapArea, sharedHistograms } from './distributions';
import { drumStepNotes } from './drums';
import { stepsPerBar, type StepNote } from './grid';
import { defaultMelodyRange, melodyStepNotes, type MelodyRange } from './melody';
import {
  bestKeyInScaleRate,
  drumClassCounts,
  drumPatternRate,
  emptyBarRate,
  inScaleRate,
  ioiCounts,
  meanIoi,
  noteDensity,
  pitchClassCounts,
  pitchClassEntropy,
  pitchRange,
  qualifiedNoteRate,
  usedPitchClassesPerBar,
} from './metrics';

export interface EvaluateOptions {
  kind: 'melody' | 'drums';
  /** The melody vocabulary the tokens use (default MIDI 48…83). */
  range?: MelodyRange;
  /** For the in-scale rate of melodies; without it the figure is left out. */
  key?: { tonic: number; mode: ScaleMode };
  /** Last bin of the inter-onset-interval histogram (default 32 steps, two bars). */
  maxIoiSteps?: number;
  /** Additive smoothing of the KL divergence (default 1e-6). */
  smoothing?: number;
}

/** Averages over a set's examples (leaving out examples where a figure is undefined; NaN when none has it) and its pooled histograms. */
export interface SetFigures {
  examples: number;
  noteDensity: number;
  meanIoi: number;
  emptyBarRate: number;
  /** Pooled over the set; index = interval in steps. */
  ioiHistogram: Float64Array;
  // Melodies only:
  pitchClassEntropy?: number;
  pitchRange?: number;
  usedPitchClasses?: number;
  qualifiedNoteRate?: number;
  /** Only with options.key. */
  inScaleRate?: number;
  /** Pooled over the set; index = pitch class (0 = C). */
  pitchClassHistogram?: Float64Array;
  // Drums only:
  drumPatternRate?: number;
  /** Pooled over the set; index = drum class (kick … ride). */
  drumClassHistogram?: Float64Array;
}

export interface HistogramComparison {
  /** Overlap area of the normalised histograms, 0…1 (1: the same distribution). */
  overlap: number;
  /** KL(reference ‖ generated) in bits, smoothed (0: the same distribution). */
  kl: number;
}

export interface SetEvaluation {
  kind: 'melody' | 'drums';
  generated: SetFigures;
  reference: SetFigures;
  ioi: HistogramComparison;
  /** Melodies only. */
  pitchClass?: HistogramComparison;
  /** Drums only. */
  drumClass?: HistogramComparison;
}

function meanDefined(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

function addInto(total: Float64Array, counts: Float64Array): void {
  for (let i = 0; i < total.length; i++) total[i] = (total[i] as number) + (counts[i] as number);
}

/** The figures of one set of token arrays (melody tokens or drum bitmasks, whole bars of 16 steps). */
export function evaluateExamples(examples: readonly ArrayLike<number>[], options: EvaluateOptions): SetFigures {
  const melody = options.kind === 'melody';
  const range = options.range ?? defaultMelodyRange;
  const maxIoi = options.maxIoiSteps ?? 32;
  const rows: { notes: StepNote[]; bars: number }[] = examples.map((tokens, i) => {
    const bars = tokens.length / stepsPerBar;
    if (!Number.isInteger(bars) || bars < 1) throw new RangeError(`Example ${i} has ${tokens.length} steps, not a whole number of bars.`);
    return { notes: melody ? melodyStepNotes(tokens, range) : drumStepNotes(tokens), bars };
  });
  const per = (f: (notes: StepNote[], bars: number) => number): number => meanDefined(rows.map((r) => f(r.notes, r.bars)));
  const ioiTotal = new Float64Array(maxIoi + 1);
  for (const r of rows) addInto(ioiTotal, ioiCounts(r.notes, maxIoi));
  const figures: SetFigures = {
    examples: rows.length,
    noteDensity: per(noteDensity),
    meanIoi: per(meanIoi),
    emptyBarRate: per(emptyBarRate),
    ioiHistogram: normalise(ioiTotal),
  };
  if (melody) {
    const pcTotal = new Float64Array(12);
    for (const r of rows) addInto(pcTotal, pitchClassCounts(r.notes));
    figures.pitchClassEntropy = per(pitchClassEntropy);
    figures.pitchRange = per(pitchRange);
    figures.usedPitchClasses = per(usedPitchClassesPerBar);
    figures.qualifiedNoteRate = per((notes) => qualifiedNoteRate(notes));
    const key = options.key;
    if (key) figures.inScaleRate = per((notes) => inScaleRate(notes, key.tonic, key.mode));
    figures.pitchClassHistogram = normalise(pcTotal);
  } else {
    const drumTotal = new Float64Array(9);
    for (const r of rows) addInto(drumTotal, drumClassCounts(r.notes));
    figures.drumPatternRate = per((notes) => drumPatternRate(notes, 4));
    figures.drumClassHistogram = normalise(drumTotal);
  }
  return figures;
}

function compare(reference: Float64Array, generated: Float64Array, smoothing: number): HistogramComparison {
  return { overlap: overlapArea(generated, reference), kl: klDivergence(reference, generated, smoothing) };
}

/** All figures of a generated and a reference set, and how close their histograms are. */
export function evaluateSet(generated: readonly ArrayLike<number>[], reference: readonly ArrayLike<number>[], options: EvaluateOptions): SetEvaluation {
  const smoothing = options.smoothing ?? 1e-6;
  const gen = evaluateExamples(generated, options);
  const ref = evaluateExamples(reference, options);
  const result: SetEvaluation = { kind: options.kind, generated: gen, reference: ref, ioi: compare(ref.ioiHistogram, gen.ioiHistogram, smoothing) };
  if (gen.pitchClassHistogram && ref.pitchClassHistogram) result.pitchClass = compare(ref.pitchClassHistogram, gen.pitchClassHistogram, smoothing);
  if (gen.drumClassHistogram && ref.drumClassHistogram) result.drumClass = compare(ref.drumClassHistogram, gen.drumClassHistogram, smoothing);
  return result;
}

// --- Figure by figure: the table `montage eval music` prints -------------------------------------

/** One example as step notes (sixteenths from 0) and its length in bars. */
export interface NoteExample {
  notes: StepNote[];
  bars: number;
}

/** Token arrays (melody tokens or drum bitmasks, whole bars) as note examples. */
export function noteExamplesOfTokens(examples: readonly ArrayLike<number>[], kind: 'melody' | 'drums', range: MelodyRange = defaultMelodyRange): NoteExample[] {
  return examples.map((tokens, i) => {
    const bars = tokens.length / stepsPerBar;
    if (!Number.isInteger(bars) || bars < 1) throw new RangeError(`Example ${i} has ${tokens.length} steps, not a whole number of bars.`);
    return { notes: kind === 'melody' ? melodyStepNotes(tokens, range) : drumStepNotes(tokens), bars };
  });
}

/** A scalar figure of both sets: the means, and how alike its per-example distributions are. */
export interface FigureComparison {
  name: string;
  label: string;
  /** Mean over the examples where it is defined; NaN when none is. */
  generated: number;
  reference: number;
  /** Overlap area of the two distributions of per-example values (shared bins), 0…1. */
  overlap: number;
  /** KL(reference ‖ generated) of those distributions in bits (smoothed). */
  kl: number;
}

/** A pooled histogram of both sets and how alike they are. */
export interface HistogramFigure {
  name: string;
  label: string;
  generated: Float64Array;
  reference: Float64Array;
  overlap: number;
  kl: number;
}

export interface SetComparison {
  kind: 'melody' | 'drums';
  generatedExamples: number;
  referenceExamples: number;
  figures: FigureComparison[];
  histograms: HistogramFigure[];
}

interface FigureDef {
  name: string;
  label: string;
  of: (e: NoteExample) => number;
}

const melodyFigures: readonly FigureDef[] = [
  { name: 'pitchClassEntropy', label: 'pitch-class entropy (bits)', of: (e) => pitchClassEntropy(e.notes) },
  { name: 'pitchRange', label: 'pitch range (semitones)', of: (e) => pitchRange(e.notes) },
  { name: 'usedPitchClasses', label: 'used pitch classes per bar (UPC)', of: (e) => usedPitchClassesPerBar(e.notes) },
  { name: 'noteDensity', label: 'note density (notes/bar)', of: (e) => noteDensity(e.notes, e.bars) },
  { name: 'meanIoi', label: 'mean inter-onset interval (steps)', of: (e) => meanIoi(e.notes) },
  { name: 'emptyBarRate', label: 'empty-bar rate (EB)', of: (e) => emptyBarRate(e.notes, e.bars) },
  { name: 'qualifiedNoteRate', label: 'qualified-note rate (QN, ≥3 steps)', of: (e) => qualifiedNoteRate(e.notes) },
  { name: 'inScaleRate', label: 'in-scale rate (best major/minor key)', of: (e) => bestKeyInScaleRate(e.notes) },
];

const drumFigures: readonly FigureDef[] = [
  { name: 'noteDensity', label: 'hit density (hits/bar)', of: (e) => noteDensity(e.notes, e.bars) },
  { name: 'meanIoi', label: 'mean inter-onset interval (steps)', of: (e) => meanIoi(e.notes) },
  { name: 'emptyBarRate', label: 'empty-bar rate (EB)', of: (e) => emptyBarRate(e.notes, e.bars) },
  // Step notes are on the sixteenth grid: ppq 4 (one step a sixteenth).
  { name: 'drumPatternRate', label: 'drum-pattern rate (DP)', of: (e) => drumPatternRate(e.notes, 4) },
];

/** The names of the scalar figures of a kind, in table order. */
export function figureNames(kind: 'melody' | 'drums'): string[] {
  return (kind === 'melody' ? melodyFigures : drumFigures).map((f) => f.name);
}

/**
 * Every figure of a generated and a reference set: per scalar figure the two means and the overlap
 * and KL of its per-example distributions; per pooled histogram (inter-onset intervals, and pitch
 * classes of melodies or drum classes of drums) the two histograms, their overlap and KL.
 */
export function compareNoteSets(
  generated: readonly NoteExample[],
  reference: readonly NoteExample[],
  options: { kind: 'melody' | 'drums'; maxIoiSteps?: number; smoothing?: number; bins?: number },
): SetComparison {
  const smoothing = options.smoothing ?? 1e-6;
  const maxIoi = options.maxIoiSteps ?? 32;
  const defs = options.kind === 'melody' ? melodyFigures : drumFigures;
  const figures = defs.map((def): FigureComparison => {
    const g = generated.map(def.of);
    const r = reference.map(def.of);
    const h = sharedHistograms(g, r, options.bins ?? 20);
    return { name: def.name, label: def.label, generated: meanDefined(g), reference: meanDefined(r), overlap: overlapArea(h.a, h.b), kl: klDivergence(h.b, h.a, smoothing) };
  });
  const pooled = (set: readonly NoteExample[], size: number, counts: (notes: StepNote[]) => Float64Array): Float64Array => {
    const total = new Float64Array(size);
    for (const e of set) addInto(total, counts(e.notes));
    return normalise(total);
  };
  const histogram = (name: string, label: string, size: number, counts: (notes: StepNote[]) => Float64Array): HistogramFigure => {
    const g = pooled(generated, size, counts);
    const r = pooled(reference, size, counts);
    return { name, label, generated: g, reference: r, overlap: overlapArea(g, r), kl: klDivergence(r, g, smoothing) };
  };
  const histograms =
    options.kind === 'melody'
      ? [histogram('pitchClass', 'pitch-class histogram', 12, pitchClassCounts)]
      : [histogram('drumClass', 'drum-class histogram', 9, drumClassCounts)];
  histograms.push(histogram('ioi', 'inter-onset-interval histogram', maxIoi + 1, (notes) => ioiCounts(notes, maxIoi)));
  return { kind: options.kind, generatedExamples: generated.length, referenceExamples: reference.length, figures, histograms };
}

// --- The held-out sample a model folder keeps -----------------------------------------------------

/** The file in a model folder holding a sample of its held-out examples (a corpus file, corpus-file.ts). */
export const heldOutFileName = 'heldout.bin';
/** Examples it keeps at most (the held-out split is shuffled, so the first ones are a fair sample). */
export const maxHeldOutExamples = 500;

/**
 * The bytes of a model folder's heldout.bin: the first `maxHeldOutExamples` of `tokens` (whole
 * examples of `steps` values, one after another) as a corpus file of the model's kind.
 */
export function heldOutFileBytes(
  tokens: ArrayLike<number>,
  options: { kind: 'melody' | 'drums'; steps: number; vocabulary: number; seed: number; range?: MelodyRange; of?: string },
): Uint8Array {
  const { kind, steps } = options;
  const count = Math.min(maxHeldOutExamples, Math.floor(tokens.length / steps));
  const examples: (Int32Array | Uint16Array)[] = [];
  for (let i = 0; i < count; i++) {
    const values = Array.from({ length: steps }, (_, s) => tokens[i * steps + s] as number);
    examples.push(kind === 'melody' ? Int32Array.from(values) : Uint16Array.from(values));
  }
  const range = options.range ?? defaultMelodyRange;
  const noun = kind === 'melody' ? 'melodies' : 'drum patterns';
  return encodeCorpusFile(
    {
      kind,
      bars: steps / stepsPerBar,
      vocabulary: kind === 'melody' ? { size: options.vocabulary, minPitch: range.minPitch, maxPitch: range.maxPitch } : { size: options.vocabulary },
      seed: options.seed,
      summary: `${count} held-out ${noun}${options.of ? ` of ${options.of}` : ''} (not trained on)`,
      sources: {},
      meta: { heldOut: true },
    },
    examples,
  );
}
