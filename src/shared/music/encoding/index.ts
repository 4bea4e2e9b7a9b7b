// The public surface of src/shared/music/encoding: where songs become model data and back. The
// step grid (grid.ts), the melody tokens (melody.ts) and drum bitmasks (drums.ts), the extraction
// pipeline over songs (extract.ts, bars.ts) and its summary line (corpus-summary.ts), and the
// evaluation metrics (metrics.ts, distributions.ts, evaluate-set.ts). Pure TypeScript, no tfjs.
export { pitchName, stepAt, stepsPerBar, stepsPerQuarter, stepTicks, tickAt, type StepNote, type TimedNote } from './grid';
export {
  decodeMelody,
  defaultMelodyRange,
  encodeMelody,
  firstNoteOnToken,
  melodyLine,
  melodyStepNotes,
  melodyVocabularySize,
  MelodyRejection,
  noEventToken,
  noteOffToken,
  noteOnToken,
  tokenPitch,
  tryEncodeMelody,
  type MelodyDecodeOptions,
  type MelodyEncodeOptions,
  type MelodyEncoding,
  type MelodyRange,
} from './melody';
export {
  canonicalDrumPitches,
  decodeDrums,
  drumClassCount,
  drumClasses,
  drumClassOf,
  drumCombinationCount,
  drumHitCount,
  drumStepNotes,
  encodeDrums,
  type DrumClass,
  type DrumDecodeOptions,
} from './drums';
export { extractExamples, type ExampleKind, type ExampleSource, type ExtractedExamples, type ExtractOptions, type SkipCount } from './extract';
export { summariseCorpus } from './corpus-summary';
export {
  drumClassHistogram,
  drumPatternRate,
  emptyBarRate,
  inScaleRate,
  interOnsetIntervals,
  ioiHistogram,
  meanIoi,
  noteDensity,
  pitchClassEntropy,
  pitchClassHistogram,
  pitchRange,
  qualifiedNoteRate,
  stepNotesOf,
  usedPitchClassesPerBar,
} from './metrics';
export { entropyBits, klDivergence, normalise, overlapArea } from './distributions';
export { evaluateExamples, evaluateSet, type EvaluateOptions, type HistogramComparison, type SetEvaluation, type SetFigures } from './evaluate-set';
