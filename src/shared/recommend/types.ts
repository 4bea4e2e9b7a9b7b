// The shapes every recommender and the evaluation harness share. Users and items are dense
// indexes (0 … users−1, 0 … items−1); `ItemIndex`-style maps from real ids (a MovieLens movieId,
// a Montage item key such as "clip:…") live with whoever built the data (interactions.ts).
//
// Recommenders are pure modules (no I/O): the host runs the cheap ones (popularity, item CF) to
// answer "For you"; workers run the ones that train (ALS, BPR, EASE, NeuMF) and the harness.

/** Implicit feedback, one entry per interaction (repeats allowed), in time order within each user. */
export interface Interactions {
  users: number;
  items: number;
  user: Int32Array;
  item: Int32Array;
  /** Milliseconds (or any increasing unit); ties are kept in input order. */
  time: Float64Array;
  /** Strength of the interaction (1 for a plain one; more for a keep, less for a play). */
  weight: Float32Array;
  /** Optional grouping for co-occurrence (a session or a project), −1 where none. */
  context?: Int32Array;
}

/** A users × items matrix in compressed sparse rows: row u is indices[indptr[u] … indptr[u+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  /** Column indexes, ascending within a row, no repeats (repeated interactions are summed). */
  indices: Int32Array;
  values: Float32Array;
}

export interface FitOptions {
  seed: number;
  /** An AbortSignal (or anything with `aborted`): checked between iterations or epochs; a fit stops with an AbortError once it is set. */
  signal?: { readonly aborted: boolean; readonly reason?: unknown };
  /** 0…1, called now and then during a long fit. */
  onProgress?: (fraction: number) => void;
}

/** Why an item was recommended: the user's own items that contributed most, strongest first. */
export interface Because {
  item: number;
  weight: number;
}

export interface FittedRecommender {
  /** Scores of `candidates` for `user` (higher is better); items the user has are scored too. */
  score(user: number, candidates: Int32Array): Float32Array;
  /** Scores of every item for `user`, for top-N queries. */
  scoreAll(user: number): Float32Array;
  /** The user's items that explain `item`, where the model can say (item-based models). */
  explain?(user: number, item: number, limit: number): Because[];
}

export interface Recommender {
  /** Short stable name for tables and the CLI: "popularity", "itemknn", "als", "bpr", "ease", "neumf". */
  readonly name: string;
  /** Trains on `train` (the history, with held-out interactions removed by the caller). */
  fit(train: CsrMatrix, options: FitOptions): FittedRecommender | Promise<FittedRecommender>;
}
