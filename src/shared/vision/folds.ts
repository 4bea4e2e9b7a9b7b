// Stratified k-fold splits for evaluating a trained dense head: every fold holds about the same
// share of each category, shuffled with a seed so the split repeats.
import { createRng } from '../random';
import { labelKey } from './labels';

/** For each example, the fold (0…folds-1) it is held out in. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[] {
  const rng = createRng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(labelKey(l), [...(byLabel.get(labelKey(l)) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const key of [...byLabel.keys()].sort()) {
    const members = byLabel.get(key)!;
    for (let i = members.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    // Continue the round-robin across categories so small ones do not all land in fold 0.
    for (const m of members) fold[m] = next++ % folds;
  }
  return fold;
}
