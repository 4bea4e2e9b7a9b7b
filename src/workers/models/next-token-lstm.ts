// A one-layer LSTM next-token model (one-hot tokens → LSTM → softmax over the vocabulary), trained
// with Adam: the benchmark's workload and the simplest sequence model the studio can train.
//
// Built from the training engine's blocks (src/workers/engine): the LSTM layer runs a whole
// sequence as one op with a hand-written backward pass, the output layer uses transpose-free
// gradients, and the engine's Trainer does clipping, the NaN check and Adam. Tokens are fed
// time-major (each time step a contiguous block of rows), as the engine's sequence layers expect.
// The model is a TrainableModel, so the engine's runTraining trains it (the benchmark does);
// trainStep is the same step for callers that drive training themselves.
import * as tf from '@tensorflow/tfjs';
import type { TokenBatch } from '../data/next-token-batches';
import { Dense } from '../engine/layers/dense';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import { Lstm } from '../engine/layers/lstm';
import { tokensToTimeMajor } from '../engine/layers/sequence-layout';
import type { AdamOptions } from '../engine/training/adam';
import { Trainer, type TrainableModel } from '../engine/training/trainer';
import { oneHotFloat } from './one-hot';

export interface NextTokenLstmSpec {
  vocabSize: number;
  hiddenUnits: number;
  /** Seeds the weight initialisers, so a run repeats exactly on one backend. */
  seed: number;
  learningRate?: number;
  /** Gradients are rescaled to at most this global norm, which keeps long or wide runs from diverging. */
  maxGradientNorm?: number;
}

interface Blocks {
  lstm: Lstm;
  output: Dense;
  variables: NamedVariables;
}

export class NextTokenLstm implements TrainableModel<TokenBatch> {
  readonly spec: Required<NextTokenLstmSpec>;
  private blocks: Blocks | null = null;
  private trainer: Trainer<TokenBatch> | null = null;

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
    if (this.blocks) return;
    const { vocabSize: v, hiddenUnits: h, seed } = this.spec;
    const lstm = new Lstm({ inputSize: v, units: h, seed: seed + 1 });
    const output = new Dense({ inputSize: h, units: v, seed: seed + 3 });
    const variables = collectVariables({ lstm, output });
    if (countParameters(variables) !== this.parameterCount) throw new Error('NextTokenLstm: parameter count mismatch.');
    this.blocks = { lstm, output, variables };
  }

  /** Every weight by path name ("lstm/kernel", "output/bias"); initialize() first. */
  get variables(): NamedVariables {
    return this.initialized().variables;
  }

  /** Adam as this model trains: the spec's learning rate, gradients clipped to maxGradientNorm. */
  get optimizerOptions(): AdamOptions {
    return { learningRate: this.spec.learningRate, clipNorm: this.spec.maxGradientNorm };
  }

  /**
   * One Adam step on the batch; resolves to the batch's mean cross-entropy (nats per token).
   * Rejects with the engine's TrainingDivergedError when the loss or gradient is not finite.
   */
  async trainStep(batch: TokenBatch): Promise<number> {
    this.trainer ??= new Trainer<TokenBatch>(this, this.optimizerOptions);
    return (await this.trainer.trainStep(batch)).loss;
  }

  private initialized(): Blocks {
    if (!this.blocks) throw new Error('NextTokenLstm.initialize() must be called before training.');
    return this.blocks;
  }

  dispose(): void {
    this.trainer?.dispose();
    this.blocks?.lstm.dispose();
    this.blocks?.output.dispose();
    this.trainer = null;
    this.blocks = null;
  }

  /** The batch's mean cross-entropy per token (nats), under tfjs's gradient tape when training. */
  loss(batch: TokenBatch): tf.Scalar {
    const { lstm, output } = this.initialized();
    const v = this.spec.vocabSize;
    const { batchSize, length } = batch;
    const inputs = tf.tensor1d(tokensToTimeMajor(batch.inputs, batchSize, length), 'int32');
    const targets = tf.tensor1d(tokensToTimeMajor(batch.targets, batchSize, length), 'int32');
    const hidden = lstm.apply(oneHotFloat(inputs, v), { steps: length });
    return tf.losses.softmaxCrossEntropy(oneHotFloat(targets, v), output.apply(hidden)) as tf.Scalar;
  }
}
