// Vector maths for image embeddings: dot product, L2 norm and normalisation, cosine similarity.
// Embeddings from the image-tagger session are already L2-normalised, so their cosine similarity
// is their dot product; these helpers also accept vectors that are not.

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`Vectors of different lengths (${a.length} and ${b.length}).`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function l2Norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** A unit-length copy of v; a zero vector stays zero (it is similar to nothing). */
export function l2Normalize(v: Float32Array): Float32Array {
  const n = l2Norm(v);
  const out = new Float32Array(v.length);
  if (n === 0 || !Number.isFinite(n)) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / n;
  return out;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  const na = l2Norm(a);
  const nb = l2Norm(b);
  if (na === 0 || nb === 0) return 0;
  return Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
}
