// The continuation model: an autoregressive LSTM over a music model's own tokens, trained as a
// companion of each MusicVAE (continuation-files.ts keeps it in the VAE's folder) so a clip can be
// extended by N bars in its style (MelodyRNN / DrumsRNN of Magenta, in this engine's blocks).
//
// Tokens are those of the VAE: melodies 0 no-event, 1 note-off, 2+ note-on over the melody range,
// fed one-hot; drums one token per 16th step = the 9-bit class mask (512 classes, as Magenta's
// drums RNN predicts them), fed as 9 multi-hot inputs. The input at step t is the token of step
// t − 1 (zeros before the first), the target the token of step t: one LSTM layer, then a dense
// softmax over the vocabulary; the loss is the mean cross-entropy per token.
//
// Continuing: the clip's tokens are fed one by one from a zero state (the primer), the state is
// copied to `count` rows and tokens are drawn one step at a time, each fed back. The LSTM keeps its
// state, so a primer or a continuation longer than the training windows (2 or 4 bars) still works;
// the state only carries what the windows taught it, so very long continuations drift.
//
// Batches are { tokens, length }: `length`-step windows one after another (batch-major), drawn
// by the caller. Time-major inside, as the engine's sequence layers expect.
import * as tf from '@tensorflow/tfjs';
import { drumClassCount, drumCombinationCount, melodyVocabularySize, type MelodyRange } from '../../shared/music/encoding';
import { Dense } from '../engine/layers/dense';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import { Lstm } from '../engine/layers/lstm';
import type { AdamOptions } from '../engine/training/adam';
import { Trainer, type TrainableModel } from '../engine/training/trainer';
import { oneHotFloat } from './one-hot';

export interface ContinuationConfig {
  representation: 'melody' | 'drums';
  /** Output classes: the melody vocabulary, or 512 drum masks. */
  vocabulary: number;
  /** Melodies: the pitch range the tokens encode. */
  melodyRange?: MelodyRange;
  hiddenUnits: number;
  learningRate: number;
  /** Global-norm gradient clipping. */
  clipNorm: number;
  seed: number;
}

export interface ContinuationBatch {
  /** `tokens.length / length` windows of `length` tokens, one after another. */
  tokens: Int32Array;
  length: number;
}

export interface ContinuationMetrics {
  /** Mean cross-entropy per token (nats). */
  loss: number;
  /** Teacher-forced next-token accuracy, 0…1. */
  accuracy: number;
  /** e^loss. */
  perplexity: number;
}

export interface ContinueOptions {
  /** Tokens to draw after the primer. */
  steps: number;
  /** Continuations, drawn as one batch. */
  count: number;
  /** Softmax temperature; 0 takes the likeliest token. Default 1. */
  temperature?: number;
  seed?: number;
}

/** Default hidden units of a companion (the size of the VAE decoder it goes with). */
export const defaultContinuationUnits = 256;

/** Checks a configuration; throws RangeError naming the field at fault. */
export function checkContinuationConfig(config: ContinuationConfig): ContinuationConfig {
  if (config.representation !== 'melody' && config.representation !== 'drums') {
    throw new RangeError(`ContinuationLstm: representation must be "melody" or "drums" (got ${JSON.stringify(config.representation)}).`);
  }
  for (const key of ['vocabulary', 'hiddenUnits'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 2) throw new RangeError(`ContinuationLstm: ${key} must be an integer of at least 2 (got ${config[key]}).`);
  }
  if (config.representation === 'drums' && config.vocabulary !== drumCombinationCount) {
    throw new RangeError(`ContinuationLstm: drum patterns have ${drumCombinationCount} classes, not ${config.vocabulary}.`);
  }
  if (config.representation === 'melody' && config.melodyRange && melodyVocabularySize(config.melodyRange) !== config.vocabulary) {
    throw new RangeError(`ContinuationLstm: the melody range has ${melodyVocabularySize(config.melodyRange)} tokens, not ${config.vocabulary}.`);
  }
  if (!(config.learningRate > 0)) throw new RangeError(`ContinuationLstm: learningRate must be positive (got ${config.learningRate}).`);
  return config;
}

export class ContinuationLstm implements TrainableModel<ContinuationBatch> {
  readonly config: ContinuationConfig;
  readonly variables: NamedVariables;
  /** Input features per token: one-hot for melodies, the 9 mask bits for drums. */
  readonly inputWidth: number;
  /** [vocabulary + 1, inputWidth]: each token's features, then the zero start row. */
  private readonly table: tf.Tensor2D;
  private readonly lstm: Lstm;
  private readonly output: Dense;
  private trainer: Trainer<ContinuationBatch> | null = null;

