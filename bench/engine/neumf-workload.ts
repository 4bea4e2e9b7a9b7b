// Workload 4: a NeuMF epoch (GMF with 8 factors + MLP 64-32-16-8, He et al. 2017) on 100k
// interactions with 4 sampled negatives each (500k examples, batches of 256, Adam 1e-3, BCE),
// MovieLens-100k sized (943 users, 1682 items), seeded synthetic data. The epoch time is the
// measured per-step time × steps per epoch (stated by the bench), as in bench/torch.
import * as tf from '@tensorflow/tfjs';
import { createSeededBatches } from '../../src/workers/engine/training/seeded-batches';
import { Trainer } from '../../src/workers/engine/training/trainer';
import { NeuMfNetwork } from '../../src/workers/models/neumf';

export const neumfShape = { users: 943, items: 1682, interactions: 100_000, negatives: 4, batch: 256, learningRate: 1e-3 };

export interface NcfData {
  users: Int32Array;
  items: Int32Array;
  labels: Float32Array;
}

export interface NcfBatch {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  labels: tf.Tensor2D;
}

export function ncfData(seed: number): NcfData {
  const { users, items, interactions, negatives } = neumfShape;
  const n = interactions * (1 + negatives);
  let s = seed >>> 0;
  const next = (m: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s % m);
  const data = { users: new Int32Array(n), items: new Int32Array(n), labels: new Float32Array(n) };
  for (let i = 0; i < n; i++) {
    data.users[i] = next(users);
    data.items[i] = next(items);
    data.labels[i] = i % (1 + negatives) === 0 ? 1 : 0;
  }
  return data;
}

export function ncfBatches(data: NcfData, seed: number): { stepsPerEpoch: number; batchAt(step: number): NcfBatch } {
  const order = createSeededBatches(data.users.length, neumfShape.batch, seed);
  return {
    stepsPerEpoch: order.stepsPerEpoch,
    batchAt(step) {
      const idx = order.indicesAt(step);
      const pick = <T extends Int32Array | Float32Array>(src: T, out: T): T => {
        idx.forEach((j, i) => (out[i] = src[j] as number));
        return out;
      };
      return {
        users: tf.tensor1d(pick(data.users, new Int32Array(idx.length)), 'int32'),
        items: tf.tensor1d(pick(data.items, new Int32Array(idx.length)), 'int32'),
        labels: tf.tensor2d(pick(data.labels, new Float32Array(idx.length)), [idx.length, 1]),
      };
    },
  };
}

export interface NcfWorkload {
  trainStep(batch: NcfBatch): Promise<number>;
  dispose(): void;
}

/**
 * The product's network (models/neumf.ts) trained by the engine's Trainer. Dense Adam by default,
 * the same optimiser as PyTorch's; `lazyEmbeddings` switches the tables to the engine's lazy
 * (row-sparse) Adam, which the product recommender uses — a different optimiser, timed apart.
 */
export class EngineNeuMf implements NcfWorkload {
  private readonly network = new NeuMfNetwork({ users: neumfShape.users, items: neumfShape.items, factors: 8, mlpLayers: [64, 32, 16, 8], seed: 1, initScale: 0.01 });
  private readonly trainer: Trainer<NcfBatch>;

  constructor(options: { lazyEmbeddings?: boolean } = {}) {
    this.trainer = new Trainer<NcfBatch>(
      { variables: this.network.variables, loss: (b) => this.network.loss(b.users, b.items, b.labels) },
      { learningRate: neumfShape.learningRate, lazyRows: options.lazyEmbeddings === true ? this.network.embeddingTables : undefined },
    );
  }

  async trainStep(batch: NcfBatch): Promise<number> {
    return (await this.trainer.trainStep(batch)).loss;
  }

  dispose(): void {
    this.trainer.dispose();
    this.network.dispose();
  }
}

/** NeuMF from tf.layers, trained with tf.train.adam (its embedding gradient needs UnsortedSegmentSum). */
export class StockNeuMf implements NcfWorkload {
  private readonly layers = {
    gmfUser: tf.layers.embedding({ inputDim: neumfShape.users, outputDim: 8 }),
    gmfItem: tf.layers.embedding({ inputDim: neumfShape.items, outputDim: 8 }),
    mlpUser: tf.layers.embedding({ inputDim: neumfShape.users, outputDim: 32 }),
    mlpItem: tf.layers.embedding({ inputDim: neumfShape.items, outputDim: 32 }),
    mlp1: tf.layers.dense({ units: 32, activation: 'relu' }),
    mlp2: tf.layers.dense({ units: 16, activation: 'relu' }),
    mlp3: tf.layers.dense({ units: 8, activation: 'relu' }),
    predict: tf.layers.dense({ units: 1 }),
  };
  private readonly optimizer = tf.train.adam(neumfShape.learningRate);

  constructor() {
    tf.tidy(() => this.loss({ users: tf.tensor1d([0], 'int32'), items: tf.tensor1d([0], 'int32'), labels: tf.zeros([1, 1]) }));
  }

  private loss(batch: NcfBatch): tf.Scalar {
    const l = this.layers;
    const embed = (layer: tf.layers.Layer, ids: tf.Tensor1D) => layer.apply(ids) as tf.Tensor2D;
    const gmf = tf.mul(embed(l.gmfUser, batch.users), embed(l.gmfItem, batch.items));
    const mlpIn = tf.concat([embed(l.mlpUser, batch.users), embed(l.mlpItem, batch.items)], 1);
    const mlp = l.mlp3.apply(l.mlp2.apply(l.mlp1.apply(mlpIn))) as tf.Tensor2D;
    const logits = l.predict.apply(tf.concat([gmf, mlp], 1)) as tf.Tensor2D;
    return tf.losses.sigmoidCrossEntropy(batch.labels, logits) as tf.Scalar;
  }

  async trainStep(batch: NcfBatch): Promise<number> {
    const loss = this.optimizer.minimize(() => this.loss(batch), true) as tf.Scalar;
    const value = (await loss.data())[0] as number;
    loss.dispose();
    return value;
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const layer of Object.values(this.layers)) layer.dispose();
  }
}
