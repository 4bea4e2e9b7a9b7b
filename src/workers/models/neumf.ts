// NeuMF (He et al. 2017, "Neural Collaborative Filtering"): a GMF branch (the element-wise
// product of a user and an item embedding) and an MLP branch (a tower over the concatenated user
// and item embeddings of its own) joined by one linear layer into the logit of "the user has the
// item". Trained on implicit feedback with binary cross-entropy: every observed (user, item) is a
// positive, and each epoch draws `negatives` fresh items per positive among the user's other
// items (seeded). No pre-training of the two branches (the paper's optional step).
//
// `NeuMfNetwork` is the network alone, built from engine blocks; `bench/engine/neumf-workload.ts`
// times the same network. `NeuMfRecommender` is the product recommender (shared/recommend/types).
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../shared/random';
import { rowIndices } from '../../shared/recommend/csr';
import type { CsrMatrix, FitOptions, FittedRecommender, Recommender } from '../../shared/recommend/types';
import { sigmoidCrossEntropy } from '../engine/kernels/fused-kernels';
import { concatColumns } from '../engine/kernels/row-kernels';
import { Dense } from '../engine/layers/dense';
import { Embedding } from '../engine/layers/embedding';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import { Trainer } from '../engine/training/trainer';
import { throwIfAborted } from '../../shared/recommend/fit-control';

export interface NeuMfNetworkSpec {
  users: number;
  items: number;
  /** GMF embedding size (the paper's "predictive factors"). */
  factors: number;
  /**
   * The MLP tower's widths: the first is the concatenated user+item embedding (each half of it),
   * the rest are ReLU layers; the paper's [64, 32, 16, 8] gives embeddings of 32 and layers
   * 32-16-8.
   */
  mlpLayers: readonly number[];
  seed: number;
  /** Embedding initial values are uniform in ±initScale (default 0.01). */
  initScale?: number;
}

/** The NeuMF network: ids in, logits out. Its variables are named for the engine's Adam. */
export class NeuMfNetwork {
  readonly gmfUser: Embedding;
  readonly gmfItem: Embedding;
  readonly mlpUser: Embedding;
  readonly mlpItem: Embedding;
  readonly mlp: Dense[];
  readonly predict: Dense;
  readonly variables: NamedVariables;

  constructor(readonly spec: NeuMfNetworkSpec) {
    const { users, items, factors, mlpLayers, seed } = spec;
    const positive = (n: number) => Number.isInteger(n) && n > 0;
    if (!positive(users) || !positive(items)) throw new RangeError(`NeuMF needs at least one user and one item (got ${users} × ${items}).`);
    if (!positive(factors)) throw new RangeError(`NeuMF factors must be a positive integer (got ${factors}).`);
    const [input, ...hidden] = mlpLayers;
    if (input === undefined || !positive(input) || input % 2 !== 0 || !hidden.every(positive)) {
      throw new RangeError(`NeuMF mlpLayers must start with an even embedding width and hold positive integers (got [${mlpLayers.join(', ')}]).`);
    }
    const scale = spec.initScale ?? 0.01;
    this.gmfUser = new Embedding({ vocabSize: users, dim: factors, seed, scale });
    this.gmfItem = new Embedding({ vocabSize: items, dim: factors, seed: seed + 1, scale });
    this.mlpUser = new Embedding({ vocabSize: users, dim: input / 2, seed: seed + 2, scale });
    this.mlpItem = new Embedding({ vocabSize: items, dim: input / 2, seed: seed + 3, scale });
    const widths = [input, ...hidden];
    this.mlp = hidden.map((units, i) => new Dense({ inputSize: widths[i] as number, units, seed: seed + 4 + i, activation: 'relu' }));
    this.predict = new Dense({ inputSize: factors + (widths.at(-1) as number), units: 1, seed: seed + 4 + hidden.length });
    const blocks: Record<string, Embedding | Dense> = { gmfUser: this.gmfUser, gmfItem: this.gmfItem, mlpUser: this.mlpUser, mlpItem: this.mlpItem };
    this.mlp.forEach((layer, i) => (blocks[`mlp${i + 1}`] = layer));
    blocks.predict = this.predict;
    this.variables = collectVariables(blocks);
  }

