// Evaluation of a generated set against a reference set (e.g. held-out examples of the corpus):
// the per-example metrics of metrics.ts averaged over each set, the pooled histograms of each set,
// and how close the generated histograms are to the reference ones (overlap area, KL divergence).
// Melody sets get the pitch figures (entropy, range, UPC, QN, in-scale rate with a key); drum sets
// get DP and the drum-class histogram instead; both get density, inter-onset intervals and EB.
import type { ScaleMode } from '../scales';
import { klDivergence, normalise, overlapArea } from './distributions';
import { drumStepNotes } from './drums';
import { stepsPerBar, type StepNote } from './grid';
import { defaultMelodyRange, melodyStepNotes, type MelodyRange } from './melody';
import {
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
