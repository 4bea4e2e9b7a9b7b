import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { chooseK, leaveOneOut, nestedLeaveOneOut } from './leave-one-out';
import { clusteredEmbeddings } from './testing/clusters';

describe('leave-one-out accuracy', () => {
  const labels = ['beach', 'forest', 'city', 'night'];

  it('is 100 % on well separated clusters for every k', () => {
    const examples = clusteredEmbeddings({ labels, perLabel: 10, dims: 32, spread: 0.2, seed: 3 });
    const results = leaveOneOut(examples, [1, 3, 5]);
    expect(results.map((r) => [r.k, r.accuracy, r.total])).toEqual([
      [1, 1, 40],
      [3, 1, 40],
      [5, 1, 40],
    ]);
    expect(results[0]!.perLabel).toEqual(labels.map((label) => ({ label, correct: 10, total: 10 })).sort((a, b) => a.label.localeCompare(b.label)));
    expect(results[0]!.confusions).toEqual([]);
  });

  it('falls as clusters overlap, and is near chance for random labels', () => {
    const tight = leaveOneOut(clusteredEmbeddings({ labels, perLabel: 20, dims: 32, spread: 0.4, seed: 4 }), [5])[0]!;
    const loose = leaveOneOut(clusteredEmbeddings({ labels, perLabel: 20, dims: 32, spread: 1.5, seed: 4 }), [5])[0]!;
    expect(tight.accuracy).toBeGreaterThan(0.95);
    expect(loose.accuracy).toBeLessThan(tight.accuracy);
    const rng = createRng(9);
    const random = Array.from({ length: 200 }, (_, i) => ({ label: labels[i % 4]!, vector: Float32Array.from({ length: 32 }, () => rng.next() - 0.5) }));
    const chance = leaveOneOut(random, [5])[0]!;
    expect(chance.accuracy).toBeGreaterThan(0.1);
    expect(chance.accuracy).toBeLessThan(0.4);
    expect(chance.confusions.reduce((a, c) => a + c.count, 0)).toBe(chance.total - chance.correct);
  });

  it('chooses k by leave-one-out accuracy, the larger on a tie, within n - 1', () => {
    const tight = clusteredEmbeddings({ labels, perLabel: 7, dims: 8, spread: 0.2, seed: 5 });
    expect(chooseK(tight)).toBe(7);
    expect(chooseK(tight.slice(0, 4))).toBe(3);
    expect(chooseK(tight.slice(0, 1))).toBe(1);
    // Overlapping clusters: whichever k is best under leave-one-out (the larger on a tie) is chosen.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const noisy = clusteredEmbeddings({ labels, perLabel: 10, dims: 16, spread: 1.2, seed });
      const results = leaveOneOut(noisy);
      const most = Math.max(...results.map((r) => r.correct));
      expect(chooseK(noisy)).toBe(Math.max(...results.filter((r) => r.correct === most).map((r) => r.k)));
    }
  });

  it('estimates choose-then-classify honestly, no better than the best k', () => {
    const examples = clusteredEmbeddings({ labels, perLabel: 12, dims: 16, spread: 1, seed: 6 });
    const nested = nestedLeaveOneOut(examples);
    const best = Math.max(...leaveOneOut(examples).map((r) => r.accuracy));
    expect(nested.total).toBe(48);
    expect(nested.accuracy).toBeLessThanOrEqual(best);
    expect(nested.accuracy).toBeGreaterThan(0.25);
    expect(Object.values(nested.chosen).reduce((a, b) => a + b, 0)).toBe(48);
  });

  it('needs two examples', () => {
    const examples = clusteredEmbeddings({ labels, perLabel: 1, dims: 8, spread: 0.2, seed: 5 });
    expect(leaveOneOut(examples.slice(0, 1))[0]).toMatchObject({ accuracy: 0, total: 0 });
  });
});
