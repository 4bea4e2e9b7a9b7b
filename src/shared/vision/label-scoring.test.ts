import { describe, expect, it } from 'vitest';
import { recallPrecision, scoreLabels } from './label-scoring';

describe('scoring detected labels', () => {
  const tags = [
    { label: 'car', score: 0.55 },
    { label: 'bicycle', score: 0.47 },
    { label: 'dog', score: 0.41 },
    { label: 'parking meter', score: 0.3 },
    { label: 'dog', score: 0.2 },
    { label: 'motorcycle', score: 0.1 },
  ];
  const expected = [['dog'], ['bicycle'], ['truck', 'car']];

  it('counts an expected object found by any of its labels, and labels not in the photo', () => {
    expect(scoreLabels(tags, expected, ['motorcycle'], 0.3)).toEqual({ found: ['car', 'bicycle', 'dog', 'parking meter'], expected: 3, matched: 3, correct: 3, falsePositives: ['parking meter'] });
    expect(scoreLabels(tags, expected, ['motorcycle'], 0.05)).toMatchObject({ correct: 4, falsePositives: ['parking meter'] });
    expect(scoreLabels(tags, expected, [], 0.45)).toMatchObject({ found: ['car', 'bicycle'], matched: 2, falsePositives: [] });
  });

  it('sums recall and precision over photos', () => {
    const a = scoreLabels(tags, expected, [], 0.3);
    const b = scoreLabels([{ label: 'horse', score: 0.6 }], [['horse'], ['person']], [], 0.3);
    expect(recallPrecision([a, b])).toEqual({ recall: 4 / 5, precision: 4 / 5 });
    expect(recallPrecision([scoreLabels([], [['horse']], [], 0.3)])).toEqual({ recall: 0, precision: null });
  });
});
