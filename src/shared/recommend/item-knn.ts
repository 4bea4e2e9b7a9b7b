// Montage's item-based collaborative filtering: cosine similarity between item columns with
// shrinkage, optionally blended with item co-occurrence within contexts (sessions, projects) so
// that it still says something with a single local user; only each item's top-K neighbours are
// kept. It answers "For you" on the host and explains it ("because you kept X").
import { rowIndices, rowValues, transpose } from './csr';
import { topNAmong } from './top-n';
import type { Because, CsrMatrix, FitOptions, FittedRecommender, Recommender } from './types';
import { throwIfAborted } from './fit-control';

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 50). */
  neighbours?: number;
  /** Shrinkage added to the cosine denominator: sim = dot / (‖a‖‖b‖ + shrink) (default 10). */
  shrink?: number;
  /** Contexts × items (sessions or projects): co-occurrence within them is blended in. */
  contexts?: CsrMatrix;
  /** Share of the context similarity in the blend, 0…1: (1 − w)·users + w·contexts (default 0.5; used only with contexts). */
  contextWeight?: number;
  /** Shrinkage for the context similarity (default: `shrink`). */
  contextShrink?: number;
  /** Treat every stored value as 1, in the similarity and in the scores (default false). */
  binary?: boolean;
}

export interface FittedItemKnn extends FittedRecommender {
  explain(user: number, item: number, limit: number): Because[];
  /** Scores of every item for a history that need not be in the training matrix (the local user now). */
  scoreHistory(items: Int32Array, values?: Float32Array): Float32Array;
  /** The history's items that contributed most to `item`, strongest first. */
  explainHistory(items: Int32Array, values: Float32Array | undefined, item: number, limit: number): Because[];
  /** An item's kept neighbours, most similar first. */
  neighbours(item: number, limit?: number): Because[];
}

/** Kept neighbours: row j holds j's top-K neighbours, most similar first. */
interface Neighbours {
  ptr: Int32Array;
  index: Int32Array;
  sim: Float32Array;
}

function columnNorms(byItem: CsrMatrix, binary: boolean): Float64Array {
  const norms = new Float64Array(byItem.rows);
  for (let i = 0; i < byItem.rows; i++) {
    let sum = 0;
    for (let k = byItem.indptr[i] as number; k < (byItem.indptr[i + 1] as number); k++) {
      const v = binary ? 1 : (byItem.values[k] as number);
      sum += v * v;
    }
    norms[i] = Math.sqrt(sum);
  }
  return norms;
}

/**
 * Adds row `i` of XᵀX into `acc` (through the item's rows of Xᵀ and then X), listing every column
 * it touches for the first time in `touched`; returns the new touched count.
 */
function accumulate(x: CsrMatrix, xt: CsrMatrix, i: number, binary: boolean, acc: Float64Array, mark: Uint8Array, touched: Int32Array, count: number): number {
  let m = count;
  const { indptr, indices, values } = x;
  for (let k = xt.indptr[i] as number; k < (xt.indptr[i + 1] as number); k++) {
    const u = xt.indices[k] as number;
    const a = binary ? 1 : (xt.values[k] as number);
    const end = indptr[u + 1] as number;
    for (let q = indptr[u] as number; q < end; q++) {
      const j = indices[q] as number;
      if (mark[j] === 0) {
        mark[j] = 1;
        touched[m++] = j;
      }
      acc[j] = (acc[j] as number) + a * (binary ? 1 : (values[q] as number));
    }
  }
  return m;
}

