// Seeded synthetic interactions for Montage's recommender tests and benchmarks: users and items get
// latent vectors and items a popularity term; each user picks items (no repeats) with probability
// ∝ exp(affinity), so a factor model can learn taste that popularity alone cannot.
import { createRng, type Rng } from '../random';
import type { Interactions } from './types';

export interface SyntheticOptions {
  users: number;
  items: number;
  factors: number;
  /** Mean interactions per user (at least 2 each when the mean is 2 or more, at most `items`). */
  interactionsPerUser: number;
  /** Zipf exponent of item popularity: 0 = none, 1 = the k-th most popular item weighs 1/k. */
  popularitySkew: number;
  seed: number;
  /** Standard deviation of the taste term p·q; 2 by default (0 leaves only popularity). */
  tasteStrength?: number;
}

/** The ground truth behind a synthetic data set: affinity(u, i) = userFactors[u]·itemFactors[i] + itemBias[i]. */
export interface SyntheticLatents {
  factors: number;
  /** users × factors, row-major. */
  userFactors: Float32Array;
  /** items × factors, row-major. */
  itemFactors: Float32Array;
  /** −popularitySkew · ln(popularity rank), so exp(bias) follows Zipf's law. */
  itemBias: Float32Array;
}

/** Per-user draws when the catalogue is larger than this; smaller catalogues are scanned exactly. */
const MIN_DRAWS = 256;

/** The latent vectors and popularity terms for `options` (the same ones syntheticInteractions uses). */
export function syntheticLatents(options: SyntheticOptions): SyntheticLatents {
  return latents(options, createRng(options.seed));
}

