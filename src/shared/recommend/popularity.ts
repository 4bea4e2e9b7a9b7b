// Montage's baseline recommender: every user gets the same scores, the number of users who have
// each item (or, weighted, the summed interaction strength). Every other model must beat it.
import type { CsrMatrix, FitOptions, FittedRecommender, Recommender } from './types';

export interface PopularityOptions {
  /** Score by summed interaction values instead of by the number of users (default false). */
  weighted?: boolean;
}

export interface FittedPopularity extends FittedRecommender {
  /** The score of every item (shared by all users; do not modify). */
  readonly popularity: Float32Array;
}

/** The recommender, typed so that a synchronous fit hands back the model's own extras. */
export interface PopularityRecommender extends Recommender {
  fit(train: CsrMatrix, options: FitOptions): FittedPopularity;
}

export function createPopularity(options: PopularityOptions = {}): PopularityRecommender {
  const weighted = options.weighted ?? false;
  return {
    name: 'popularity',
    fit(train: CsrMatrix): FittedPopularity {
      const popularity = new Float32Array(train.cols);
      const end = train.indptr[train.rows] as number;
      for (let k = 0; k < end; k++) {
        const i = train.indices[k] as number;
        popularity[i] = (popularity[i] as number) + (weighted ? (train.values[k] as number) : 1);
      }
      return {
        popularity,
        score: (_user, candidates) => {
          const out = new Float32Array(candidates.length);
          for (let k = 0; k < candidates.length; k++) out[k] = popularity[candidates[k] as number] as number;
          return out;
        },
        scoreAll: () => popularity.slice(),
      };
    },
  };
}
