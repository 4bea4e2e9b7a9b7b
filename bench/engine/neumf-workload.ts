// Workload 4: a NeuMF epoch (GMF with 8 factors + MLP 64-32-16-8, He et al. 2017) on 100k
// interactions with 4 sampled negatives each (500k examples, batches of 256, Adam 1e-3, BCE),
// MovieLens-100k sized (943 users, 1682 items), seeded synthetic data. The epoch time is the
// measured per-step time × steps per epoch (stated by the bench), as in bench/torch.
import * as tf from '@tensorflow/tfjs';
import { Dense } from '../../src/workers/engine/layers/dense';
import { Embedding } from '../../src/workers/engine/layers/embedding';
import { collectVariables } from '../../src/workers/engine/layers/layer';
import { createSeededBatches } from '../../src/workers/engine/training/seeded-batches';
import { Trainer } from '../../src/workers/engine/training/trainer';

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

export class EngineNeuMf implements NcfWorkload {
  private readonly blocks = {
    gmfUser: new Embedding({ vocabSize: neumfShape.users, dim: 8, seed: 1, scale: 0.01 }),
    gmfItem: new Embedding({ vocabSize: neumfShape.items, dim: 8, seed: 2, scale: 0.01 }),
    mlpUser: new Embedding({ vocabSize: neumfShape.users, dim: 32, seed: 3, scale: 0.01 }),
    mlpItem: new Embedding({ vocabSize: neumfShape.items, dim: 32, seed: 4, scale: 0.01 }),
    mlp1: new Dense({ inputSize: 64, units: 32, seed: 5, activation: 'relu' }),
    mlp2: new Dense({ inputSize: 32, units: 16, seed: 6, activation: 'relu' }),
    mlp3: new Dense({ inputSize: 16, units: 8, seed: 7, activation: 'relu' }),
    predict: new Dense({ inputSize: 16, units: 1, seed: 8 }),
  };
  private readonly trainer = new Trainer<NcfBatch>(
    { variables: collectVariables(this.blocks), loss: (b) => this.loss(b) },
    { learningRate: neumfShape.learningRate },
  );

  private loss(batch: NcfBatch): tf.Scalar {
    const k = this.blocks;
    const gmf = tf.mul(k.gmfUser.apply(batch.users), k.gmfItem.apply(batch.items));
    const mlp = k.mlp3.apply(k.mlp2.apply(k.mlp1.apply(tf.concat([k.mlpUser.apply(batch.users), k.mlpItem.apply(batch.items)], 1))));
    const logits = k.predict.apply(tf.concat([gmf, mlp], 1) as tf.Tensor2D);
    return tf.losses.sigmoidCrossEntropy(batch.labels, logits) as tf.Scalar;
  }

  async trainStep(batch: NcfBatch): Promise<number> {
    return (await this.trainer.trainStep(batch)).loss;
  }

  dispose(): void {
    this.trainer.dispose();
    for (const block of Object.values(this.blocks)) block.dispose();
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
