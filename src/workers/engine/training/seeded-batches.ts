// Which examples go into which batch, as a pure function of (seed, step): each epoch visits every
// example once in an order shuffled from the seed and the epoch number, and batches run on across
// epoch boundaries. Because the order depends on nothing but the step, a run resumed from a
// checkpoint at step s draws exactly the batches the uninterrupted run would have drawn.
import { createRng } from '../../../shared/random';

export interface SeededBatches {
  readonly exampleCount: number;
  readonly batchSize: number;
  /** Steps that make one pass over the examples (the last batch of a pass may reach into the next). */
  readonly stepsPerEpoch: number;
  /** Example indices of the batch drawn at `step` (0-based). */
  indicesAt(step: number): Int32Array;
}

/** Fisher–Yates with the shared seeded generator; one stream per (seed, epoch). */
function epochOrder(count: number, seed: number, epoch: number): Int32Array {
  const rng = createRng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

export function createSeededBatches(exampleCount: number, batchSize: number, seed: number): SeededBatches {
  if (!Number.isInteger(exampleCount) || exampleCount < 1) throw new RangeError('At least one example is needed to make batches.');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer.');
  // The last epoch's order is kept: consecutive steps mostly fall in the same epoch.
  let cached: { epoch: number; order: Int32Array } | null = null;
  const orderOf = (epoch: number): Int32Array => {
    if (cached?.epoch !== epoch) cached = { epoch, order: epochOrder(exampleCount, seed, epoch) };
    return cached.order;
  };
  return {
    exampleCount,
    batchSize,
    stepsPerEpoch: Math.ceil(exampleCount / batchSize),
    indicesAt(step: number): Int32Array {
      if (!Number.isInteger(step) || step < 0) throw new RangeError(`Step ${step} is not a non-negative integer.`);
      const out = new Int32Array(batchSize);
      let position = step * batchSize;
      for (let i = 0; i < batchSize; i++, position++) {
        const epoch = Math.floor(position / exampleCount);
        out[i] = orderOf(epoch)[position - epoch * exampleCount] as number;
      }
      return out;
    },
  };
}
