// The recommenders `montage eval recommend` and the benchmarks compare, by name, with the settings
// they are evaluated at. NeuMF trains on the engine (src/workers/models/neumf.ts), so the CLI adds
// it itself. EASE's dense item × item solve takes the 4,000 most-used items of a larger catalogue
// and ranks the long tail after them (λ = 500: the best of 250/500/1000 on MovieLens latest-small).
import { createAls } from './als';
import { createBpr } from './bpr';
import { createEase } from './ease';
import { createItemKnn } from './item-knn';
import { createPopularity } from './popularity';
import type { Recommender } from './types';

export const recommenderNames = ['popularity', 'itemknn', 'als', 'bpr', 'ease', 'neumf'] as const;
export type RecommenderName = (typeof recommenderNames)[number];

/** The most items EASE solves for (a 4,000-item solve takes tens of seconds). */
export const easeMaxItems = 4000;

/** The classical models of `names` (NeuMF is not among them: see the file comment). */
export function classicalRecommenders(names: readonly RecommenderName[]): Recommender[] {
  const models: Recommender[] = [];
  for (const name of names) {
    if (name === 'popularity') models.push(createPopularity());
    else if (name === 'itemknn') models.push(createItemKnn({ neighbours: 100, shrink: 10 }));
    else if (name === 'als') models.push(createAls({ factors: 64, iterations: 15 }));
    else if (name === 'bpr') models.push(createBpr({ factors: 64, epochs: 30 }));
    else if (name === 'ease') models.push(createEase({ regularization: 500, maxItems: easeMaxItems, overflow: 'most-used' }));
  }
  return models;
}
