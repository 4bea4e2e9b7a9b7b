// Montage's EASE recommender (Steck 2019): a dense item × item weight matrix in closed form,
// B = I − P·diagMat(1/diag(P)) with P = (XᵀX + λI)⁻¹ and diag(B) = 0; a user's scores are X_u·B.
// Dense and cubic in the item count, so above `maxItems` it refuses, or (overflow 'most-used')
// fits the most-used items only and ranks the long tail after them by popularity.
import { csrFromTriples, rowIndices, rowValues, transpose } from './csr';
import type { CsrMatrix, FitOptions, FittedRecommender, Recommender } from './types';
import { throwIfAborted } from './fit-control';

export interface EaseOptions {
  /** λ added to the diagonal of XᵀX (default 100). */
  regularization?: number;
  /** The most items it will fit (default 4000: about 4000² doubles, several seconds of work). */
  maxItems?: number;
  /**
   * Above maxItems: 'refuse' (default) throws; 'most-used' fits the items with the most users (no
   * more than maxItems, never splitting a tie) and scores every other item below them, by its
   * user count, so a rare item still ranks among its peers.
   */
  overflow?: 'refuse' | 'most-used';
}

export interface FittedEase extends FittedRecommender {
  /** items × items, row-major: row j is what having item j adds to every item's score. */
  readonly weights: Float32Array;
}

type Check = (fraction: number) => void;

/** a[ao …]·b[bo …] over `len` entries. */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    s0 += (a[ao + k] as number) * (b[bo + k] as number);
    s1 += (a[ao + k + 1] as number) * (b[bo + k + 1] as number);
  }
  if (k < len) s0 += (a[ao + k] as number) * (b[bo + k] as number);
  return s0 + s1;
}

/** Both a[ao …]·b[bo …] and a[ao …]·b[co …] into `pair`, reading `a` once (twice the work per load). */
const pair = new Float64Array(2);
function dot2(a: Float64Array, ao: number, b: Float64Array, bo: number, co: number, len: number): void {
  let s0 = 0;
  let s1 = 0;
  let t0 = 0;
  let t1 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const x0 = a[ao + k] as number;
    const x1 = a[ao + k + 1] as number;
    s0 += x0 * (b[bo + k] as number);
    s1 += x1 * (b[bo + k + 1] as number);
    t0 += x0 * (b[co + k] as number);
    t1 += x1 * (b[co + k + 1] as number);
  }
  if (k < len) {
    const x = a[ao + k] as number;
    s0 += x * (b[bo + k] as number);
    t0 += x * (b[co + k] as number);
  }
  pair[0] = s0 + s1;
  pair[1] = t0 + t1;
}

/**
 * The inverse of the symmetric positive definite n × n matrix `a` (row-major; only its lower
 * triangle is read). `a` is overwritten and returned as the inverse. Cholesky factor L (lower),
 * then V = L⁻ᵀ (upper) by forward substitution, then A⁻¹ = V·Vᵀ; every step is a dot product
 * along rows, two at a time so that each load serves two sums.
 */
export function spdInverse(a: Float64Array, n: number, check: Check = () => {}): Float64Array {
  // L, column by column, in the lower triangle of a.
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    const d = (a[rj + j] as number) - dot(a, rj, a, rj, j);
    if (!(d > 0)) throw new Error('the matrix is not positive definite');
    const l = Math.sqrt(d);
    a[rj + j] = l;
    let i = j + 1;
    for (; i + 1 < n; i += 2) {
      const ri = i * n;
      dot2(a, rj, a, ri, ri + n, j);
      a[ri + j] = ((a[ri + j] as number) - (pair[0] as number)) / l;
      a[ri + n + j] = ((a[ri + n + j] as number) - (pair[1] as number)) / l;
    }
    if (i < n) a[i * n + j] = ((a[i * n + j] as number) - dot(a, i * n, a, rj, j)) / l;
    if ((j & 63) === 63) check((j / n) * 0.3);
  }
  // V = (L⁻¹)ᵀ: row j of V is column j of L⁻¹, V[j][i] = −(Σ_{k=j}^{i−1} L[i][k]·V[j][k]) / L[i][i].
  const v = new Float64Array(n * n);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const rj = j * n;
    const rk = rj + n; // V[j+1][j] is 0, so both rows run over k = j … i−1
    v[rj + j] = 1 / (a[rj + j] as number);
    v[rk + j + 1] = 1 / (a[rk + j + 1] as number);
    v[rj + j + 1] = -((a[rk + j] as number) * (v[rj + j] as number)) / (a[rk + j + 1] as number);
    for (let i = j + 2; i < n; i++) {
      const ri = i * n;
      dot2(a, ri + j, v, rj + j, rk + j, i - j);
      const d = a[ri + i] as number;
      v[rj + i] = -(pair[0] as number) / d;
      v[rk + i] = -(pair[1] as number) / d;
    }
    if ((j & 62) === 62) check(0.3 + (j / n) * 0.4);
  }
  if (j < n) v[j * n + j] = 1 / (a[j * n + j] as number);
  // A⁻¹[i][j] = Σ_{k ≥ i} V[i][k]·V[j][k] for j ≤ i, written to both halves of a.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let c = 0;
    for (; c + 1 <= i; c += 2) {
      dot2(v, ri + i, v, c * n + i, c * n + n + i, n - i);
      a[ri + c] = pair[0] as number;
      a[c * n + i] = pair[0] as number;
      a[ri + c + 1] = pair[1] as number;
      a[(c + 1) * n + i] = pair[1] as number;
    }
    if (c <= i) {
      const s = dot(v, ri + i, v, c * n + i, n - i);
      a[ri + c] = s;
      a[c * n + i] = s;
    }
    if ((i & 63) === 63) check(0.7 + (i / n) * 0.3);
  }
  return a;
}

