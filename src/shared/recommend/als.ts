// Montage's implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and
// Volinsky 2008): confidence c = 1 + α·r on every observed cell, preference 1 there and 0
// elsewhere. Each user (then item) row is solved against YᵀY + Yᵀ(Cᵤ − I)Y + λI, either exactly
// by Cholesky or by a few warm-started conjugate-gradient steps (Takács et al. 2011). Runs in a
// worker; scores are dot products of the factors.
import { transpose } from './csr';
import { createRng } from '../random';
import type { CsrMatrix, FitOptions, FittedRecommender, Recommender } from './types';
import { factorScores, throwIfAborted } from './fit-control';

export interface AlsOptions {
  /** Latent factors per user and item (default 32). */
  factors?: number;
  /** λ, the L2 regularisation (default 20; it is weighed against confidences of 1 + α·r). */
  regularization?: number;
  /** α in the confidence c = 1 + α·r (default 10). */
  alpha?: number;
  /** Alternations, users then items (default 15). */
  iterations?: number;
  /** 'cg' (default): `cgSteps` conjugate-gradient steps from the last solution; 'cholesky': exact solves. */
  solver?: 'cg' | 'cholesky';
  /** Conjugate-gradient steps per row and iteration (default 3). */
  cgSteps?: number;
}

export interface FittedAls extends FittedRecommender {
  readonly factors: number;
  /** users × factors, row-major. */
  readonly userFactors: Float32Array;
  /** items × factors, row-major. */
  readonly itemFactors: Float32Array;
}

/** YᵀY + λI (f × f) of the fixed side's factors. */
function gramian(y: Float64Array, rows: number, f: number, lambda: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a] as number;
      if (ya === 0) continue;
      const row = a * f;
      for (let b = 0; b <= a; b++) out[row + b] = (out[row + b] as number) + ya * (y[o + b] as number);
    }
  }
  for (let a = 0; a < f; a++) {
    out[a * f + a] = (out[a * f + a] as number) + lambda;
    for (let b = 0; b < a; b++) out[b * f + a] = out[a * f + b] as number;
  }
}