/** Interactions sorted by user then time, weight 1, times strictly increasing within each user. */
export function syntheticInteractions(options: SyntheticOptions): Interactions {
  const { users, items, factors, interactionsPerUser: mean } = options;
  for (const [name, value] of Object.entries({ users, items, factors }))
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}`);
  if (!(mean > 0)) throw new RangeError(`interactionsPerUser must be positive, not ${mean}`);
  const rng = createRng(options.seed);
  const truth = latents(options, rng);
  const popularity = aliasTable(Array.from(truth.itemBias, (b) => Math.exp(b)));
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  const size = Math.max(items, MIN_DRAWS, 8 * Math.ceil(mean * 20));
  const scratch: Scratch = { weights: new Float64Array(size), tree: new Float64Array(size + 1), drawn: new Int32Array(size), drawTaste: new Float64Array(size), perItem: new Float64Array(items), touched: new Int32Array(size) };
  const low = mean >= 2 ? 2 : 1;
  for (let u = 0; u < users; u++) {
    const n = Math.min(items, low + Math.round((mean - low) * -Math.log(1 - rng.next())));
    const draws = Math.max(MIN_DRAWS, 8 * n);
    if (draws > scratch.drawn.length) growScratch(scratch, draws);
    const picked = items <= draws ? exactSample(truth, u, n, rng, scratch) : resample(truth, u, n, draws, popularity, rng, scratch);
    // Sampling order favours the strongest items; shuffle so the latest is not the weakest.
    for (let k = picked.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [picked[k], picked[j]] = [picked[j] as number, picked[k] as number];
    }
    let t = 1_600_000_000 + rng.next() * 30_000_000;
    for (const i of picked) {
      t += 1 + Math.round(-Math.log(1 - rng.next()) * 86_400);
      user.push(u);
      item.push(i);
      time.push(t);
    }
  }
  const count = user.length;
  return { users, items, user: Int32Array.from(user), item: Int32Array.from(item), time: Float64Array.from(time), weight: new Float32Array(count).fill(1) };
}

function latents(options: SyntheticOptions, rng: Rng): SyntheticLatents {
  const { users, items, factors, popularitySkew } = options;
  // Each coordinate ~ N(0, σ²) with σ⁴·factors = strength², so p·q has standard deviation `strength`.
  const sigma = Math.sqrt((options.tasteStrength ?? 2) / Math.sqrt(factors));
  const userFactors = new Float32Array(users * factors);
  const itemFactors = new Float32Array(items * factors);
  for (let k = 0; k < userFactors.length; k++) userFactors[k] = sigma * gaussian(rng);
  for (let k = 0; k < itemFactors.length; k++) itemFactors[k] = sigma * gaussian(rng);
  // A random popularity rank per item (a shuffle), so item indexes carry no popularity order.
  const rank = Array.from({ length: items }, (_, i) => i);
  for (let k = items - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [rank[k], rank[j]] = [rank[j] as number, rank[k] as number];
  }
  const itemBias = Float32Array.from(rank, (r) => 0 - popularitySkew * Math.log(r + 1));
  return { factors, userFactors, itemFactors, itemBias };
}

/** affinity − itemBias (the taste term) of user u for items[0 … count), or for 0 … count−1 when items is null. */
function taste(truth: SyntheticLatents, u: number, items: Int32Array | null, count: number, out: Float64Array): void {
  const f = truth.factors;
  const p = truth.userFactors;
  const q = truth.itemFactors;
  const pu = u * f;
  for (let c = 0; c < count; c++) {
    const base = (items === null ? c : (items[c] as number)) * f;
    let s = 0;
    for (let k = 0; k < f; k++) s += (p[pu + k] as number) * (q[base + k] as number);
    out[c] = s;
  }
}

/** Exact sampling of n items without replacement ∝ exp(affinity). */
function exactSample(truth: SyntheticLatents, u: number, n: number, rng: Rng, scratch: Scratch): number[] {
  const items = truth.itemBias.length;
  const { weights } = scratch;
  taste(truth, u, null, items, weights);
  for (let i = 0; i < items; i++) weights[i] = (weights[i] as number) + (truth.itemBias[i] as number);
  return successive(weights, items, n, rng, scratch);
}

/**
 * Large catalogues: sampling–importance–resampling. Draw candidates ∝ popularity (the exp(bias)
 * part), weigh each distinct candidate by the sum of exp(taste) over its draws, and sample n of them
 * without replacement by that weight; this approaches sampling ∝ exp(affinity) as the draws grow.
 * Falls back to the exact scan in the rare case the draws hold fewer than n distinct items.
 */
function resample(truth: SyntheticLatents, u: number, n: number, draws: number, popularity: (rng: Rng) => number, rng: Rng, scratch: Scratch): number[] {
  const { drawn, drawTaste, perItem, touched, weights } = scratch;
  for (let d = 0; d < draws; d++) drawn[d] = popularity(rng);
  taste(truth, u, drawn, draws, drawTaste);
  let top = -Infinity;
  for (let d = 0; d < draws; d++) top = Math.max(top, drawTaste[d] as number);
  let distinct = 0;
  for (let d = 0; d < draws; d++) {
    const i = drawn[d] as number;
    if ((perItem[i] as number) === 0) touched[distinct++] = i;
    // exp(taste − top) ≤ 1; a tiny floor keeps every drawn item marked as drawn.
    perItem[i] = (perItem[i] as number) + Math.max(Math.exp((drawTaste[d] as number) - top), 1e-300);
  }
  for (let k = 0; k < distinct; k++) {
    const i = touched[k] as number;
    weights[k] = Math.log(perItem[i] as number);
    perItem[i] = 0;
  }
  if (distinct < n) return exactSample(truth, u, n, rng, scratch);
  return successive(weights, distinct, n, rng, scratch).map((k) => touched[k] as number);
}

/** n distinct indexes of logWeights[0 … m) drawn one after another ∝ exp(logWeight), via a Fenwick tree. */
function successive(logWeights: Float64Array, m: number, n: number, rng: Rng, scratch: Scratch): number[] {
  const { tree } = scratch;
  let top = -Infinity;
  for (let i = 0; i < m; i++) top = Math.max(top, logWeights[i] as number);
  tree.fill(0, 0, m + 1);
  for (let i = 0; i < m; i++) {
    logWeights[i] = Math.exp((logWeights[i] as number) - top);
    tree[i + 1] = (tree[i + 1] as number) + (logWeights[i] as number);
    const j = i + 1 + ((i + 1) & -(i + 1));
    if (j <= m) tree[j] = (tree[j] as number) + (tree[i + 1] as number);
  }
  const w = logWeights;
  let high = 1;
  while (high * 2 <= m) high *= 2;
  const picked: number[] = [];
  while (picked.length < n) {
    let total = 0;
    for (let i = m; i > 0; i -= i & -i) total += tree[i] as number;
    let r = rng.next() * total;
    let pos = 0;
    for (let step = high; step > 0; step >>= 1) {
      if (pos + step <= m && (tree[pos + step] as number) <= r) {
        pos += step;
        r -= tree[pos] as number;
      }
    }
    // Rounding can land on a spent item: take the heaviest one left instead.
    if (pos >= m || (w[pos] as number) === 0) {
      pos = -1;
      for (let i = 0; i < m; i++) if ((w[i] as number) > 0 && (pos === -1 || (w[i] as number) > (w[pos] as number))) pos = i;
      if (pos === -1) break;
    }
    picked.push(pos);
    const weight = w[pos] as number;
    w[pos] = 0;
    for (let i = pos + 1; i <= m; i += i & -i) tree[i] = (tree[i] as number) - weight;
  }
  return picked;
}

interface Scratch {
  weights: Float64Array;
  tree: Float64Array;
  drawn: Int32Array;
  drawTaste: Float64Array;
  /** Per item, zero between users. */
  perItem: Float64Array;
  touched: Int32Array;
}

function growScratch(scratch: Scratch, size: number): void {
  scratch.weights = new Float64Array(size);
  scratch.tree = new Float64Array(size + 1);
  scratch.drawn = new Int32Array(size);
  scratch.drawTaste = new Float64Array(size);
  scratch.touched = new Int32Array(size);
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Walker's alias method: O(1) draws ∝ `weights`. */
function aliasTable(weights: number[]): (rng: Rng) => number {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  // One uniform number gives both the column (integer part) and the coin (fractional part).
  return (rng) => {
    const x = rng.next() * n;
    const i = Math.floor(x);
    return x - i < (prob[i] as number) ? i : (alias[i] as number);
  };
}
