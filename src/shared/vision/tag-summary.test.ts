import { describe, expect, it } from 'vitest';
import { topTagLabels, topTags } from './tag-summary';

describe('topTags', () => {
  it('keeps the best tag of each label, best first, at most n', () => {
    const tags = [
      { label: 'person', score: 0.4 },
      { label: 'dog', score: 0.5 },
      { label: 'Person', score: 0.9 },
      { label: 'kite', score: 0.3 },
    ];
    expect(topTags(tags, 2)).toEqual([
      { label: 'Person', score: 0.9 },
      { label: 'dog', score: 0.5 },
    ]);
    expect(topTagLabels(tags, 5)).toEqual(['Person', 'dog', 'kite']);
    expect(topTags([], 3)).toEqual([]);
  });
});
