// A trained custom-category model as the host stores and applies it: either k-NN over a snapshot
// of the labelled examples (their embeddings and categories, and the k chosen by leave-one-out),
// or a dense softmax head (dense-head.ts). Applying either is a few thousand multiply-adds per
// image, so the host tags a new import with it directly, without a model session.
//
// Categories are a closed set: an image gets the likeliest of the user's categories, kept as a
// tag only when it clearly wins (score above `minCategoryScore`, so a tie gives none): the
// winner's share of the neighbours' similarity for k-NN, its probability for the head.
import { predictDenseHead, type DenseHead } from './dense-head';
import { KnnClassifier } from './knn';

export type CategoryMethod = 'knn' | 'dense';

export type CategoryModel =
  | { method: 'knn'; k: number; dims: number; labels: string[]; /** labels.length × dims, row-major. */ vectors: Float32Array }
  | ({ method: 'dense' } & DenseHead);

export interface CategoryPrediction {
  label: string;
  score: number;
}

/** A predicted category must score above this to be kept as a tag. */
export const minCategoryScore = 0.5;

/** Builds the predictor once (k-NN normalises its examples) and returns it. */
export function categoryPredictor(model: CategoryModel): (vector: Float32Array) => CategoryPrediction | null {
  if (model.method === 'dense') {
    return (vector) => {
      const best = predictDenseHead(model, vector)[0];
      return best && best.probability > minCategoryScore ? { label: best.label, score: best.probability } : null;
    };
  }
  const examples = model.labels.map((label, i) => ({ label, vector: model.vectors.subarray(i * model.dims, (i + 1) * model.dims) }));
  const knn = new KnnClassifier(examples, { k: model.k });
  return (vector) => {
    if (knn.size === 0) return null;
    const p = knn.classify(vector);
    return p.label !== '' && p.confidence > minCategoryScore ? { label: p.label, score: p.confidence } : null;
  };
}
