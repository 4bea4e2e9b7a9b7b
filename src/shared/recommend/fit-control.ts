// What every recommender shares while it trains: stopping on its signal with an Error named
// AbortError (carrying the signal's reason), and scoring with user and item factor matrices.
import type { FitOptions, FittedRecommender } from './types';

/** Throws an AbortError when the signal is set; `what` names what stopped ("The fit"). */
export function throwIfAborted(signal: FitOptions['signal'], what = 'The fit'): void {
  if (!signal?.aborted) return;
  const error = new Error(`${what} was aborted`, { cause: signal.reason });
  error.name = 'AbortError';
  throw error;
}

/** score/scoreAll of a factor model: the dot product of a user's and an item's factors (plus the item's bias). */
export function factorScores(userFactors: Float32Array, itemFactors: Float32Array, f: number, items: number, itemBias?: Float32Array): Pick<FittedRecommender, 'score' | 'scoreAll'> {
  const one = (u: number, i: number): number => {
    let s = itemBias ? (itemBias[i] as number) : 0;
    const uo = u * f;
    const io = i * f;
    for (let a = 0; a < f; a++) s += (userFactors[uo + a] as number) * (itemFactors[io + a] as number);
    return s;
  };
  return {
    score: (user, candidates) => Float32Array.from(candidates, (i) => one(user, i)),
    scoreAll: (user) => {
      const out = new Float32Array(items);
      for (let i = 0; i < items; i++) out[i] = one(user, i);
      return out;
    },
  };
}
