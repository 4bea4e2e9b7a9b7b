// The pure parts of the music models' training corpus (scripts/music-corpus/build-corpus.ts runs
// the tools and writes the files): MMA chord charts, the permitted ABC tunes and their splitting,
// seeded synthetic melodies, the cross-song example gatherer and the corpus file format.
export { barGrooves, chordName, grooveNames, noteName, planCharts, progressionBars, progressions, writeChart, type AriaSpec, type ChartMode, type ChartPlanOptions, type ChartSpec, type Progression } from './chord-charts';
export { permittedAbcTunes, splitAbcTunes, type AbcTune, type AbcTuneSource } from './abc-tunes';
export { melodyModes, melodyStyles, syntheticMelody, type MelodyMode, type MelodyStyle, type SyntheticMelody } from './synthetic-melodies';
export { CorpusBuilder } from './corpus-builder';
export { corpusFormatVersion, corpusMagic, decodeCorpusFile, encodeCorpusFile, type CorpusFile, type CorpusHeader, type CorpusSourceSummary } from './corpus-file';
