// Trains the dense head for custom categories (src/shared/vision/dense-head.ts applies it): one
// softmax layer over L2-normalised embeddings, fitted by full-batch Adam on cross-entropy plus an
// L2 penalty on the weights. Softmax regression is convex, so it starts from zero weights and the
// same examples always give the same head. It beats nearest neighbours once a category has many
// varied examples; with a handful, k-NN (src/shared/vision/knn.ts) needs no training at all.
// Progress is reported after every epoch; an aborted signal stops it between epochs.
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../shared/api/errors';
import { l2Normalize } from '../../shared/vision/cosine';
import type { DenseHead } from '../../shared/vision/dense-head';
import { distinctLabels, labelKey } from '../../shared/vision/labels';
import type { LabelledEmbedding } from '../../shared/vision/types';

export interface HeadProgress {
  epoch: number;
  epochs: number;
  loss: number;
  /** On the training examples. */
  accuracy: number;
}

export interface TrainHeadOptions {
  epochs?: number;
  learningRate?: number;
  /** Weight of the L2 penalty on the weights. */
  l2?: number;
  signal?: AbortSignal;
  onProgress?: (p: HeadProgress) => void;
}

export interface TrainedHead extends DenseHead {
  loss: number;
  accuracy: number;
  epochs: number;
}

export async function trainDenseHead(examples: readonly LabelledEmbedding[], options: TrainHeadOptions = {}): Promise<TrainedHead> {
  const labels = distinctLabels(examples.map((e) => e.label));
  if (labels.length < 2) throw new StudioError('invalid-argument', 'Custom categories need examples of at least two categories to train on.');
  const dims = examples[0]!.vector.length;
  if (examples.some((e) => e.vector.length !== dims)) throw new StudioError('invalid-argument', 'Every example must have an embedding of the same length.');
  const epochs = options.epochs ?? 100;
  const l2 = options.l2 ?? 1e-3;
  const classOf = new Map(labels.map((l, i) => [labelKey(l), i]));
  const n = examples.length;
  const classes = labels.length;
  const xData = new Float32Array(n * dims);
  examples.forEach((e, i) => xData.set(l2Normalize(e.vector), i * dims));
  const targets = Int32Array.from(examples, (e) => classOf.get(labelKey(e.label))!);

  const x = tf.tensor2d(xData, [n, dims]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(targets, 'int32'), classes).toFloat());
  const w = tf.variable(tf.zeros([dims, classes]), true, undefined);
  const b = tf.variable(tf.zeros([classes]), true, undefined);
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  const logits = (): tf.Tensor2D => tf.add(tf.matMul(x, w), b);
  let loss = NaN;
  let accuracy = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const cost = optimizer.minimize(() => tf.add(tf.losses.softmaxCrossEntropy(y, logits()), tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar, true, [w, b]);
      loss = (await cost!.data())[0]!;
      cost!.dispose();
      const predicted = tf.tidy(() => logits().argMax(1));
      const p = await predicted.data();
      predicted.dispose();
      accuracy = targets.reduce((acc, t, i) => acc + (p[i] === t ? 1 : 0), 0) / n;
      options.onProgress?.({ epoch, epochs, loss, accuracy });
      // Let a cancel (an IPC message in a session process) in between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw new StudioError('cancelled', 'Training the categories was cancelled.');
    }
    return { labels, dims, weights: new Float32Array(await w.data()), bias: new Float32Array(await b.data()), loss, accuracy, epochs };
  } finally {
    tf.dispose([x, y, w, b]);
    optimizer.dispose();
  }
}