function similarities(train: CsrMatrix, options: ItemKnnOptions, fit: FitOptions): Neighbours {
  const items = train.cols;
  const k = Math.max(0, Math.min(Math.floor(options.neighbours ?? 50), items - 1));
  const shrink = options.shrink ?? 10;
  const binary = options.binary ?? false;
  const contexts = options.contexts;
  if (contexts && contexts.cols !== items) throw new Error(`contexts have ${contexts.cols} items, the training matrix ${items}`);
  const w = contexts ? Math.min(1, Math.max(0, options.contextWeight ?? 0.5)) : 0;
  const contextShrink = options.contextShrink ?? shrink;

  const byItem = transpose(train);
  const norms = columnNorms(byItem, binary);
  const contextsByItem = contexts && w > 0 ? transpose(contexts) : undefined;
  const contextNorms = contextsByItem ? columnNorms(contextsByItem, binary) : undefined;

  const acc = new Float64Array(items);
  const accContext = new Float64Array(items);
  const sim = new Float64Array(items);
  const mark = new Uint8Array(items);
  const touched = new Int32Array(items);
  const ptr = new Int32Array(items + 1);
  const index = new Int32Array(items * k);
  const kept = new Float32Array(items * k);
  let filled = 0;
  for (let i = 0; i < items; i++) {
    if ((i & 255) === 0) throwIfAborted(fit.signal);
    let m = accumulate(train, byItem, i, binary, acc, mark, touched, 0);
    if (contexts && contextsByItem) m = accumulate(contexts, contextsByItem, i, binary, accContext, mark, touched, m);
    const ni = norms[i] as number;
    const ci = contextNorms ? (contextNorms[i] as number) : 0;
    for (let t = 0; t < m; t++) {
      const j = touched[t] as number;
      let s = 0;
      const dot = acc[j] as number;
      if (dot !== 0) s += ((1 - w) * dot) / (ni * (norms[j] as number) + shrink);
      const dotContext = accContext[j] as number;
      if (dotContext !== 0 && contextNorms) s += (w * dotContext) / (ci * (contextNorms[j] as number) + contextShrink);
      // Only positive similarities to other items are kept; NaN is never selected.
      sim[j] = j !== i && s > 0 ? s : Number.NaN;
    }
    const best = topNAmong(sim, touched, k, m);
    for (let b = 0; b < best.length; b++) {
      const j = best[b] as number;
      index[filled] = j;
      kept[filled++] = sim[j] as number;
    }
    ptr[i + 1] = filled;
    for (let t = 0; t < m; t++) {
      const j = touched[t] as number;
      acc[j] = 0;
      accContext[j] = 0;
      mark[j] = 0;
    }
  }
  return { ptr, index: index.slice(0, filled), sim: kept.slice(0, filled) };
}

/** The recommender, typed so that a synchronous fit hands back the model's own extras. */
export interface ItemKnnRecommender extends Recommender {
  fit(train: CsrMatrix, options: FitOptions): FittedItemKnn;
}

export function createItemKnn(options: ItemKnnOptions = {}): ItemKnnRecommender {
  const binary = options.binary ?? false;
  return {
    name: 'itemknn',
    fit(train: CsrMatrix, fit: FitOptions): FittedItemKnn {
      const items = train.cols;
      const { ptr, index, sim } = similarities(train, options, fit);
      fit.onProgress?.(1);

      const scoreHistory = (history: Int32Array, values?: Float32Array): Float32Array => {
        const out = new Float32Array(items);
        for (let h = 0; h < history.length; h++) {
          const j = history[h] as number;
          const r = binary || !values ? 1 : (values[h] as number);
          for (let q = ptr[j] as number; q < (ptr[j + 1] as number); q++) {
            const i = index[q] as number;
            out[i] = (out[i] as number) + r * (sim[q] as number);
          }
        }
        return out;
      };

      const explainHistory = (history: Int32Array, values: Float32Array | undefined, item: number, limit: number): Because[] => {
        const weight = new Float64Array(history.length);
        const positions = new Int32Array(history.length);
        let count = 0;
        for (let h = 0; h < history.length; h++) {
          const j = history[h] as number;
          for (let q = ptr[j] as number; q < (ptr[j + 1] as number); q++) {
            if (index[q] !== item) continue;
            const r = binary || !values ? 1 : (values[h] as number);
            const contribution = r * (sim[q] as number);
            if (contribution > 0) {
              weight[h] = contribution;
              positions[count++] = h;
            }
            break;
          }
        }
        return Array.from(topNAmong(weight, positions, limit, count), (h) => ({ item: history[h] as number, weight: weight[h] as number }));
      };

      const scoreAll = (user: number): Float32Array => scoreHistory(rowIndices(train, user), rowValues(train, user));

      return {
        scoreAll,
        score: (user, candidates) => {
          const all = scoreAll(user);
          const out = new Float32Array(candidates.length);
          for (let c = 0; c < candidates.length; c++) out[c] = all[candidates[c] as number] as number;
          return out;
        },
        scoreHistory,
        explainHistory,
        explain: (user, item, limit) => explainHistory(rowIndices(train, user), rowValues(train, user), item, limit),
        neighbours: (item, limit = Infinity) => {
          const out: Because[] = [];
          for (let q = ptr[item] as number; q < (ptr[item + 1] as number) && out.length < limit; q++) out.push({ item: index[q] as number, weight: sim[q] as number });
          return out;
        },
      };
    },
  };
}
