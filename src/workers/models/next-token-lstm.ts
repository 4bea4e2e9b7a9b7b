// A one-layer LSTM next-token model (one-hot tokens → LSTM → softmax over the vocabulary), trained
// with Adam: the benchmark's workload and the simplest sequence model the studio can train.
//
// Written from tfjs ops rather than tf.layers because the layers LSTM is ~2.5× slower to train on
// wasm here: its matMul gradients use the slow transposed products (see transpose-free-mat-mul.ts),
// and its Embedding gradient needs UnsortedSegmentSum, which tfjs-wasm 4.22 does not implement.
// The input side of all time steps is one big matMul ([steps·batch, vocab] · [vocab, 4·units]);
// only the small recurrent product runs per step.
import * as tf from '@tensorflow/tfjs';
import type { TokenBatch } from '../data/next-token-batches';
import { matMulForTraining } from './transpose-free-mat-mul';

export interface NextTokenLstmSpec {
  vocabSize: number;
  hiddenUnits: number;
  /** Seeds the weight initialisers, so a run repeats exactly on one backend. */
  seed: number;
  learningRate?: number;
  /** Gradients are rescaled to at most this global norm, which keeps long or wide runs from diverging. */
  maxGradientNorm?: number;
}

interface Weights {
  inputKernel: tf.Variable<tf.Rank.R2>;
  recurrentKernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
  outputKernel: tf.Variable<tf.Rank.R2>;
  outputBias: tf.Variable<tf.Rank.R1>;
}

export class NextTokenLstm {
  readonly spec: Required<NextTokenLstmSpec>;
  private weights: Weights | null = null;
  private optimizer: tf.Optimizer | null = null;

  constructor(spec: NextTokenLstmSpec) {
    this.spec = { learningRate: 0.01, maxGradientNorm: 5, ...spec };
  }

  /** Weights and biases: input and recurrent kernels for the four gates, and the output layer. */
  get parameterCount(): number {
    const { vocabSize: v, hiddenUnits: h } = this.spec;
    return v * 4 * h + h * 4 * h + 4 * h + h * v + v;
  }

  /** Creates the variables (before any training step, so every one of them gets gradients). */
  initialize(): void {
    if (this.weights) return;
    const { vocabSize: v, hiddenUnits: h, seed } = this.spec;
    const glorot = (shape: [number, number], offset: number): tf.Variable<tf.Rank.R2> =>
      tf.variable(tf.initializers.glorotUniform({ seed: seed + offset }).apply(shape) as tf.Tensor2D);
    // Gate order is input, forget, cell, output; a forget bias of 1 lets early gradients flow.
    const bias = new Float32Array(4 * h);
    bias.fill(1, h, 2 * h);
    // tidy disposes the initial values; the variables hold copies and survive it.
    this.weights = tf.tidy(() => ({
      inputKernel: glorot([v, 4 * h], 1),
      recurrentKernel: glorot([h, 4 * h], 2),
      bias: tf.variable(tf.tensor1d(bias)),
      outputKernel: glorot([h, v], 3),
      outputBias: tf.variable(tf.zeros([v]) as tf.Tensor1D),
    }));
    this.optimizer = tf.train.adam(this.spec.learningRate);
  }

  /** One Adam step on the batch; resolves to the batch's mean cross-entropy (nats per token). */
  async trainStep(batch: TokenBatch): Promise<number> {
    const weights = this.requireWeights();
    const optimizer = this.optimizer as tf.Optimizer;
    const loss = tf.tidy(() => {
      const { inputs, targets } = this.toTensors(batch);
      const variables = Object.values(weights) as tf.Variable[];
      const { value, grads } = tf.variableGrads(() => this.loss(weights, inputs, targets, batch), variables);
      optimizer.applyGradients(clipByGlobalNorm(grads, this.spec.maxGradientNorm));
      return value;
    });
    try {
      return (await loss.data())[0] as number;
    } finally {
      loss.dispose();
    }
  }

  dispose(): void {
    if (this.weights) for (const v of Object.values(this.weights)) (v as tf.Variable).dispose();
    this.optimizer?.dispose();
    this.weights = null;
    this.optimizer = null;
  }

  /** Batch-major typed arrays → time-major int32 tensors, so each time step is a contiguous block. */
  private toTensors(batch: TokenBatch): { inputs: tf.Tensor1D; targets: tf.Tensor1D } {
    const { batchSize, length } = batch;
    const timeMajor = (tokens: Int32Array): tf.Tensor1D => {
      const out = new Int32Array(tokens.length);
      for (let b = 0; b < batchSize; b++) {
        for (let t = 0; t < length; t++) out[t * batchSize + b] = tokens[b * length + t] as number;
      }
      return tf.tensor1d(out, 'int32');
    };
    return { inputs: timeMajor(batch.inputs), targets: timeMajor(batch.targets) };
  }

  private loss(w: Weights, inputs: tf.Tensor1D, targets: tf.Tensor1D, batch: TokenBatch): tf.Scalar {
    const v = this.spec.vocabSize;
    const oneHot = oneHotFloat(inputs, v);
    const projected = tf.add<tf.Tensor2D>(matMulForTraining(oneHot, w.inputKernel), w.bias);
    const steps = tf.split<tf.Tensor2D>(projected, batch.length, 0);
    const outputs: tf.Tensor2D[] = [];
    let hidden: tf.Tensor2D | null = null;
    let cell: tf.Tensor2D | null = null;
    for (const step of steps) {
      // The state starts at zero, so the first step skips the recurrent product and the forget term.
      const z = hidden ? tf.add<tf.Tensor2D>(step, matMulForTraining(hidden, w.recurrentKernel)) : step;
      const [i, f, g, o] = tf.split<tf.Tensor2D>(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const written = tf.mul<tf.Tensor2D>(tf.sigmoid(i), tf.tanh(g));
      const nextCell: tf.Tensor2D = cell ? tf.add<tf.Tensor2D>(tf.mul(tf.sigmoid(f), cell), written) : written;
      const nextHidden = tf.mul<tf.Tensor2D>(tf.sigmoid(o), tf.tanh(nextCell));
      outputs.push(nextHidden);
      cell = nextCell;
      hidden = nextHidden;
    }
    const logits = tf.add(matMulForTraining(tf.concat(outputs, 0), w.outputKernel), w.outputBias);
    const labels = oneHotFloat(targets, v);
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  }

  private requireWeights(): Weights {
    if (!this.weights) throw new Error('NextTokenLstm.initialize() must be called before training.');
    return this.weights;
  }
}

/**
 * tfjs-wasm 4.22's OneHot kernel ignores a float32 dtype and writes integer bits into a float
 * tensor (1 reads as 1.4e-45), so it is asked for int32 and cast.
 */
function oneHotFloat(indices: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(indices, depth), 'float32') as tf.Tensor2D;
}

/** Rescales all gradients together when their global L2 norm exceeds maxNorm (call inside tidy). */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const tensors = Object.values(grads);
  const norm = tf.sqrt(tf.addN(tensors.map((g) => tf.sum(tf.square(g)))));
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const clipped: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) clipped[name] = tf.mul(g, scale);
  return clipped;
}
