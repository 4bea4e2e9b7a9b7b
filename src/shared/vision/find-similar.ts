// "Find similar": the stored images whose embeddings are nearest a query's, by cosine similarity.
// The index keeps every vector L2-normalised in one Float32Array (n × dims, row-major), so a query
// is one pass of dot products with a bounded top-k list: ~1.3 M multiply-adds for 1,000 images
// of 1,280 dimensions (see docs/images.md for the time). A flat scan is exact and fast enough up
// to tens of thousands of images; past that an approximate index would be the next step.
import { l2Normalize } from './cosine';
import type { StoredEmbedding } from './types';

export interface EmbeddingIndex {
  readonly ids: readonly string[];
  readonly dims: number;
  /** ids.length × dims, each row L2-normalised. */
  readonly vectors: Float32Array;
}

export interface SimilarImage {
  id: string;
  /** Cosine similarity to the query, in [-1, 1]. */
  score: number;
}

export interface FindSimilarOptions {
  /** How many to return at most (default 10). */
  k?: number;
  /** An id to leave out (usually the query image itself). */
  exclude?: string;
  /** Leave out images less similar than this. */
  minScore?: number;
}

/** Builds an index; every vector must have the same length. */
export function buildEmbeddingIndex(items: readonly StoredEmbedding[]): EmbeddingIndex {
  const dims = items[0]?.vector.length ?? 0;
  const vectors = new Float32Array(items.length * dims);
  items.forEach((item, i) => {
    if (item.vector.length !== dims) throw new RangeError(`Embedding "${item.id}" has ${item.vector.length} dimensions; the others have ${dims}.`);
    vectors.set(l2Normalize(item.vector), i * dims);
  });
  return { ids: items.map((i) => i.id), dims, vectors };
}

/** The k stored images most similar to the query, most similar first (ties: index order). */
export function findSimilar(index: EmbeddingIndex, query: Float32Array, options: FindSimilarOptions = {}): SimilarImage[] {
  const { dims, vectors, ids } = index;
  if (ids.length > 0 && query.length !== dims) throw new RangeError(`The query has ${query.length} dimensions; the index has ${dims}.`);
  const k = Math.max(0, Math.floor(options.k ?? 10));
  if (k === 0) return [];
  const q = l2Normalize(query);
  const minScore = options.minScore ?? -Infinity;
  // The best k so far, worst first: a candidate enters only if it beats the worst.
  const scores: number[] = [];
  const rows: number[] = [];
  for (let row = 0; row < ids.length; row++) {
    if (options.exclude !== undefined && ids[row] === options.exclude) continue;
    let s = 0;
    const base = row * dims;
    for (let i = 0; i < dims; i++) s += q[i]! * vectors[base + i]!;
    if (s < minScore || (scores.length === k && s <= scores[0]!)) continue;
    let at = 0;
    while (at < scores.length && scores[at]! < s) at++;
    scores.splice(at, 0, s);
    rows.splice(at, 0, row);
    if (scores.length > k) {
      scores.shift();
      rows.shift();
    }
  }
  const out: SimilarImage[] = [];
  for (let i = scores.length - 1; i >= 0; i--) out.push({ id: ids[rows[i]!]!, score: scores[i]! });
  return out;
}
