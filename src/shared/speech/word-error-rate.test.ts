import { describe, expect, it } from 'vitest';
import { combineWordErrors, normaliseWords, wordErrorRate } from './word-error-rate';

describe('normaliseWords', () => {
  it('lower-cases, drops punctuation, keeps inner apostrophes and splits hyphens', () => {
    expect(normaliseWords('Go forward, ten meters!')).toEqual(['go', 'forward', 'ten', 'meters']);
    expect(normaliseWords("  I've been 'up' CLOSE... cold-hearted  ")).toEqual(["i've", 'been', 'up', 'close', 'cold', 'hearted']);
    expect(normaliseWords('“Ten” — of clubs?')).toEqual(['ten', 'of', 'clubs']);
    expect(normaliseWords('')).toEqual([]);
    expect(normaliseWords(' ,.; ')).toEqual([]);
  });
});

describe('wordErrorRate', () => {
  it('is zero for the same words, whatever the case and punctuation', () => {
    expect(wordErrorRate('Go forward ten meters.', 'go forward, TEN meters')).toEqual({ wer: 0, substitutions: 0, deletions: 0, insertions: 0, referenceWords: 4 });
  });

  it('counts one substitution', () => {
    expect(wordErrorRate('go forward ten meters', 'go forward two meters')).toEqual({ wer: 0.25, substitutions: 1, deletions: 0, insertions: 0, referenceWords: 4 });
  });

  it('counts one deletion and one insertion', () => {
    expect(wordErrorRate('go forward ten meters', 'go ten meters')).toEqual({ wer: 0.25, substitutions: 0, deletions: 1, insertions: 0, referenceWords: 4 });
    expect(wordErrorRate('go forward ten meters', 'go forward ten more meters')).toEqual({ wer: 0.25, substitutions: 0, deletions: 0, insertions: 1, referenceWords: 4 });
  });

  it('finds the cheapest alignment, not a word-by-word comparison', () => {
    // Shifted by one word: one deletion at the start and one insertion at the end (2 errors), not 4 substitutions.
    const e = wordErrorRate('a b c d', 'b c d e');
    expect(e.substitutions + e.deletions + e.insertions).toBe(2);
    expect(e).toMatchObject({ deletions: 1, insertions: 1, substitutions: 0, wer: 0.5 });
  });

  it('matches the classic kitten → sitting distance over words', () => {
    // k→s substitution, e→i substitution, g inserted: 3 edits over 6 reference "words".
    const e = wordErrorRate('k i t t e n', 's i t t i n g');
    expect(e).toEqual({ wer: 0.5, substitutions: 2, deletions: 0, insertions: 1, referenceWords: 6 });
  });

  it('scores the recognition of a librivox sentence (two words wrong, one dropped)', () => {
    const e = wordErrorRate('he was not an ill disposed young man', 'he was not an illness those young man');
    expect(e).toEqual({ wer: 0.25, substitutions: 2, deletions: 0, insertions: 0, referenceWords: 8 });
    expect(wordErrorRate('he might even have been made amiable himself', 'he might even have been made the amiable itself')).toEqual({
      wer: 0.25,
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      referenceWords: 8,
    });
  });

  it('can exceed 1 when the hypothesis is much longer', () => {
    expect(wordErrorRate('stop', 'please stop it now')).toEqual({ wer: 3, substitutions: 0, deletions: 0, insertions: 3, referenceWords: 1 });
  });

  it('handles empty sides', () => {
    expect(wordErrorRate('', '')).toEqual({ wer: 0, substitutions: 0, deletions: 0, insertions: 0, referenceWords: 0 });
    expect(wordErrorRate('ten of clubs', '')).toEqual({ wer: 1, substitutions: 0, deletions: 3, insertions: 0, referenceWords: 3 });
    expect(wordErrorRate('', 'noise')).toEqual({ wer: 1, substitutions: 0, deletions: 0, insertions: 1, referenceWords: 0 });
  });

  it('takes words already split', () => {
    expect(wordErrorRate(['ten', 'of', 'clubs'], ['ten', 'clubs']).deletions).toBe(1);
  });
});

describe('combineWordErrors', () => {
  it('pools errors over reference words rather than averaging rates', () => {
    const short = wordErrorRate('stop', 'go'); // 1 error / 1 word
    const long = wordErrorRate('a b c d e f g h i', 'a b c d e f g h i'); // 0 / 9
    expect(combineWordErrors([short, long])).toEqual({ wer: 0.1, substitutions: 1, deletions: 0, insertions: 0, referenceWords: 10 });
    expect(combineWordErrors([])).toEqual({ wer: 0, substitutions: 0, deletions: 0, insertions: 0, referenceWords: 0 });
  });
});
