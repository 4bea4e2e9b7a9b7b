// Montage's Bayesian personalised ranking (Rendle et al. 2009): matrix factorisation with item
// biases, trained by SGD on seeded (user, item the user has, item the user lacks) triples so
// that each user's items score above the rest. Runs in a worker; one epoch draws as many
// triples as there are stored interactions.
import { createRng } from '../random';
import type { CsrMatrix, FitOptions, FittedRecommender, Recommender } from './types';
import { factorScores, throwIfAborted } from './fit-control';

export interface BprOptions {
  /** Latent factors per user and item (default 32). */
  factors?: number;
  /** SGD step size (default 0.05). */
  learningRate?: number;
  /** L2 regularisation of the factors and biases (default 0.002). */
  regularization?: number;
  /** Passes, each drawing one triple per stored interaction (default 30). */
  epochs?: number;
}

export interface FittedBpr extends FittedRecommender {
  readonly factors: number;
  /** users × factors, row-major. */
  readonly userFactors: Float32Array;
  /** items × factors, row-major. */
  readonly itemFactors: Float32Array;
  readonly itemBias: Float32Array;
}

/** Whether the sorted `indices[start … end)` holds `value`. */
function has(indices: Int32Array, start: number, end: number, value: number): boolean {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = indices[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The recommender, typed so that a synchronous fit hands back the model's own extras. */
export interface BprRecommender extends Recommender {
  fit(train: CsrMatrix, options: FitOptions): FittedBpr;
}

export function createBpr(options: BprOptions = {}): BprRecommender {
  const f = Math.max(1, Math.floor(options.factors ?? 32));
  const lr = options.learningRate ?? 0.05;
  const reg = options.regularization ?? 0.002;
  const epochs = Math.max(0, Math.floor(options.epochs ?? 30));
  return {
    name: 'bpr',
    fit(train: CsrMatrix, fit: FitOptions): FittedBpr {
      const users = train.rows;
      const items = train.cols;
      const { indptr, indices } = train;
      const nnz = indptr[users] as number;
      const rng = createRng(fit.seed);
      const w = new Float64Array(users * f);
      const h = new Float64Array(items * f);
      const bias = new Float64Array(items);
      const scale = 0.1 / Math.sqrt(f);
      for (let k = 0; k < w.length; k++) w[k] = (rng.next() - 0.5) * 2 * scale;
      for (let k = 0; k < h.length; k++) h[k] = (rng.next() - 0.5) * 2 * scale;
      // The user of every stored interaction, so that (u, i) is drawn uniformly over interactions.
      const rowOf = new Int32Array(nnz);
      for (let u = 0; u < users; u++) rowOf.fill(u, indptr[u] as number, indptr[u + 1] as number);

      for (let epoch = 0; epoch < epochs; epoch++) {
        throwIfAborted(fit.signal);
        for (let draw = 0; draw < nnz; draw++) {
          const q = rng.int(nnz);
          const u = rowOf[q] as number;
          const i = indices[q] as number;
          const start = indptr[u] as number;
          const end = indptr[u + 1] as number;
          if (end - start >= items) continue; // the user has everything: nothing to rank below
          let j = rng.int(items);
          while (has(indices, start, end, j)) j = rng.int(items);
          const uo = u * f;
          const io = i * f;
          const jo = j * f;
          let x = (bias[i] as number) - (bias[j] as number);
          for (let a = 0; a < f; a++) x += (w[uo + a] as number) * ((h[io + a] as number) - (h[jo + a] as number));
          // d/dx ln σ(x) = σ(−x)
          const g = 1 / (1 + Math.exp(x));
          for (let a = 0; a < f; a++) {
            const wu = w[uo + a] as number;
            const hi = h[io + a] as number;
            const hj = h[jo + a] as number;
            w[uo + a] = wu + lr * (g * (hi - hj) - reg * wu);
            h[io + a] = hi + lr * (g * wu - reg * hi);
            h[jo + a] = hj + lr * (-g * wu - reg * hj);
          }
          bias[i] = (bias[i] as number) + lr * (g - reg * (bias[i] as number));
          bias[j] = (bias[j] as number) + lr * (-g - reg * (bias[j] as number));
        }
        fit.onProgress?.((epoch + 1) / epochs);
      }
      throwIfAborted(fit.signal);

      const userFactors = Float32Array.from(w);
      const itemFactors = Float32Array.from(h);
      const itemBias = Float32Array.from(bias);
      return { factors: f, userFactors, itemFactors, itemBias, ...factorScores(userFactors, itemFactors, f, items, itemBias) };
    },
  };
}
