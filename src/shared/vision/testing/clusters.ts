// Synthetic embeddings for the custom-category tests: `perLabel` points around each of `labels`
// random centres in `dims` dimensions, with Gaussian noise of `spread` per coordinate (the centres'
// coordinates are uniform in [-1, 1], so spread 0.3 gives well separated clusters, 3 overlapping).
import { createRng } from '../../random';
import type { LabelledEmbedding } from '../types';

export function clusteredEmbeddings(options: { labels: string[]; perLabel: number; dims: number; spread: number; seed: number }): LabelledEmbedding[] {
  const rng = createRng(options.seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centres = options.labels.map(() => Float32Array.from({ length: options.dims }, () => rng.next() * 2 - 1));
  return options.labels.flatMap((label, c) =>
    Array.from({ length: options.perLabel }, () => ({ label, vector: Float32Array.from(centres[c]!, (x) => x + options.spread * gauss()) })),
  );
}
