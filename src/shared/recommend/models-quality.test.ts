// A seeded, cheap model-quality check: on a small latent-factor dataset every trained model must
// find a user's held-out item in its top 10 far more often than the popularity baseline.
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { createAls } from './als';
import { createBpr } from './bpr';
import { csrFromTriples, rowIndices } from './csr';
import { createEase } from './ease';
import { createItemKnn } from './item-knn';
import { createPopularity } from './popularity';
import { topN } from './top-n';
import type { CsrMatrix, Recommender } from './types';

/** 300 users × 200 items: each user picks 20 items by softmax of a rank-4 taste plus a popularity tilt, and the last is held out. */
function latentDataset(seed: number): { train: CsrMatrix; heldOut: number[] } {
  const users = 300;
  const items = 200;
  const f = 4;
  const rng = createRng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const u = Array.from({ length: users * f }, gauss);
  const v = Array.from({ length: items * f }, gauss);
  const rows: number[] = [];
  const cols: number[] = [];
  const heldOut: number[] = [];
  for (let user = 0; user < users; user++) {
    const weights = Array.from({ length: items }, (_, i) => {
      let s = -0.5 * Math.log(1 + i);
      for (let a = 0; a < f; a++) s += (u[user * f + a] as number) * (v[i * f + a] as number);
      return Math.exp(1.5 * s);
    });
    const picked: number[] = [];
    while (picked.length < 20) {
      const i = rng.weighted(weights);
      weights[i] = 0;
      picked.push(i);
    }
    heldOut.push(picked.pop() as number);
    for (const i of picked) {
      rows.push(user);
      cols.push(i);
    }
  }
  return { train: csrFromTriples(users, items, rows, cols), heldOut };
}

async function hitRate(model: Recommender, train: CsrMatrix, heldOut: number[]): Promise<number> {
  const fitted = await model.fit(train, { seed: 3 });
  let hits = 0;
  for (let user = 0; user < train.rows; user++) if (topN(fitted.scoreAll(user), 10, rowIndices(train, user)).includes(heldOut[user] as number)) hits++;
  return hits / train.rows;
}

describe('model quality on a latent-factor dataset', () => {
  const { train, heldOut } = latentDataset(1);

  it('beats popularity by a wide margin with every trained model', async () => {
    const baseline = await hitRate(createPopularity(), train, heldOut);
    expect(baseline).toBeGreaterThan(0.05);
    for (const model of [createItemKnn(), createAls(), createBpr(), createEase()]) {
      const rate = await hitRate(model, train, heldOut);
      expect({ model: model.name, better: rate > 2.5 * baseline }).toEqual({ model: model.name, better: true });
    }
  });
});
