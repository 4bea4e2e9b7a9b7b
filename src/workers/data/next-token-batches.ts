// Turns token sequences into next-token training batches: the inputs are tokens 0…T-1 of each
// sequence and the targets tokens 1…T. Plain typed arrays (batch-major), so the pipeline stays
// pure and testable; models convert a batch to tensors in their own layout.
import { createRng } from '../../shared/random';

export interface TokenBatch {
  batchSize: number;
  /** Time steps per row (sequence length minus one). */
  length: number;
  /** batchSize × length tokens, row by row. */
  inputs: Int32Array;
  /** The token that follows each input token. */
  targets: Int32Array;
}

export interface TokenBatchSource {
  next(): TokenBatch;
}

/**
 * Draws batches from the sequences in a seeded shuffled order, reshuffling after each pass
 * (every sequence is seen once per epoch, and runs repeat for a seed).
 */
export function createNextTokenBatches(
  sequences: readonly Int32Array[],
  batchSize: number,
  seed: number,
): TokenBatchSource {
  const first = sequences[0];
  if (!first) throw new RangeError('At least one sequence is needed to make batches.');
  const sequenceLength = first.length;
  if (sequenceLength < 2) throw new RangeError('Sequences need at least two tokens (an input and a target).');
  if (sequences.some((s) => s.length !== sequenceLength)) throw new RangeError('All sequences must have the same length.');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer.');

  const rng = createRng(seed);
  const order = sequences.map((_, i) => i);
  let cursor = order.length;
  const nextIndex = (): number => {
    if (cursor >= order.length) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      cursor = 0;
    }
    return order[cursor++] as number;
  };

  const length = sequenceLength - 1;
  return {
    next(): TokenBatch {
      const inputs = new Int32Array(batchSize * length);
      const targets = new Int32Array(batchSize * length);
      for (let row = 0; row < batchSize; row++) {
        const sequence = sequences[nextIndex()] as Int32Array;
        inputs.set(sequence.subarray(0, length), row * length);
        targets.set(sequence.subarray(1), row * length);
      }
      return { batchSize, length, inputs, targets };
    },
  };
}
