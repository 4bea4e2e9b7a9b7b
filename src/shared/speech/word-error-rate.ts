// Word error rate, the standard measure of a transcription against what was said: the fewest word
// substitutions, deletions and insertions that turn the reference into the hypothesis (Levenshtein
// over words), divided by the number of reference words. Both sides are normalised first, so that
// case and punctuation are not counted as errors. Written here because it is a few lines of
// dynamic programming and `montage eval speech` needs the S/D/I breakdown, which the small npm
// packages for it do not give.

export interface WordErrors {
  /** (substitutions + deletions + insertions) / referenceWords; with an empty reference, the number of inserted words. */
  wer: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  referenceWords: number;
}

/**
 * The words of `text` as compared: lower case, punctuation dropped (apostrophes inside a word kept:
 * "don't"; hyphens split: "cold-hearted" is two words), split on white space.
 */
export function normaliseWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The errors of `hypothesis` against `reference` (texts, or words already normalised). */
export function wordErrorRate(reference: string | readonly string[], hypothesis: string | readonly string[]): WordErrors {
  const ref = typeof reference === 'string' ? normaliseWords(reference) : reference;
  const hyp = typeof hypothesis === 'string' ? normaliseWords(hypothesis) : hypothesis;
  const n = ref.length;
  const m = hyp.length;
  // cost[i][j]: edits turning ref[0..i) into hyp[0..j); one row per reference word.
  const cost: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const row = new Array<number>(m + 1);
    row[0] = i;
    cost.push(row);
  }
  const row0 = cost[0] as number[];
  for (let j = 0; j <= m; j++) row0[j] = j;
  for (let i = 1; i <= n; i++) {
    const row = cost[i] as number[];
    const above = cost[i - 1] as number[];
    for (let j = 1; j <= m; j++) {
      const same = ref[i - 1] === hyp[j - 1];
      row[j] = Math.min((above[j - 1] as number) + (same ? 0 : 1), (above[j] as number) + 1, (row[j - 1] as number) + 1);
    }
  }
  // Walk back along one cheapest path, preferring a match or substitution, then a deletion.
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let i = n;
  let j = m;
  const at = (a: number, b: number): number => (cost[a] as number[])[b] as number;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && at(i, j) === at(i - 1, j - 1) + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
      if (ref[i - 1] !== hyp[j - 1]) substitutions++;
      i--;
      j--;
    } else if (i > 0 && at(i, j) === at(i - 1, j) + 1) {
      deletions++;
      i--;
    } else {
      insertions++;
      j--;
    }
  }
  const errors = substitutions + deletions + insertions;
  return { wer: n > 0 ? errors / n : errors, substitutions, deletions, insertions, referenceWords: n };
}

/** The errors of several transcriptions together: all errors over all reference words (not a mean of rates). */
export function combineWordErrors(parts: readonly WordErrors[]): WordErrors {
  const sum = (key: 'substitutions' | 'deletions' | 'insertions' | 'referenceWords'): number => parts.reduce((s, p) => s + p[key], 0);
  const substitutions = sum('substitutions');
  const deletions = sum('deletions');
  const insertions = sum('insertions');
  const referenceWords = sum('referenceWords');
  const errors = substitutions + deletions + insertions;
  return { wer: referenceWords > 0 ? errors / referenceWords : errors, substitutions, deletions, insertions, referenceWords };
}
