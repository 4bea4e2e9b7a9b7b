// The two steps of nearest-neighbour classification that knn.ts and leave-one-out.ts share:
// finding the k most similar rows to a query (cosine similarity of L2-normalised vectors, so a
// dot product), and a vote among them weighted by similarity.
import { labelKey } from './labels';

export interface CategoryVote {
  label: string;
  /** Summed similarity of this category's neighbours among the k. */
  weight: number;
  neighbours: number;
}

export interface KnnPrediction {
  /** The winning category ('' when there are no examples). */
  label: string;
  /** Winner's weight over the total weight of the k neighbours, in [0, 1]. */
  confidence: number;
  /** Similarity of the nearest example of the winning category. */
  nearest: number;
  votes: CategoryVote[];
}

export interface Neighbour {
  row: number;
  similarity: number;
}

/** The k rows most similar to the query (rows and query unit length), most similar first; ties in row order. */
export function nearestRows(vectors: readonly Float32Array[], query: Float32Array, k: number, skip = -1): Neighbour[] {
  const best: Neighbour[] = [];
  for (let row = 0; row < vectors.length; row++) {
    if (row === skip) continue;
    const v = vectors[row]!;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * query[i]!;
    if (best.length === k && s <= best[best.length - 1]!.similarity) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.similarity < s) at--;
    best.splice(at, 0, { row, similarity: s });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Similarity-weighted vote of the neighbours; labels compared by labelKey, shown as first seen. */
export function vote(neighbours: readonly { label: string; similarity: number }[]): KnnPrediction {
  const byKey = new Map<string, CategoryVote & { nearest: number }>();
  let total = 0;
  for (const n of neighbours) {
    // Negative similarity is no evidence for a category.
    const w = Math.max(0, n.similarity);
    total += w;
    const key = labelKey(n.label);
    const v = byKey.get(key) ?? { label: n.label, weight: 0, neighbours: 0, nearest: -Infinity };
    v.weight += w;
    v.neighbours += 1;
    v.nearest = Math.max(v.nearest, n.similarity);
    byKey.set(key, v);
  }
  const votes = [...byKey.values()].sort((a, b) => b.weight - a.weight || b.nearest - a.nearest);
  const top = votes[0];
  if (!top) return { label: '', confidence: 0, nearest: 0, votes: [] };
  return {
    label: top.label,
    confidence: total > 0 ? top.weight / total : 1 / votes.length,
    nearest: top.nearest,
    votes: votes.map(({ label, weight, neighbours }) => ({ label, weight, neighbours })),
  };
}
