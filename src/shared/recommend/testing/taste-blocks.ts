// A fixture the recommender tests share: two groups of 8 users, each liking its own 6 items (0–5,
// 6–11), every user missing one of them; a model that learns the structure ranks each user's
// missing item above every item of the other group.
import { expect } from 'vitest';
import { csrFromTriples } from '../csr';
import type { CsrMatrix } from '../types';

export function blocks(): { train: CsrMatrix; heldOut: number[] } {
  const rows: number[] = [];
  const cols: number[] = [];
  const heldOut: number[] = [];
  for (let u = 0; u < 16; u++) {
    const base = u < 8 ? 0 : 6;
    const missing = base + (u % 6);
    heldOut.push(missing);
    for (let i = base; i < base + 6; i++) {
      if (i === missing) continue;
      rows.push(u);
      cols.push(i);
    }
  }
  return { train: csrFromTriples(16, 12, rows, cols), heldOut };
}

/** Each user's missing item scores above every item of the other group. */
export function expectBlocks(fitted: { scoreAll(user: number): Float32Array }, heldOut: number[]): void {
  for (let u = 0; u < 16; u++) {
    const scores = fitted.scoreAll(u);
    const own = scores[heldOut[u] as number] as number;
    const otherBase = u < 8 ? 6 : 0;
    for (let i = otherBase; i < otherBase + 6; i++) expect(own).toBeGreaterThan(scores[i] as number);
  }
}
