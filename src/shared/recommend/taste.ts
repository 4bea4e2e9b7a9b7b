// Predicted taste for generated material: the chance the user keeps a generated clip (or accepts a
// scene suggestion), learnt from what they kept and discarded before, so new results can be shown
// best first. A small L2-regularised logistic regression on a few standardised features of each
// result, fitted by Newton's method (the data are a few hundred decisions at most).
import type { ClipSummary } from '../api/history';

export interface TasteExample {
  x: readonly number[];
  kept: boolean;
}

export interface TasteModel {
  /** Probability of a keep, 0…1. */
  predict(x: readonly number[]): number;
  /** Decisions it learnt from. */
  examples: number;
}

/** Fewest decisions, and of each kind, before the order is changed (fewer say too little). */
export const minTasteExamples = 6;

/** What a generated clip is like: density, register, span, in-key share, notes per bar, temperature. */
export function clipTasteFeatures(clip: ClipSummary, temperature: number | null | undefined): number[] {
  const low = clip.lowPitch ?? 60;
  const high = clip.highPitch ?? 60;
  return [clip.density, (low + high) / 2, high - low, clip.inScaleRate ?? 1, clip.bars > 0 ? clip.notes / clip.bars : 0, temperature ?? 1];
}

/** What a proposed scene is like: interior, exterior, night, how many characters, how long its beat is. */
export function sceneTasteFeatures(scene: { intExt: string; time: string; characters: number; beatWords: number }): number[] {
  return [scene.intExt.startsWith('INT') ? 1 : 0, scene.intExt.endsWith('EXT') ? 1 : 0, /NIGHT|EVENING|DUSK/i.test(scene.time) ? 1 : 0, scene.characters, scene.beatWords];
}

/** Fits the model, or null while there are too few decisions (or only keeps, or only discards). */
export function fitTaste(examples: readonly TasteExample[], l2 = 1): TasteModel | null {
  const kept = examples.filter((e) => e.kept).length;
  if (examples.length < minTasteExamples || kept === 0 || kept === examples.length) return null;
  const d = (examples[0] as TasteExample).x.length;
  // Standardise each feature (a constant one is left at 0).
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  for (let j = 0; j < d; j++) {
    const col = examples.map((e) => e.x[j] ?? 0);
    const m = col.reduce((a, b) => a + b, 0) / col.length;
    const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length);
    mean[j] = m;
    scale[j] = sd > 1e-9 ? sd : 0;
  }
  const z = (x: readonly number[]): number[] => [1, ...x.map((v, j) => (scale[j] ? (v - (mean[j] as number)) / (scale[j] as number) : 0))];
  const rows = examples.map((e) => ({ x: z(e.x), y: e.kept ? 1 : 0 }));
  const n = d + 1;
  const w = new Array<number>(n).fill(0);
  for (let iter = 0; iter < 25; iter++) {
    // Gradient and Hessian of the penalised log-loss (the intercept is not penalised).
    const g = new Array<number>(n).fill(0);
    const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const { x, y } of rows) {
      const p = 1 / (1 + Math.exp(-x.reduce((a, v, j) => a + v * (w[j] as number), 0)));
      for (let i = 0; i < n; i++) {
        g[i] = (g[i] as number) + (p - y) * (x[i] as number);
        for (let j = 0; j < n; j++) (h[i] as number[])[j] = ((h[i] as number[])[j] as number) + p * (1 - p) * (x[i] as number) * (x[j] as number);
      }
    }
    for (let i = 1; i < n; i++) {
      g[i] = (g[i] as number) + l2 * (w[i] as number);
      (h[i] as number[])[i] = ((h[i] as number[])[i] as number) + l2;
    }
    (h[0] as number[])[0] = ((h[0] as number[])[0] as number) + 1e-6;
    const step = solve(h, g);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      w[i] = (w[i] as number) - (step[i] as number);
      moved = Math.max(moved, Math.abs(step[i] as number));
    }
    if (moved < 1e-8) break;
  }
  return {
    examples: examples.length,
    predict: (x) => 1 / (1 + Math.exp(-z(x).reduce((a, v, j) => a + v * (w[j] as number), 0))),
  };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}
