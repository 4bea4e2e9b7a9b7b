import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { cosineSimilarity } from './cosine';
import { buildEmbeddingIndex, findSimilar } from './find-similar';

const rng = createRng(5);
const random = (dims: number): Float32Array => Float32Array.from({ length: dims }, () => rng.next() * 2 - 1);

describe('find similar', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ id: `img-${i}`, vector: random(1280) }));
  const index = buildEmbeddingIndex(items);

  it('returns the same top k as sorting every cosine similarity (1,000 random 1,280-d vectors)', () => {
    for (let q = 0; q < 5; q++) {
      const query = random(1280);
      const expected = items
        .map((it) => ({ id: it.id, score: cosineSimilarity(query, it.vector) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const found = findSimilar(index, query, { k: 10 });
      expect(found.map((f) => f.id)).toEqual(expected.map((e) => e.id));
      found.forEach((f, i) => expect(f.score).toBeCloseTo(expected[i]!.score, 5));
    }
  });

  it('finds an image first by itself, and leaves it out when asked', () => {
    const query = items[42]!.vector;
    expect(findSimilar(index, query, { k: 1 })[0]).toEqual({ id: 'img-42', score: expect.closeTo(1, 5) });
    expect(findSimilar(index, query, { k: 3, exclude: 'img-42' }).map((f) => f.id)).not.toContain('img-42');
  });

  it('honours k, minScore and tiny indexes, scale-free', () => {
    const small = buildEmbeddingIndex([
      { id: 'a', vector: Float32Array.of(1, 0) },
      { id: 'b', vector: Float32Array.of(10, 10) },
      { id: 'c', vector: Float32Array.of(0, -3) },
    ]);
    expect(findSimilar(small, Float32Array.of(2, 0), { k: 10 }).map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect(findSimilar(small, Float32Array.of(2, 0), { k: 10, minScore: 0.5 }).map((f) => f.id)).toEqual(['a', 'b']);
    expect(findSimilar(small, Float32Array.of(2, 0), { k: 0 })).toEqual([]);
    expect(findSimilar(buildEmbeddingIndex([]), Float32Array.of(1, 2))).toEqual([]);
  });

  it('keeps ties in index order', () => {
    const ties = buildEmbeddingIndex(['x', 'y', 'z'].map((id) => ({ id, vector: Float32Array.of(1, 1) })));
    expect(findSimilar(ties, Float32Array.of(1, 1), { k: 2 }).map((f) => f.id)).toEqual(['x', 'y']);
  });

  it('refuses vectors of another length', () => {
    expect(() => buildEmbeddingIndex([{ id: 'a', vector: new Float32Array(3) }, { id: 'b', vector: new Float32Array(4) }])).toThrow(/dimensions/);
    expect(() => findSimilar(index, new Float32Array(3))).toThrow(/dimensions/);
  });
});