  constructor(config: ContinuationConfig) {
    this.config = checkContinuationConfig({ ...config });
    const { vocabulary: v, hiddenUnits: h, seed } = this.config;
    this.inputWidth = this.config.representation === 'drums' ? drumClassCount : v;
    const w = this.inputWidth;
    const table = new Float32Array((v + 1) * w);
    for (let t = 0; t < v; t++) {
      if (this.config.representation === 'drums') for (let bit = 0; bit < w; bit++) table[t * w + bit] = (t >> bit) & 1;
      else table[t * w + t] = 1;
    }
    this.table = tf.keep(tf.tensor2d(table, [v + 1, w]));
    this.lstm = new Lstm({ inputSize: w, units: h, seed: seed + 21 });
    this.output = new Dense({ inputSize: h, units: v, seed: seed + 23 });
    this.variables = collectVariables({ lstm: this.lstm, output: this.output });
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  get optimizerOptions(): AdamOptions {
    return { learningRate: this.config.learningRate, clipNorm: this.config.clipNorm };
  }

  /** One Adam step; resolves to the batch's mean cross-entropy per token. */
  async trainStep(batch: ContinuationBatch): Promise<number> {
    this.trainer ??= new Trainer<ContinuationBatch>(this, this.optimizerOptions);
    return (await this.trainer.trainStep(batch)).loss;
  }

  loss(batch: ContinuationBatch): tf.Scalar {
    return tf.tidy(() => this.figures(batch).loss);
  }

  /** Mean cross-entropy, accuracy and perplexity of windows, in chunks, teacher-forced. */
  evaluate(tokens: Int32Array, length: number, chunk = 128): ContinuationMetrics {
    const total = this.windows(tokens, length);
    let loss = 0;
    let accuracy = 0;
    for (let start = 0; start < total; start += chunk) {
      const b = Math.min(chunk, total - start);
      const part = tokens.subarray(start * length, (start + b) * length);
      const values = tf.tidy(() => {
        const f = this.figures({ tokens: part, length });
        return tf.stack([f.loss, f.accuracy]);
      });
      const [l, a] = values.dataSync() as Float32Array;
      values.dispose();
      loss += (l as number) * b;
      accuracy += (a as number) * b;
    }
    return { loss: loss / total, accuracy: accuracy / total, perplexity: Math.exp(loss / total) };
  }

  /**
   * Feeds the primer, then draws `count` continuations of `steps` tokens as one batch; resolves to
   * count × steps tokens, batch-major. A seed makes the draw repeatable.
   */
  async continueFrom(primer: Int32Array, options: ContinueOptions): Promise<Int32Array> {
    const { vocabulary } = this.config;
    const temperature = options.temperature ?? 1;
    const { steps, count } = options;
    if (!(temperature >= 0)) throw new RangeError(`ContinuationLstm: temperature must be zero or more (got ${temperature}).`);
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`ContinuationLstm: steps must be a positive integer (got ${steps}).`);
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`ContinuationLstm: count must be a positive integer (got ${count}).`);
    this.checkTokens(primer);
    const tokens = tf.tidy(() => {
      // Start token, then the primer: the state after the last one predicts the first new token.
      const inputs = Int32Array.from({ length: primer.length + 1 }, (_, t) => (t === 0 ? vocabulary : (primer[t - 1] as number)));
      const x = this.featuresOf(inputs);
      let state = this.lstm.zeroState(1);
      for (let t = 0; t < inputs.length; t++) state = this.lstm.step(tf.slice(x, [t, 0], [1, this.inputWidth]) as tf.Tensor2D, state);
      if (count > 1) state = { h: tf.tile(state.h, [count, 1]), c: tf.tile(state.c, [count, 1]) };
      const drawn: tf.Tensor1D[] = [];
      for (let t = 0; t < steps; t++) {
        const logits = this.output.apply(state.h);
        const token =
          temperature === 0
            ? (tf.cast(tf.argMax(logits, 1), 'int32') as tf.Tensor1D)
            : (tf.reshape(
                tf.multinomial(temperature === 1 ? logits : (tf.div(logits, temperature) as tf.Tensor2D), 1, options.seed === undefined ? undefined : options.seed + t),
                [count],
              ) as tf.Tensor1D);
        drawn.push(token);
        if (t + 1 < steps) state = this.lstm.step(tf.gather(this.table, token) as tf.Tensor2D, state);
      }
      return tf.stack(drawn, 1);
    });
    try {
      return Int32Array.from((await tokens.data()) as Int32Array);
    } finally {
      tokens.dispose();
    }
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.lstm.dispose();
    this.output.dispose();
    this.table.dispose();
  }

  private featuresOf(rowTokens: Int32Array): tf.Tensor2D {
    return tf.gather(this.table, tf.tensor1d(rowTokens, 'int32')) as tf.Tensor2D;
  }

  private windows(tokens: Int32Array, length: number): number {
    if (!Number.isInteger(length) || length < 1 || tokens.length === 0 || tokens.length % length !== 0) {
      throw new RangeError(`ContinuationLstm: a batch holds whole windows of ${length} tokens; got ${tokens.length} tokens.`);
    }
    this.checkTokens(tokens);
    return tokens.length / length;
  }

  private checkTokens(tokens: Int32Array): void {
    const v = this.config.vocabulary;
    for (const token of tokens) if (!(token >= 0 && token < v)) throw new RangeError(`ContinuationLstm: token ${token} is outside the vocabulary of ${v}.`);
  }

  /** Loss and accuracy of a batch (time-major rows: row t·B + n ← window n, step t). */
  private figures(batch: ContinuationBatch): { loss: tf.Scalar; accuracy: tf.Scalar } {
    const { tokens, length } = batch;
    const b = this.windows(tokens, length);
    const v = this.config.vocabulary;
    const inputs = new Int32Array(b * length);
    const targets = new Int32Array(b * length);
    for (let n = 0; n < b; n++) {
      for (let t = 0; t < length; t++) {
        inputs[t * b + n] = t === 0 ? v : (tokens[n * length + t - 1] as number);
        targets[t * b + n] = tokens[n * length + t] as number;
      }
    }
    const hidden = this.lstm.apply(this.featuresOf(inputs), { steps: length, inputGradient: false });
    const logits = this.output.apply(hidden);
    const targetTensor = tf.tensor1d(targets, 'int32');
    const loss = tf.losses.softmaxCrossEntropy(oneHotFloat(targetTensor, v), logits) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), targetTensor), 'float32')) as tf.Scalar;
    return { loss, accuracy };
  }
}
