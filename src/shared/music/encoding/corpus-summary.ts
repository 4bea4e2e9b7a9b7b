// One line about an extracted corpus for the UI and the CLI:
// "found 312 two-bar melodies in 14 tracks; skipped 40 (28 silent, 12 in 3/4)".
import type { ExtractedExamples } from './extract';

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen'];

const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

/** The summary line of an extraction (skipped reasons most frequent first, as `skipped` lists them). */
export function summariseCorpus(corpus: Pick<ExtractedExamples<Int32Array | Uint16Array>, 'kind' | 'bars' | 'examples' | 'skipped' | 'tracks'>): string {
  const n = corpus.examples.length;
  const length = `${numberWords[corpus.bars] ?? corpus.bars}-bar`;
  const noun = corpus.kind === 'melody' ? plural(n, 'melody', 'melodies') : plural(n, 'drum pattern', 'drum patterns');
  let line = n === 0 ? `found no ${length} ${noun}` : `found ${n} ${length} ${noun} in ${corpus.tracks} ${plural(corpus.tracks, 'track', 'tracks')}`;
  const total = corpus.skipped.reduce((sum, s) => sum + s.count, 0);
  if (total > 0) line += `; skipped ${total} (${corpus.skipped.map((s) => `${s.count} ${s.label}`).join(', ')})`;
  return line;
}
