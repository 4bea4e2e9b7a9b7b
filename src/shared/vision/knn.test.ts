import { describe, expect, it } from 'vitest';
import { KnnClassifier } from './knn';
import { vote } from './neighbours';
import { clusteredEmbeddings } from './testing/clusters';

describe('k-NN custom categories', () => {
  it('classifies new points of well separated clusters correctly', () => {
    const labels = ['beach', 'forest', 'city'];
    const all = clusteredEmbeddings({ labels, perLabel: 36, dims: 64, spread: 0.3, seed: 1 });
    // The first 12 of each category to learn from, the other 24 to classify.
    const train = all.filter((_, i) => i % 36 < 12);
    const test = all.filter((_, i) => i % 36 >= 12);
    const knn = new KnnClassifier(train);
    // Every k is right on tight clusters: the largest is chosen.
    expect(knn.k).toBe(7);
    expect(new KnnClassifier(train, { k: 3 }).k).toBe(3);
    const right = test.filter((e) => knn.classify(e.vector).label === e.label).length;
    expect(right / test.length).toBe(1);
    const p = knn.classify(test[0]!.vector);
    expect(p.confidence).toBeGreaterThan(0.9);
    expect(p.votes[0]).toMatchObject({ label: 'beach', neighbours: 7 });
  });

  it('weights votes by similarity and groups labels by key', () => {
    const p = vote([
      { label: 'Beach', similarity: 0.9 },
      { label: 'forest', similarity: 0.5 },
      { label: 'forest', similarity: 0.45 },
      { label: 'beach ', similarity: 0.2 },
    ]);
    expect(p.label).toBe('Beach');
    expect(p.votes).toEqual([
      { label: 'Beach', weight: expect.closeTo(1.1, 6), neighbours: 2 },
      { label: 'forest', weight: expect.closeTo(0.95, 6), neighbours: 2 },
    ]);
    expect(p.confidence).toBeCloseTo(1.1 / 2.05, 6);
    expect(p.nearest).toBeCloseTo(0.9, 6);
    expect(vote([]).label).toBe('');
  });

  it('refuses an embedding of another length', () => {
    const knn = new KnnClassifier([{ label: 'a', vector: new Float32Array(4).fill(1) }]);
    expect(() => knn.classify(new Float32Array(3))).toThrow(/dimensions/);
  });
});
