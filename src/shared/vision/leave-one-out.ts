// Leave-one-out accuracy of nearest-neighbour classification (knn.ts): each example is
// classified by all the others, as the user's next image would be. It needs no separate test
// set, which custom categories of a few dozen images cannot spare. Every example's neighbours are
// found once (n² dot products: ~3 s for 1,000 examples of 1,280 dims on one core here) and then serve every k.
//
// chooseK picks k by this accuracy, so its own figure is optimistic; nestedLeaveOneOut is the
// honest estimate of "choose k, then classify": for each held-out example k is chosen on the
// others alone.
import { l2Normalize } from './cosine';
import { labelKey } from './labels';
import { nearestRows, vote, type Neighbour } from './neighbours';
import type { LabelledEmbedding } from './types';

export const kCandidates: readonly number[] = [1, 3, 5, 7];

export interface LabelAccuracy {
  label: string;
  correct: number;
  total: number;
}

export interface LeaveOneOutResult {
  k: number;
  /** correct / total; 0 when there are fewer than two examples. */
  accuracy: number;
  correct: number;
  total: number;
  perLabel: LabelAccuracy[];
  /** Mistakes by (actual, predicted), most frequent first. */
  confusions: { actual: string; predicted: string; count: number }[];
}

/** Each example's `depth` nearest others. */
function neighbourLists(examples: readonly LabelledEmbedding[], depth: number): Neighbour[][] {
  const vectors = examples.map((e) => l2Normalize(e.vector));
  return examples.length < 2 ? [] : vectors.map((v, i) => nearestRows(vectors, v, depth, i));
}

const predict = (examples: readonly LabelledEmbedding[], near: readonly Neighbour[], k: number): string =>
  vote(near.slice(0, k).map((x) => ({ label: examples[x.row]!.label, similarity: x.similarity }))).label;

/** Leave-one-out accuracy for each k asked. */
export function leaveOneOut(examples: readonly LabelledEmbedding[], ks: readonly number[] = kCandidates): LeaveOneOutResult[] {
  const wanted = ks.map((k) => Math.max(1, Math.floor(k)));
  const neighbours = neighbourLists(examples, Math.max(...wanted));
  const shown = new Map<string, string>();
  for (const e of examples) if (!shown.has(labelKey(e.label))) shown.set(labelKey(e.label), e.label);
  const name = (label: string): string => shown.get(labelKey(label)) ?? label;

  return wanted.map((k) => {
    const perLabel = new Map<string, LabelAccuracy>();
    const confusions = new Map<string, { actual: string; predicted: string; count: number }>();
    let correct = 0;
    neighbours.forEach((near, i) => {
      const actual = name(examples[i]!.label);
      const predicted = name(predict(examples, near, k));
      const row = perLabel.get(actual) ?? { label: actual, correct: 0, total: 0 };
      row.total += 1;
      if (labelKey(predicted) === labelKey(actual)) {
        row.correct += 1;
        correct += 1;
      } else {
        const key = `${actual}\u0000${predicted}`;
        const c = confusions.get(key) ?? { actual, predicted, count: 0 };
        c.count += 1;
        confusions.set(key, c);
      }
      perLabel.set(actual, row);
    });
    const total = neighbours.length;
    return {
      k,
      accuracy: total > 0 ? correct / total : 0,
      correct,
      total,
      perLabel: [...perLabel.values()].sort((a, b) => a.label.localeCompare(b.label)),
      confusions: [...confusions.values()].sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual)),
    };
  });
}

/** The candidate k (at most n - 1) with the most examples right under leave-one-out; the larger on a tie. */
export function chooseK(examples: readonly LabelledEmbedding[], candidates: readonly number[] = kCandidates): number {
  const usable = candidates.filter((k) => k <= Math.max(1, examples.length - 1));
  if (usable.length <= 1 || examples.length < 3) return usable[0] ?? 1;
  const results = leaveOneOut(examples, usable);
  return results.reduce((best, r) => (r.correct >= best.correct ? r : best)).k;
}

/**
 * The accuracy of choosing k by leave-one-out and then classifying, estimated honestly: each
 * example is held out, k is chosen by leave-one-out on the other n - 1 (their neighbours with the
 * held-out one removed), and the example is classified with it.
 */
export function nestedLeaveOneOut(examples: readonly LabelledEmbedding[], candidates: readonly number[] = kCandidates): { accuracy: number; correct: number; total: number; chosen: Record<number, number> } {
  const n = examples.length;
  const maxK = Math.max(...candidates);
  // One more neighbour than needed, so that removing the held-out example leaves enough.
  const neighbours = neighbourLists(examples, maxK + 1);
  const chosen: Record<number, number> = {};
  let correct = 0;
  for (let out = 0; out < neighbours.length; out++) {
    const usable = candidates.filter((k) => k <= Math.max(1, n - 2));
    let bestK = usable[0] ?? 1;
    let bestRight = -1;
    for (const k of usable) {
      let right = 0;
      for (let j = 0; j < n; j++) {
        if (j === out) continue;
        const near = neighbours[j]!.filter((x) => x.row !== out);
        if (labelKey(predict(examples, near, k)) === labelKey(examples[j]!.label)) right++;
      }
      if (right >= bestRight) {
        bestRight = right;
        bestK = k;
      }
    }
    chosen[bestK] = (chosen[bestK] ?? 0) + 1;
    if (labelKey(predict(examples, neighbours[out]!, bestK)) === labelKey(examples[out]!.label)) correct++;
  }
  const total = neighbours.length;
  return { accuracy: total > 0 ? correct / total : 0, correct, total, chosen };
}