  /** The variable names of the four embedding tables (for Adam's lazyRows). */
  get embeddingTables(): string[] {
    return ['gmfUser/table', 'gmfItem/table', 'mlpUser/table', 'mlpItem/table'];
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  /** users, items int32 [n] → logits [n, 1]. Differentiable in the variables; no tidy of its own. */
  logits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor2D {
    const gmf = tf.mul<tf.Tensor2D>(this.gmfUser.apply(users), this.gmfItem.apply(items));
    let mlp = concatColumns([this.mlpUser.apply(users), this.mlpItem.apply(items)]);
    for (const layer of this.mlp) mlp = layer.apply(mlp);
    return this.predict.apply(concatColumns([gmf, mlp]));
  }

  /** Mean binary cross-entropy of the logits against labels [n, 1] (1 = interaction). */
  loss(users: tf.Tensor1D, items: tf.Tensor1D, labels: tf.Tensor2D): tf.Scalar {
    return sigmoidCrossEntropy(labels, this.logits(users, items));
  }

  dispose(): void {
    for (const block of [this.gmfUser, this.gmfItem, this.mlpUser, this.mlpItem, ...this.mlp, this.predict]) block.dispose();
  }
}

export interface NeuMfOptions {
  factors: number;
  mlpLayers: readonly number[];
  epochs: number;
  batch: number;
  learningRate: number;
  /** Sampled non-items per positive, drawn afresh every epoch. */
  negatives: number;
  /**
   * Lazy Adam on the four embedding tables (engine AdamOptions.lazyRows, as TensorFlow's
   * LazyAdam): a step updates only the users' and items' rows in its batch. Not the paper's dense
   * Adam (rows not in a batch keep their moments instead of decaying and drifting), but the
   * usual choice for recommenders, and a step then costs O(batch) instead of O(users + items).
   */
  lazyEmbeddings: boolean;
}

/**
 * The paper's setting for MovieLens-1M / Pinterest (8 factors, MLP 64-32-16-8, 4 negatives,
 * batch 256, Adam 1e-3), with 10 epochs: on MovieLens-100k (100k interactions → ~2000 steps per
 * epoch) that is where held-out hit rate levels off without pre-training.
 */
export const neuMfDefaults: Readonly<NeuMfOptions> = Object.freeze({
  factors: 8,
  mlpLayers: Object.freeze([64, 32, 16, 8]),
  epochs: 10,
  batch: 256,
  learningRate: 1e-3,
  negatives: 4,
  lazyEmbeddings: true,
});

interface Batch {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  labels: tf.Tensor2D;
}

type Signal = FitOptions['signal'];


/** Lets timers and I/O run (a cancel arrives through them), then checks the signal. */
async function yieldToEvents(signal: Signal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal, 'The NeuMF fit');
}

/** One stream of random numbers per (seed, epoch). */
const epochRng = (seed: number, epoch: number): Rng => createRng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);

/** True when sorted `row` holds `item`. */
function hasItem(row: Int32Array, item: number): boolean {
  let lo = 0;
  let hi = row.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = row[mid] as number;
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The items a user does not have, for users who have most items (rejection sampling would spin). */
function complement(row: Int32Array, items: number): Int32Array {
  const out = new Int32Array(items - row.length);
  let k = 0;
  let r = 0;
  for (let i = 0; i < items; i++) {
    if (r < row.length && row[r] === i) r++;
    else out[k++] = i;
  }
  return out;
}

interface Examples {
  users: Int32Array;
  items: Int32Array;
  labels: Float32Array;
  count: number;
}

/** Every positive of `train` followed by its sampled negatives, shuffled, for one epoch. */
function epochExamples(train: CsrMatrix, negatives: number, rng: Rng): Examples {
  const capacity = train.indices.length * (1 + negatives);
  const users = new Int32Array(capacity);
  const items = new Int32Array(capacity);
  const labels = new Float32Array(capacity);
  let n = 0;
  for (let u = 0; u < train.rows; u++) {
    const row = rowIndices(train, u);
    if (row.length === 0) continue;
    const free = train.cols - row.length;
    const pool = free > 0 && row.length * 2 > train.cols ? complement(row, train.cols) : null;
    for (const positive of row) {
      users[n] = u;
      items[n] = positive;
      labels[n++] = 1;
      if (free === 0) continue;
      for (let k = 0; k < negatives; k++) {
        let j: number;
        if (pool) j = pool[rng.int(pool.length)] as number;
        else do j = rng.int(train.cols);
        while (hasItem(row, j));
        users[n] = u;
        items[n] = j;
        labels[n++] = 0;
      }
    }
  }
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const [tu, ti, tl] = [users[i] as number, items[i] as number, labels[i] as number];
    users[i] = users[j] as number;
    items[i] = items[j] as number;
    labels[i] = labels[j] as number;
    users[j] = tu;
    items[j] = ti;
    labels[j] = tl;
  }
  return { users, items, labels, count: n };
}

/** Rows scored per forward pass when scoring. */
const scoreChunk = 4096;

