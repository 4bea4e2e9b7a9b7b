// Timing for the engine benchmark: median milliseconds per iteration after warm-up, with a time
// budget so slow configurations (the pure-JS cpu backend, stock layers) run fewer iterations
// instead of for hours. The figure says how many iterations it rests on.
export interface Timing {
  /** Median ms per iteration; null when skipped or failed. */
  ms: number | null;
  iterations: number;
  note?: string;
}

export interface TimingOptions {
  warmup: number;
  iterations: number;
  /** Stop adding iterations once this much time went into timed ones (at least one always runs). */
  budgetMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Runs fn warmup times untimed, then up to `iterations` timed runs within the budget. */
export async function timeIt(fn: () => Promise<unknown> | unknown, options: TimingOptions): Promise<Timing> {
  try {
    for (let i = 0; i < options.warmup; i++) await fn();
    const times: number[] = [];
    const started = performance.now();
    while (times.length < options.iterations && (times.length === 0 || performance.now() - started < options.budgetMs)) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    return { ms: median(times), iterations: times.length };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ms: null, iterations: 0, note: `failed: ${message}` };
  }
}

export const skipped = (why: string): Timing => ({ ms: null, iterations: 0, note: `skipped: ${why}` });
