// A trained dense head for custom categories, as stored and applied: one softmax layer over an
// L2-normalised embedding (probabilities = softmax(x·W + b)). Training needs tfjs and runs in a
// worker (src/workers/vision/dense-head.ts); applying it is one small matrix-vector product, done
// here so the host can classify stored embeddings without a model session.
import { l2Normalize } from './cosine';

export interface DenseHead {
  labels: string[];
  dims: number;
  /** dims × labels.length, row-major (the input dimension varies slowest). */
  weights: Float32Array;
  bias: Float32Array;
}

export interface HeadPrediction {
  label: string;
  probability: number;
}

/** Every category with its probability, likeliest first. */
export function predictDenseHead(head: DenseHead, vector: Float32Array): HeadPrediction[] {
  const classes = head.labels.length;
  if (vector.length !== head.dims) throw new RangeError(`The image has ${vector.length} dimensions; the head reads ${head.dims}.`);
  if (head.weights.length !== head.dims * classes || head.bias.length !== classes) throw new RangeError('The dense head is damaged: its weights do not match its labels and dimensions.');
  const x = l2Normalize(vector);
  const logits = Array.from(head.bias);
  for (let i = 0; i < head.dims; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * classes;
    for (let c = 0; c < classes; c++) logits[c]! += xi * head.weights[row + c]!;
  }
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return head.labels.map((label, c) => ({ label, probability: exps[c]! / sum })).sort((a, b) => b.probability - a.probability);
}