/** A trained NeuMF: scores are the predicted probability of an interaction. Owns its weights. */
export class FittedNeuMf implements FittedRecommender {
  private disposed = false;

  constructor(readonly network: NeuMfNetwork) {}

  score(user: number, candidates: Int32Array): Float32Array {
    this.checkUser(user);
    const items = this.network.spec.items;
    for (const item of candidates) {
      if (!(Number.isInteger(item) && item >= 0 && item < items)) throw new RangeError(`Item ${item} is outside 0…${items - 1}.`);
    }
    return this.forward(user, candidates);
  }

  scoreAll(user: number): Float32Array {
    this.checkUser(user);
    const all = new Int32Array(this.network.spec.items);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return this.forward(user, all);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.network.dispose();
  }

  private forward(user: number, items: Int32Array): Float32Array {
    const out = new Float32Array(items.length);
    for (let start = 0; start < items.length; start += scoreChunk) {
      const chunk = items.subarray(start, Math.min(items.length, start + scoreChunk));
      const values = tf.tidy(() => {
        const users = tf.fill([chunk.length], user, 'int32') as tf.Tensor1D;
        const probabilities = tf.sigmoid(this.network.logits(users, tf.tensor1d(chunk, 'int32')));
        return probabilities.dataSync();
      });
      out.set(values, start);
    }
    return out;
  }

  private checkUser(user: number): void {
    if (this.disposed) throw new Error('This NeuMF model was disposed.');
    const users = this.network.spec.users;
    if (!(Number.isInteger(user) && user >= 0 && user < users)) throw new RangeError(`User ${user} is outside 0…${users - 1}.`);
  }
}

/** Batches between progress reports and event-loop yields (where a cancel gets in). */
const reportEvery = 16;

export class NeuMfRecommender implements Recommender {
  readonly name = 'neumf';
  readonly options: Readonly<NeuMfOptions>;

  constructor(options: Partial<NeuMfOptions> = {}) {
    this.options = { ...neuMfDefaults, ...options };
    const { epochs, batch, learningRate, negatives } = this.options;
    if (!(Number.isInteger(epochs) && epochs >= 0)) throw new RangeError(`NeuMF epochs must be a non-negative integer (got ${epochs}).`);
    if (!(Number.isInteger(batch) && batch > 0)) throw new RangeError(`NeuMF batch must be a positive integer (got ${batch}).`);
    if (!(Number.isInteger(negatives) && negatives >= 0)) throw new RangeError(`NeuMF negatives must be a non-negative integer (got ${negatives}).`);
    if (!(learningRate > 0)) throw new RangeError(`NeuMF learningRate must be positive (got ${learningRate}).`);
  }

  async fit(train: CsrMatrix, { seed, signal, onProgress }: FitOptions): Promise<FittedNeuMf> {
    throwIfAborted(signal, 'The NeuMF fit');
    const { factors, mlpLayers, epochs, batch, learningRate, negatives, lazyEmbeddings } = this.options;
    const network = new NeuMfNetwork({ users: train.rows, items: train.cols, factors, mlpLayers, seed });
    const trainer = new Trainer<Batch>(
      { variables: network.variables, loss: (b) => network.loss(b.users, b.items, b.labels) },
      { learningRate, lazyRows: lazyEmbeddings ? network.embeddingTables : undefined },
    );
    try {
      const positives = train.indices.length;
      const stepsPerEpoch = Math.ceil((positives * (1 + negatives)) / batch);
      const totalSteps = epochs * stepsPerEpoch;
      let step = 0;
      for (let epoch = 0; epoch < epochs && positives > 0; epoch++) {
        const examples = epochExamples(train, negatives, epochRng(seed, epoch));
        for (let start = 0; start < examples.count; start += batch) {
          const end = Math.min(examples.count, start + batch);
          const b: Batch = {
            users: tf.tensor1d(examples.users.slice(start, end), 'int32'),
            items: tf.tensor1d(examples.items.slice(start, end), 'int32'),
            labels: tf.tensor2d(examples.labels.slice(start, end), [end - start, 1]),
          };
          try {
            await trainer.trainStep(b);
          } finally {
            tf.dispose([b.users, b.items, b.labels]);
          }
          step++;
          if (step % reportEvery === 0) {
            onProgress?.(step / totalSteps);
            await yieldToEvents(signal);
          } else throwIfAborted(signal, 'The NeuMF fit');
        }
      }
      onProgress?.(1);
      return new FittedNeuMf(network);
    } catch (err) {
      network.dispose();
      throw err;
    } finally {
      trainer.dispose();
    }
  }
}