/** Solves A x = b in place (x ← b) for symmetric positive definite A (overwritten by its Cholesky factor). */
export function choleskySolve(a: Float64Array, n: number, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j] as number;
      for (let k = 0; k < j; k++) s -= (a[ri + k] as number) * (a[rj + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new Error('the matrix is not positive definite');
        a[ri + i] = Math.sqrt(s);
      } else a[ri + j] = s / (a[rj + j] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (a[i * n + k] as number) * (x[k] as number);
    x[i] = s / (a[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < n; k++) s -= (a[k * n + i] as number) * (x[k] as number);
    x[i] = s / (a[i * n + i] as number);
  }
}

interface Scratch {
  a: Float64Array;
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
}

/**
 * Recomputes every row of `x` (rows × f) against the fixed `y`, with `m` holding each x-row's
 * observed y-rows and their strength.
 */
function solveSide(m: CsrMatrix, x: Float64Array, y: Float64Array, yty: Float64Array, f: number, alpha: number, options: Required<Pick<AlsOptions, 'solver' | 'cgSteps'>>, s: Scratch): void {
  const { indptr, indices, values } = m;
  for (let u = 0; u < m.rows; u++) {
    const start = indptr[u] as number;
    const end = indptr[u + 1] as number;
    const xo = u * f;
    if (options.solver === 'cholesky') {
      // A = YᵀY + λI + Σ (c − 1) y yᵀ,  b = Σ c y.
      s.a.set(yty);
      s.r.fill(0);
      for (let q = start; q < end; q++) {
        const yo = (indices[q] as number) * f;
        const c1 = alpha * (values[q] as number);
        for (let a = 0; a < f; a++) {
          const ya = y[yo + a] as number;
          s.r[a] = (s.r[a] as number) + (1 + c1) * ya;
          const w = c1 * ya;
          const row = a * f;
          for (let b = 0; b <= a; b++) s.a[row + b] = (s.a[row + b] as number) + w * (y[yo + b] as number);
        }
      }
      choleskySolve(s.a, f, s.r); // reads only the lower triangle
      for (let a = 0; a < f; a++) x[xo + a] = s.r[a] as number;
      continue;
    }
    // Conjugate gradient on A x = b from the current x: r = b − A x.
    const { r, p, ap } = s;
    for (let a = 0; a < f; a++) {
      let v = 0;
      const row = a * f;
      for (let b = 0; b < f; b++) v += (yty[row + b] as number) * (x[xo + b] as number);
      r[a] = -v;
    }
    for (let q = start; q < end; q++) {
      const yo = (indices[q] as number) * f;
      const c = 1 + alpha * (values[q] as number);
      let dot = 0;
      for (let a = 0; a < f; a++) dot += (y[yo + a] as number) * (x[xo + a] as number);
      const w = c - (c - 1) * dot;
      for (let a = 0; a < f; a++) r[a] = (r[a] as number) + w * (y[yo + a] as number);
    }
    p.set(r);
    let rs = 0;
    for (let a = 0; a < f; a++) rs += (r[a] as number) ** 2;
    for (let step = 0; step < options.cgSteps && rs > 1e-20; step++) {
      for (let a = 0; a < f; a++) {
        let v = 0;
        const row = a * f;
        for (let b = 0; b < f; b++) v += (yty[row + b] as number) * (p[b] as number);
        ap[a] = v;
      }
      for (let q = start; q < end; q++) {
        const yo = (indices[q] as number) * f;
        const c1 = alpha * (values[q] as number);
        let dot = 0;
        for (let a = 0; a < f; a++) dot += (y[yo + a] as number) * (p[a] as number);
        const w = c1 * dot;
        for (let a = 0; a < f; a++) ap[a] = (ap[a] as number) + w * (y[yo + a] as number);
      }
      let pap = 0;
      for (let a = 0; a < f; a++) pap += (p[a] as number) * (ap[a] as number);
      const stepSize = rs / pap;
      let next = 0;
      for (let a = 0; a < f; a++) {
        x[xo + a] = (x[xo + a] as number) + stepSize * (p[a] as number);
        r[a] = (r[a] as number) - stepSize * (ap[a] as number);
        next += (r[a] as number) ** 2;
      }
      const beta = next / rs;
      for (let a = 0; a < f; a++) p[a] = (r[a] as number) + beta * (p[a] as number);
      rs = next;
    }
  }
}

/** The recommender, typed so that a synchronous fit hands back the model's own extras. */
export interface AlsRecommender extends Recommender {
  fit(train: CsrMatrix, options: FitOptions): FittedAls;
}

export function createAls(options: AlsOptions = {}): AlsRecommender {
  const f = Math.max(1, Math.floor(options.factors ?? 32));
  const lambda = options.regularization ?? 20;
  const alpha = options.alpha ?? 10;
  const iterations = Math.max(0, Math.floor(options.iterations ?? 15));
  const solve = { solver: options.solver ?? 'cg', cgSteps: Math.max(1, Math.floor(options.cgSteps ?? 3)) } as const;
  if (!(lambda > 0)) throw new Error('ALS needs a positive regularisation');
  return {
    name: 'als',
    fit(train: CsrMatrix, fit: FitOptions): FittedAls {
      const users = train.rows;
      const items = train.cols;
      const byItem = transpose(train);
      const rng = createRng(fit.seed);
      const init = (n: number): Float64Array => {
        const out = new Float64Array(n * f);
        for (let k = 0; k < out.length; k++) out[k] = (rng.next() - 0.5) * (0.2 / Math.sqrt(f));
        return out;
      };
      const x = init(users);
      const y = init(items);
      const yty = new Float64Array(f * f);
      const scratch: Scratch = { a: new Float64Array(f * f), r: new Float64Array(f), p: new Float64Array(f), ap: new Float64Array(f) };
      for (let it = 0; it < iterations; it++) {
        throwIfAborted(fit.signal);
        gramian(y, items, f, lambda, yty);
        solveSide(train, x, y, yty, f, alpha, solve, scratch);
        gramian(x, users, f, lambda, yty);
        solveSide(byItem, y, x, yty, f, alpha, solve, scratch);
        fit.onProgress?.((it + 1) / iterations);
      }
      throwIfAborted(fit.signal);
      const userFactors = Float32Array.from(x);
      const itemFactors = Float32Array.from(y);
      return { factors: f, userFactors, itemFactors, ...factorScores(userFactors, itemFactors, f, items) };
    },
  };
}
