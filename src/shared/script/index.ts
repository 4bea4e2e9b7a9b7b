// The public surface of src/shared/script: the screenplay model, its edits, reports, and reading
// and writing Fountain. Other modules of this folder (FDX, decoding, the report builder,
// pagination) add their exports here as they land.
export * from './script';
export * from './script-ops';
export type * from './report';
export { parseFountain, normalizeNewlines, type ParsedScript, type FountainProblem } from './fountain-parse';
export { createIncrementalParser, type IncrementalParser } from './fountain-incremental';
export { writeFountain } from './fountain-write';
export { parseInline, stripAsides, type InlineRun } from './inline';
export { headingParts, characterKey, scenesOf, outlineOf, type HeadingParts, type SceneInfo, type OutlineItem } from './scenes';
