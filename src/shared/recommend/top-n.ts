// Top-N selection for Montage's recommenders: the n best-scoring indexes of a score array by
// partial selection (a bounded min-heap, O(length · log n)), never a full sort. Ties go to the
// lower index, so a query is deterministic; NaN scores are never picked.

/** `a` ranks below `b`: a lower score, or the same score and a higher index. */
function worse(scores: ArrayLike<number>, a: number, b: number): boolean {
  const sa = scores[a] as number;
  const sb = scores[b] as number;
  return sa < sb || (sa === sb && a > b);
}

/** Restores the heap below `at` (the root holds the worst of the kept indexes). */
function siftDown(scores: ArrayLike<number>, heap: Int32Array, size: number, at: number): void {
  const moving = heap[at] as number;
  let i = at;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && worse(scores, heap[right] as number, heap[left] as number)) child = right;
    const c = heap[child] as number;
    if (!worse(scores, c, moving)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = moving;
}

function siftUp(scores: ArrayLike<number>, heap: Int32Array, at: number): void {
  const moving = heap[at] as number;
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as number;
    if (!worse(scores, moving, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = moving;
}

/** A bounded selection of the n best indexes offered to it. */
class Selection {
  private readonly heap: Int32Array;
  private readonly n: number;
  private size = 0;

  /** `n` is already capped at the number of candidates (so Infinity cannot reach here). */
  constructor(
    private readonly scores: ArrayLike<number>,
    n: number,
  ) {
    this.n = Math.max(0, Math.floor(n));
    this.heap = new Int32Array(this.n);
  }

  offer(index: number): void {
    const s = this.scores[index] as number;
    if (Number.isNaN(s) || this.n <= 0) return;
    if (this.size < this.n) {
      this.heap[this.size] = index;
      siftUp(this.scores, this.heap, this.size++);
    } else if (worse(this.scores, this.heap[0] as number, index)) {
      this.heap[0] = index;
      siftDown(this.scores, this.heap, this.size, 0);
    }
  }

  /** The kept indexes, best first (empties the selection). */
  take(): Int32Array {
    const out = new Int32Array(this.size);
    for (let k = this.size - 1; k >= 0; k--) {
      out[k] = this.heap[0] as number;
      this.heap[0] = this.heap[k] as number;
      siftDown(this.scores, this.heap, k, 0);
    }
    this.size = 0;
    return out;
  }
}

/**
 * The indexes of the `n` highest scores, best first (fewer when fewer are eligible). Indexes in
 * `exclude` (an item the user already has, say) and NaN scores are skipped.
 */
export function topN(scores: Float32Array, n: number, exclude?: Int32Array): Int32Array {
  const length = scores.length;
  let skip: Uint8Array | undefined;
  if (exclude && exclude.length > 0) {
    skip = new Uint8Array(length);
    for (let k = 0; k < exclude.length; k++) {
      const e = exclude[k] as number;
      if (e >= 0 && e < length) skip[e] = 1;
    }
  }
  const selection = new Selection(scores, Math.min(n, length));
  for (let i = 0; i < length; i++) if (!skip || skip[i] === 0) selection.offer(i);
  return selection.take();
}

/**
 * The `n` best of `candidates` (indexes into `scores`, no repeats), best first, with the same tie
 * and NaN rules as {@link topN}. `count` limits the candidates to the first `count` entries.
 */
export function topNAmong(scores: ArrayLike<number>, candidates: Int32Array, n: number, count = candidates.length): Int32Array {
  const selection = new Selection(scores, Math.min(n, count));
  for (let k = 0; k < count; k++) selection.offer(candidates[k] as number);
  return selection.take();
}
