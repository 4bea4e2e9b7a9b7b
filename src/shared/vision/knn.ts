// Custom categories by nearest neighbours: an image gets the category whose examples are most
// similar to it among its k nearest (cosine similarity of embeddings, votes weighted by
// similarity). No training step, so a category works from its first example and every example
// added or removed counts at once; a dense head (src/workers/vision/dense-head.ts) is the option
// when there are many examples.
//
// k is chosen on the user's own examples: the k of 1, 3, 5, 7 with the best leave-one-out
// accuracy (leave-one-out.ts), the larger on a tie. No fixed rule suits every set: on the Adwaita
// icons of `montage eval images` (3 categories of very varied pictures) k = 1 was best and the
// square-root rule's k = 7 worst (71 % against 62 %), while sets of tight clusters prefer a larger
// k, which outvotes a mislabelled example. Choosing costs one pass of n² dot products (~0.1 s for
// 200 examples of 1,280 dims); pass `k` to skip it.
import { l2Normalize } from './cosine';
import { chooseK } from './leave-one-out';
import { nearestRows, vote, type KnnPrediction } from './neighbours';
import type { LabelledEmbedding } from './types';

export type { CategoryVote, KnnPrediction } from './neighbours';

export class KnnClassifier {
  readonly k: number;
  private readonly vectors: Float32Array[];
  private readonly labels: string[];

  constructor(examples: readonly LabelledEmbedding[], options: { k?: number } = {}) {
    const dims = examples[0]?.vector.length ?? 0;
    for (const e of examples) {
      if (e.vector.length !== dims) throw new RangeError(`Examples of different dimensions (${e.vector.length} and ${dims}).`);
    }
    this.vectors = examples.map((e) => l2Normalize(e.vector));
    this.labels = examples.map((e) => e.label);
    this.k = Math.max(1, Math.floor(options.k ?? chooseK(examples)));
  }

  get size(): number {
    return this.vectors.length;
  }

  classify(vector: Float32Array): KnnPrediction {
    if (this.vectors.length > 0 && vector.length !== this.vectors[0]!.length) {
      throw new RangeError(`The image has ${vector.length} dimensions; the examples have ${this.vectors[0]!.length}.`);
    }
    const q = l2Normalize(vector);
    return vote(nearestRows(this.vectors, q, this.k).map((n) => ({ label: this.labels[n.row]!, similarity: n.similarity })));
  }
}