/** The recommender, typed so that a synchronous fit hands back the model's own extras. */
export interface EaseRecommender extends Recommender {
  fit(train: CsrMatrix, options: FitOptions): FittedEase;
}

export function createEase(options: EaseOptions = {}): EaseRecommender {
  const dense = createDenseEase(options);
  if (options.overflow !== 'most-used') return dense;
  const maxItems = options.maxItems ?? 4000;
  return {
    name: 'ease',
    fit(train, fit) {
      if (train.cols <= maxItems) return dense.fit(train, fit);
      const byItem = transpose(train);
      const users = Int32Array.from({ length: train.cols }, (_, i) => (byItem.indptr[i + 1] as number) - (byItem.indptr[i] as number));
      // The smallest user count that keeps no more than maxItems items.
      const sorted = Int32Array.from(users).sort().reverse();
      const cut = (sorted[maxItems] as number) + 1;
      const column = new Int32Array(train.cols).fill(-1);
      const kept: number[] = [];
      for (let i = 0; i < train.cols; i++) if ((users[i] as number) >= cut) column[i] = kept.push(i) - 1;
      const rows: number[] = [];
      const cols: number[] = [];
      const vals: number[] = [];
      for (let u = 0; u < train.rows; u++) {
        const items = rowIndices(train, u);
        const values = rowValues(train, u);
        for (let k = 0; k < items.length; k++) {
          const c = column[items[k] as number] as number;
          if (c < 0) continue;
          rows.push(u);
          cols.push(c);
          vals.push(values[k] as number);
        }
      }
      const head = dense.fit(csrFromTriples(train.rows, kept.length, rows, cols, vals), fit);
      const top = Math.max(1, sorted[0] as number);
      const scoreAll = (user: number): Float32Array => {
        const fitted = head.scoreAll(user);
        let floor = Infinity;
        for (let k = 0; k < fitted.length; k++) floor = Math.min(floor, fitted[k] as number);
        const out = new Float32Array(train.cols);
        // The tail sits just below the lowest fitted score, ordered by user count.
        for (let i = 0; i < train.cols; i++) {
          const c = column[i] as number;
          out[i] = c >= 0 ? (fitted[c] as number) : floor - 1 + (users[i] as number) / (top + 1);
        }
        return out;
      };
      const score = (user: number, candidates: Int32Array): Float32Array => {
        const all = scoreAll(user);
        return Float32Array.from(candidates, (i) => all[i] as number);
      };
      // `weights` are the fitted head's (kept items × kept items).
      return { weights: head.weights, scoreAll, score };
    },
  };
}

function createDenseEase(options: EaseOptions): EaseRecommender {
  const lambda = options.regularization ?? 100;
  const maxItems = options.maxItems ?? 4000;
  if (!(lambda > 0)) throw new Error('EASE needs a positive regularisation');
  return {
    name: 'ease',
    fit(train: CsrMatrix, fit: FitOptions): FittedEase {
      const n = train.cols;
      if (n > maxItems) throw new Error(`EASE is dense: ${n} items is above its limit of ${maxItems} items`);
      const check: Check = (fraction) => {
        throwIfAborted(fit.signal);
        fit.onProgress?.(fraction);
      };
      check(0);
      // G = XᵀX + λI (lower triangle), pair by pair within each user's row.
      const g = new Float64Array(n * n);
      for (let u = 0; u < train.rows; u++) {
        const cols = rowIndices(train, u);
        const vals = rowValues(train, u);
        for (let p = 0; p < cols.length; p++) {
          const ri = (cols[p] as number) * n;
          const v = vals[p] as number;
          for (let q = 0; q <= p; q++) g[ri + (cols[q] as number)] = (g[ri + (cols[q] as number)] as number) + v * (vals[q] as number);
        }
      }
      for (let i = 0; i < n; i++) g[i * n + i] = (g[i * n + i] as number) + lambda;
      const p = spdInverse(g, n, (fraction) => check(0.05 + 0.9 * fraction));
      // B[i, j] = −P[i, j] / P[j, j] off the diagonal, 0 on it.
      const weights = new Float32Array(n * n);
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        for (let j = 0; j < n; j++) weights[ri + j] = i === j ? 0 : -(p[ri + j] as number) / (p[j * n + j] as number);
      }
      check(1);

      const scoreAll = (user: number): Float32Array => {
        const out = new Float64Array(n);
        const cols = rowIndices(train, user);
        const vals = rowValues(train, user);
        for (let h = 0; h < cols.length; h++) {
          const rj = (cols[h] as number) * n;
          const v = vals[h] as number;
          for (let i = 0; i < n; i++) out[i] = (out[i] as number) + v * (weights[rj + i] as number);
        }
        return Float32Array.from(out);
      };
      return {
        weights,
        scoreAll,
        score: (user, candidates) => {
          const all = scoreAll(user);
          return Float32Array.from(candidates, (i) => all[i] as number);
        },
      };
    },
  };
}
