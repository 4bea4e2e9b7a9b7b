// Histograms as distributions: normalising, entropy, and the two comparisons used between a
// generated and a reference set (MGEval style): the overlap area (sum of bin-wise minima of the
// normalised histograms: 1 for identical distributions, 0 for disjoint ones) and the KL divergence
// with additive smoothing (so an empty bin does not make it infinite). Logarithms are base 2: bits.

/** `counts` scaled to sum to 1; all zeros stay zeros. */
export function normalise(counts: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(counts);
  let sum = 0;
  for (const v of out) {
    if (!(v >= 0)) throw new RangeError(`A histogram bin must be a non-negative number (got ${v}).`);
    sum += v;
  }
  if (sum > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** Shannon entropy in bits of a histogram (normalised first); 0 for an empty one. */
export function entropyBits(histogram: ArrayLike<number>): number {
  let h = 0;
  for (const p of normalise(histogram)) if (p > 0) h -= p * Math.log2(p);
  return h;
}

function checkSameLength(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== q.length) throw new RangeError(`Histograms of ${p.length} and ${q.length} bins cannot be compared.`);
}

/** Overlap area of two histograms: Σ min(p̂ᵢ, q̂ᵢ) of the normalised histograms; 0 when either is empty. */
export function overlapArea(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkSameLength(p, q);
  const a = normalise(p);
  const b = normalise(q);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.min(a[i] as number, b[i] as number);
  return sum;
}

/**
 * KL(P ‖ Q) in bits, Σ pᵢ log2(pᵢ / qᵢ), of the normalised histograms after adding `smoothing` to
 * every bin of both and normalising again (default 1e-6; 0 gives the plain divergence, Infinity
 * where Q has an empty bin that P does not). 0 for identical histograms.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, smoothing = 1e-6): number {
  checkSameLength(p, q);
  if (!(smoothing >= 0)) throw new RangeError(`Smoothing must be non-negative (got ${smoothing}).`);
  const a = normalise(normalise(p).map((v) => v + smoothing));
  const b = normalise(normalise(q).map((v) => v + smoothing));
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const pi = a[i] as number;
    if (pi > 0) sum += pi * Math.log2(pi / (b[i] as number));
  }
  return sum;
}

/**
 * Histograms of two samples of a scalar figure (one value per example, NaN left out) over shared
 * bins, for comparing the distributions of a figure (MGEval's per-feature overlap): whole-number
 * figures get one bin per value when there are at most `bins` of them, else `bins` equal bins
 * spanning both samples. Two samples of one constant value share one bin.
 */
export function sharedHistograms(a: readonly number[], b: readonly number[], bins = 20): { a: Float64Array; b: Float64Array } {
  const fa = a.filter((v) => !Number.isNaN(v));
  const fb = b.filter((v) => !Number.isNaN(v));
  const all = [...fa, ...fb];
  if (all.length === 0) return { a: new Float64Array(1), b: new Float64Array(1) };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of all) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const integral = all.every(Number.isInteger) && hi - lo + 1 <= bins;
  const n = integral ? hi - lo + 1 : hi > lo ? bins : 1;
  const binOf = (v: number): number => (integral ? v - lo : n === 1 ? 0 : Math.min(n - 1, Math.floor(((v - lo) / (hi - lo)) * n)));
  const ha = new Float64Array(n);
  const hb = new Float64Array(n);
  for (const v of fa) ha[binOf(v)] = (ha[binOf(v)] as number) + 1;
  for (const v of fb) hb[binOf(v)] = (hb[binOf(v)] as number) + 1;
  return { a: normalise(ha), b: normalise(hb) };
}
