// MusicVAE for Montage (after Roberts et al. 2018, "A Hierarchical Latent Vector Model for
// Learning Long-Term Structure in Music"): a bidirectional LSTM encoder reads a sequence of
// 16th-note steps and gives μ and σ (softplus) of q(z | x); z = μ + σ·ε; the decoder is an LSTM
// whose initial state is tanh(dense(z)) and which sees z and the previous token at every step, or
// — for the hierarchical configs — a "conductor" LSTM that turns z into one embedding per bar,
// each bar then decoded by the bottom LSTM started from (and fed) its bar's embedding. Output: a
// softmax over the vocabulary at every step.
//
// Representations: melodies are tokens (0 no-event, 1 note-off, 2+ note-on over a pitch range; see
// shared/music/encoding/melody.ts), fed one-hot; drum patterns are the 9-bit masks of
// shared/music/encoding/drums.ts, fed as 9 multi-hot inputs and predicted as one of 512 classes.
//
// Loss: reconstruction cross-entropy summed over the steps (mean over the batch) plus
// β·max(KL − free bits, 0) per example (MusicVAE's form), β rising linearly to maxBeta over
// betaWarmupSteps. Scheduled sampling with an inverse-sigmoid probability p(step) = 1 − k/(k +
// e^(step/k)). The engine's LSTM is one whole-sequence op that needs every input up front, so
// scheduled sampling is done in two passes — an APPROXIMATION of the sequential original: a
// teacher-forced pass (whose result carries no gradient: the drawn tokens are read back as data)
// draws each step's own prediction, then with probability p per (example, step) the decoder's
// input token is replaced by the prediction for the step before, and the loss is taken on a second
// pass over that mixed input. The original feeds the sample drawn from the *mixed* context; here the
// sample is drawn from the teacher-forced context.
//
// Batches are plain Int32Arrays, batch-major [batch × steps] (drum masks as their class numbers),
// or { tokens, step } so the β, sampling schedule and the random draws of a step depend on the
// step alone (a resumed run repeats the uninterrupted one). Built from the training engine's
// blocks, time-major throughout (see engine/README.md); a TrainableModel, so runTraining trains it.
import * as tf from '@tensorflow/tfjs';
import type { MusicModelConfigName, MusicModelOverrides } from '../../shared/jobs/task-kinds';
import { defaultMelodyRange, drumClassCount, drumCombinationCount, melodyVocabularySize, type MelodyRange } from '../../shared/music/encoding';
import { createRng } from '../../shared/random';
import { sliceRows, splitColumns } from '../engine/kernels/row-kernels';
import { Dense } from '../engine/layers/dense';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import { Lstm, type LstmState } from '../engine/layers/lstm';
import type { AdamOptions } from '../engine/training/adam';
import { Trainer, type TrainableModel } from '../engine/training/trainer';
import { oneHotFloat } from './one-hot';

export type MusicRepresentation = 'melody' | 'drums';

export interface MusicVaeConfig {
  /** Melody tokens (one-hot input) or drum masks (9 multi-hot inputs, 512 output classes). */
  representation: MusicRepresentation;
  /** Steps (16th notes) per example. */
  steps: number;
  /** Decoder segments: 1 = a flat decoder; n > 1 = a conductor over n bars of steps/n. */
  segments: number;
  /** Output classes: melodyVocabularySize(range) for melodies, 512 for drums. */
  vocabulary: number;
  /** The melody pitch range the tokens encode (melodies from the named configs). */
  melodyRange?: MelodyRange;
  /** Units of each encoder LSTM (forward and backward). */
  encoderUnits: number;
  /** Units of the (bottom) decoder LSTM. */
  decoderUnits: number;
  /** Units of the conductor LSTM (its hidden state is the bar embedding); used when segments > 1. */
  conductorUnits: number;
  /** Size of z. */
  latentSize: number;
  learningRate: number;
  /** Global-norm gradient clipping (MusicVAE clips at 1); none when absent. */
  clipNorm?: number;
  /** Final KL weight β, reached after betaWarmupSteps (linear from 0; 0 steps = from the start). */
  maxBeta: number;
  betaWarmupSteps: number;
  /** KL per example below this many bits is not penalised. */
  freeBits: number;
  /** Inverse-sigmoid rate k of scheduled sampling; 0 = teacher forcing only. */
  samplingRate: number;
  /** Seeds the initialisers and every random draw of training and sampling. */
  seed: number;
}

/** Steps per bar (4/4 in 16th notes). */
export const stepsPerBar = 16;

/**
 * The named configurations, sized for laptop CPUs (MusicVAE's small models use 512/256 units and
 * batches of 512 on GPUs). KL and sampling schedules follow MusicVAE's configs scaled to shorter
 * runs: melodies β → 0.5 with no free bits, drums β → 0.2 with 48 free bits.
 */
export const musicVaeConfigs: Readonly<Record<MusicModelConfigName, Readonly<Omit<MusicVaeConfig, 'seed'>>>> = Object.freeze({
  'melody-2bar': Object.freeze({
    representation: 'melody',
    steps: 32,
    segments: 1,
    vocabulary: melodyVocabularySize(defaultMelodyRange),
    melodyRange: { ...defaultMelodyRange },
    encoderUnits: 128,
    decoderUnits: 256,
    conductorUnits: 0,
    latentSize: 64,
    learningRate: 1e-3,
    clipNorm: 1,
    maxBeta: 0.5,
    betaWarmupSteps: 2000,
    freeBits: 0,
    samplingRate: 400,
  }),
  'melody-4bar': Object.freeze({
    representation: 'melody',
    steps: 64,
    segments: 4,
    vocabulary: melodyVocabularySize(defaultMelodyRange),
    melodyRange: { ...defaultMelodyRange },
    encoderUnits: 128,
    decoderUnits: 256,
    conductorUnits: 128,
    latentSize: 128,
    learningRate: 1e-3,
    clipNorm: 1,
    maxBeta: 0.5,
    betaWarmupSteps: 2000,
    freeBits: 16,
    samplingRate: 400,
  }),
  'drums-2bar': Object.freeze({
    representation: 'drums',
    steps: 32,
    segments: 1,
    vocabulary: drumCombinationCount,
    encoderUnits: 128,
    decoderUnits: 256,
    conductorUnits: 0,
    latentSize: 64,
    learningRate: 1e-3,
    clipNorm: 1,
    maxBeta: 0.2,
    betaWarmupSteps: 2000,
    freeBits: 48,
    samplingRate: 400,
  }),
} satisfies Record<MusicModelConfigName, Omit<MusicVaeConfig, 'seed'>>);

export const isMusicModelConfigName = (name: string): name is MusicModelConfigName => Object.hasOwn(musicVaeConfigs, name);

/** A named configuration with a job's overrides and a seed; throws RangeError when it cannot be built. */
export function namedMusicVaeConfig(name: MusicModelConfigName, overrides: MusicModelOverrides & { seed: number }): MusicVaeConfig {
  const base = musicVaeConfigs[name];
  if (!base) throw new RangeError(`There is no music model configuration "${String(name)}".`);
  const config: MusicVaeConfig = { ...base, ...(base.melodyRange ? { melodyRange: { ...base.melodyRange } } : {}), seed: overrides.seed };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  return checkMusicVaeConfig(config);
}

/** Checks a full configuration; throws RangeError naming the field at fault. */
export function checkMusicVaeConfig(config: MusicVaeConfig): MusicVaeConfig {
  if (config.representation !== 'melody' && config.representation !== 'drums') {
    throw new RangeError(`MusicVae: representation must be "melody" or "drums" (got ${JSON.stringify(config.representation)}).`);
  }
  const positive = ['steps', 'segments', 'vocabulary', 'encoderUnits', 'decoderUnits', 'latentSize'] as const;
  for (const key of positive) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new RangeError(`MusicVae: ${key} must be a positive integer (got ${config[key]}).`);
  }
  if (config.steps < 2) throw new RangeError('MusicVae: steps must be at least 2.');
  if (config.steps % config.segments !== 0) throw new RangeError(`MusicVae: ${config.steps} steps do not split into ${config.segments} equal segments.`);
  if (config.segments > 1 && (!Number.isInteger(config.conductorUnits) || config.conductorUnits < 1)) {
    throw new RangeError(`MusicVae: a decoder of ${config.segments} segments needs conductorUnits, a positive integer (got ${config.conductorUnits}).`);
  }
  if (!(config.learningRate > 0)) throw new RangeError(`MusicVae: learningRate must be positive (got ${config.learningRate}).`);
  for (const key of ['maxBeta', 'betaWarmupSteps', 'freeBits', 'samplingRate'] as const) {
    if (!(config[key] >= 0)) throw new RangeError(`MusicVae: ${key} must be zero or more (got ${config[key]}).`);
  }
  if (config.representation === 'drums' && config.vocabulary !== drumCombinationCount) {
    throw new RangeError(`MusicVae: drum patterns have ${drumCombinationCount} classes (9-bit masks), not ${config.vocabulary}.`);
  }
  if (config.representation === 'melody' && config.melodyRange && melodyVocabularySize(config.melodyRange) !== config.vocabulary) {
    throw new RangeError(`MusicVae: the melody range ${config.melodyRange.minPitch}–${config.melodyRange.maxPitch} has ${melodyVocabularySize(config.melodyRange)} tokens, not ${config.vocabulary}.`);
  }
  return config;
}

/** A batch with the training step it is for (the schedules and random draws follow the step). */
export interface MusicVaeBatch {
  tokens: Int32Array;
  step: number;
}

/** The approximate posterior q(z | x) of a batch: [batch, latentSize] each. */
export interface MusicVaeEncoding {
  mu: tf.Tensor2D;
  sigma: tf.Tensor2D;
}

export interface MusicVaeDecodeOptions {
  /** Tokens per sequence (the config's by default); a multiple of the bar length for conductor models. */
  steps?: number;
  /** Makes the draw repeatable. */
  seed?: number;
  /** Softmax temperature; 0 takes the most likely token at every step. Default 1. */
  temperature?: number;
}

/** Figures of a batch (all means over the batch; reconstruction and KL in nats). */
export interface MusicVaeMetrics {
  loss: number;
  reconstruction: number;
  kl: number;
  /** Teacher-forced next-token accuracy, 0…1. */
  accuracy: number;
}

/** The figures of the latest training loss, with the schedules' values at its step. */
export interface MusicVaeTrainingMetrics {
  reconstruction: number;
  kl: number;
  accuracy: number;
  beta: number;
  samplingProbability: number;
}

/** KL(N(μ, σ²) ‖ N(0, 1)) summed over latent dimensions: [batch]. */
export function klPerExample(mu: tf.Tensor2D, sigma: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.add(tf.neg(tf.log(sigma)), tf.div(tf.sub(tf.add(tf.square(sigma), tf.square(mu)), 1), 2)), 1));
}

/** KL(N(μ, σ²) ‖ N(0, 1)) summed over latent dimensions, mean over the batch. */
export function klDivergence(mu: tf.Tensor2D, sigma: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(klPerExample(mu, sigma)));
}

/** KL weight at a 0-based step. */
export function betaAt(config: Pick<MusicVaeConfig, 'maxBeta' | 'betaWarmupSteps'>, step: number): number {
  return config.betaWarmupSteps > 0 ? config.maxBeta * Math.min(1, step / config.betaWarmupSteps) : config.maxBeta;
}

/** Scheduled-sampling probability at a 0-based step: 1 − k/(k + e^(step/k)), 0 when k is 0. */
export function samplingProbabilityAt(config: Pick<MusicVaeConfig, 'samplingRate'>, step: number): number {
  const k = config.samplingRate;
  if (!(k > 0)) return 0;
  const e = Math.exp(step / k);
  return Number.isFinite(e) ? 1 - k / (k + e) : 1;
}

const mix = (seed: number, step: number, stream: number): number =>
  (Math.imul(seed, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b) ^ Math.imul(stream, 0xc2b2ae35)) >>> 0;

/** Where the rows of a batch of B sequences come from (indices into the batch-major tokens; −1 = the start token). */
interface RowLayout {
  /** Encoder rows, time-major: row t·B + n ← (n, t). */
  encoder: Int32Array;
  /** Decoder rows, segment-batched: row s·(G·B) + g·B + n ← (n, g·L + s). */
  target: Int32Array;
  /** The token before each decoder row's target, −1 for the first step. */
  previous: Int32Array;
  /** The decoder row whose target is that previous token, −1 for the first step. */
  previousRow: Int32Array;
}

export class MusicVae implements TrainableModel<Int32Array | MusicVaeBatch> {
  readonly config: MusicVaeConfig;
  /** Every weight by path name ("encoder/forward/kernel", "decoder/lstm/bias" …). */
  readonly variables: NamedVariables;
  /** Input features per token: one-hot for melodies, the 9 mask bits for drums ([vocabulary × inputWidth]). */
  readonly inputWidth: number;
  private readonly featureTable: Float32Array;
  private readonly forward: Lstm;
  private readonly backward: Lstm;
  private readonly mu: Dense;
  private readonly sigma: Dense;
  private readonly conductorInitialState: Dense | null;
  private readonly conductor: Lstm | null;
  private readonly initialState: Dense;
  private readonly decoder: Lstm;
  private readonly output: Dense;
  private trainer: Trainer<Int32Array | MusicVaeBatch> | null = null;
  private readonly layouts = new Map<number, RowLayout>();
  /** Loss evaluations of plain token batches so far (their step). */
  private plainSteps = 0;
  private lastMetrics: { values: tf.Tensor1D; beta: number; samplingProbability: number } | null = null;

  constructor(config: MusicVaeConfig) {
    this.config = checkMusicVaeConfig({ ...config });
    const { vocabulary: v, encoderUnits: e, decoderUnits: d, latentSize: z, conductorUnits: cu, segments, seed } = this.config;
    this.inputWidth = this.config.representation === 'drums' ? drumClassCount : v;
    this.featureTable = this.buildFeatureTable();
    const w = this.inputWidth;
    const embedding = segments > 1 ? cu : z;
    this.forward = new Lstm({ inputSize: w, units: e, seed });
    this.backward = new Lstm({ inputSize: w, units: e, seed: seed + 2 });
    this.mu = new Dense({ inputSize: 2 * e, units: z, seed: seed + 4 });
    this.sigma = new Dense({ inputSize: 2 * e, units: z, seed: seed + 5, activation: 'softplus' });
    this.initialState = new Dense({ inputSize: embedding, units: 2 * d, seed: seed + 6, activation: 'tanh' });
    this.decoder = new Lstm({ inputSize: w, units: d, seed: seed + 7, contextSize: embedding });
    this.output = new Dense({ inputSize: d, units: v, seed: seed + 9 });
    this.conductorInitialState = segments > 1 ? new Dense({ inputSize: z, units: 2 * cu, seed: seed + 10, activation: 'tanh' }) : null;
    this.conductor = segments > 1 ? new Lstm({ inputSize: z, units: cu, seed: seed + 11 }) : null;
    this.variables = collectVariables({
      encoder: collectVariables({ forward: this.forward, backward: this.backward, mu: this.mu, sigma: this.sigma }),
      decoder: collectVariables({
        ...(this.conductor && this.conductorInitialState ? { conductorInitialState: this.conductorInitialState, conductor: this.conductor } : {}),
        initialState: this.initialState,
        lstm: this.decoder,
        output: this.output,
      }),
    });
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  /** Adam as this model trains. */
  get optimizerOptions(): AdamOptions {
    return { learningRate: this.config.learningRate, ...(this.config.clipNorm === undefined ? {} : { clipNorm: this.config.clipNorm }) };
  }

  /** Steps per decoder segment (a bar for the conductor configs). */
  get segmentSteps(): number {
    return this.config.steps / this.config.segments;
  }

  /** The training loss of a batch (runs under tfjs's gradient tape when training). */
  loss(batch: Int32Array | MusicVaeBatch): tf.Scalar {
    const { tokens, step } = batch instanceof Int32Array ? { tokens: batch, step: this.plainSteps++ } : batch;
    const b = this.batchSize(tokens);
    const beta = betaAt(this.config, step);
    const samplingProbability = samplingProbabilityAt(this.config, step);
    const layout = this.layout(b);
    return tf.tidy(() => {
      const { mu, sigma } = this.encodeFeatures(this.features(tokens, layout.encoder), b);
      const noise = tf.randomNormal(mu.shape, 0, 1, 'float32', mix(this.config.seed, step, 1));
      const z = tf.add(mu, tf.mul(sigma, noise)) as tf.Tensor2D;
      let previous = this.gather(tokens, layout.previous);
      if (samplingProbability > 0) previous = this.scheduledInputs(previous, layout, z, samplingProbability, step);
      const logits = this.decoderLogits(this.featuresOf(previous), z);
      const figures = this.figures(logits, this.gather(tokens, layout.target), mu, sigma, beta);
      this.lastMetrics?.values.dispose();
      this.lastMetrics = { values: tf.keep(figures.values), beta, samplingProbability };
      return figures.loss;
    });
  }

  /**
   * One Adam step on the batch; resolves to its loss. Rejects with the engine's
   * TrainingDivergedError when the loss or gradient is not finite.
   */
  async trainStep(batch: Int32Array | MusicVaeBatch): Promise<number> {
    this.trainer ??= new Trainer<Int32Array | MusicVaeBatch>(this, this.optimizerOptions);
    return (await this.trainer.trainStep(batch)).loss;
  }

  /** The figures of the latest training loss (read back once; null when there is none new). */
  takeTrainingMetrics(): MusicVaeTrainingMetrics | null {
    const last = this.lastMetrics;
    if (!last) return null;
    this.lastMetrics = null;
    const [reconstruction, kl, accuracy] = Array.from(last.values.dataSync()) as [number, number, number];
    last.values.dispose();
    return { reconstruction, kl, accuracy, beta: last.beta, samplingProbability: last.samplingProbability };
  }

  /**
   * Loss, reconstruction, KL and teacher-forced accuracy of some examples, with the final β (so
   * figures from different steps compare) and no scheduled sampling; z is drawn with a fixed seed,
   * or is μ when `useMean`. Runs in chunks and reads back synchronously.
   */
  evaluate(tokens: Int32Array, options: { seed?: number; useMean?: boolean; chunk?: number } = {}): MusicVaeMetrics {
    const total = this.batchSize(tokens);
    const chunk = Math.max(1, options.chunk ?? 128);
    const sums = [0, 0, 0, 0];
    for (let start = 0; start < total; start += chunk) {
      const b = Math.min(chunk, total - start);
      const part = tokens.subarray(start * this.config.steps, (start + b) * this.config.steps);
      const layout = this.layout(b);
      const values = tf.tidy(() => {
        const { mu, sigma } = this.encodeFeatures(this.features(part, layout.encoder), b);
        const z = options.useMean
          ? mu
          : (tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape, 0, 1, 'float32', mix(options.seed ?? this.config.seed, start, 3)))) as tf.Tensor2D);
        const logits = this.decoderLogits(this.featuresOf(this.gather(part, layout.previous)), z);
        const f = this.figures(logits, this.gather(part, layout.target), mu, sigma, this.config.maxBeta);
        return tf.concat([tf.reshape(f.loss, [1]), f.values]);
      });
      const read = values.dataSync();
      values.dispose();
      for (let i = 0; i < 4; i++) sums[i] = (sums[i] as number) + (read[i] as number) * b;
    }
    const [loss, reconstruction, kl, accuracy] = sums.map((s) => s / total) as [number, number, number, number];
    return { loss, reconstruction, kl, accuracy };
  }

  /** Teacher-forced reconstruction accuracy of a batch from z = μ, 0…1. */
  reconstructionAccuracy(tokens: Int32Array): number {
    return this.evaluate(tokens, { useMean: true }).accuracy;
  }

  /** q(z | x) for a batch; the caller owns the tensors. */
  encode(tokens: Int32Array): MusicVaeEncoding {
    const b = this.batchSize(tokens);
    const layout = this.layout(b);
    const [mu, sigma] = tf.tidy(() => {
      const encoding = this.encodeFeatures(this.features(tokens, layout.encoder), b);
      return [encoding.mu, encoding.sigma];
    }) as [tf.Tensor2D, tf.Tensor2D];
    return { mu, sigma };
  }

  /**
   * Draws one sequence per row of z [n, latentSize], token by token (each step sees the token
   * drawn before it); resolves to n × steps tokens, batch-major. A seed makes the draw repeatable;
   * temperature 0 takes the most likely token.
   */
  async decode(z: tf.Tensor2D, options: MusicVaeDecodeOptions = {}): Promise<Int32Array> {
    const { latentSize, segments, vocabulary } = this.config;
    const steps = options.steps ?? this.config.steps;
    const temperature = options.temperature ?? 1;
    const [n, width] = z.shape;
    if (width !== latentSize) throw new RangeError(`MusicVae.decode: z has ${width} columns; the model's latent size is ${latentSize}.`);
    if (!(temperature >= 0)) throw new RangeError(`MusicVae.decode: temperature must be zero or more (got ${temperature}).`);
    const length = segments > 1 ? this.segmentSteps : steps;
    if (!Number.isInteger(steps) || steps < 1 || steps % length !== 0) {
      throw new RangeError(`MusicVae.decode: this model draws whole bars of ${length} steps; ${steps} steps is not a multiple.`);
    }
    const tokens = tf.tidy(() => {
      const table = tf.tensor2d(this.featureTable, [vocabulary, this.inputWidth]);
      let previous = tf.zeros([n, this.inputWidth]) as tf.Tensor2D;
      let conductorState = this.conductorInitialState ? this.split(this.conductorInitialState.apply(z)) : null;
      const drawn: tf.Tensor1D[] = [];
      for (let segment = 0; segment < steps / length; segment++) {
        let embedding = z;
        if (this.conductor && conductorState) {
          conductorState = this.conductor.step(z, conductorState);
          embedding = conductorState.h;
        }
        let state = this.split(this.initialState.apply(embedding));
        for (let s = 0; s < length; s++) {
          const t = segment * length + s;
          state = this.decoder.step(previous, state, embedding);
          const logits = this.output.apply(state.h);
          const token =
            temperature === 0
              ? (tf.argMax(logits, 1) as tf.Tensor1D)
              : (tf.reshape(
                  tf.multinomial(temperature === 1 ? logits : (tf.div(logits, temperature) as tf.Tensor2D), 1, options.seed === undefined ? undefined : options.seed + t),
                  [n],
                ) as tf.Tensor1D);
          drawn.push(token);
          previous = tf.gather(table, token) as tf.Tensor2D;
        }
      }
      return tf.stack(drawn, 1);
    });
    try {
      return (await tokens.data()) as Int32Array;
    } finally {
      tokens.dispose();
    }
  }

  /** n new sequences from the prior z ~ N(0, I); resolves to n × steps tokens, batch-major. */
  async sample(n: number, options: MusicVaeDecodeOptions = {}): Promise<Int32Array> {
    const { seed } = options;
    const z = tf.randomNormal([n, this.config.latentSize], 0, 1, 'float32', seed) as tf.Tensor2D;
    try {
      return await this.decode(z, { ...options, ...(seed === undefined ? {} : { seed: seed + 1 }) });
    } finally {
      z.dispose();
    }
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.lastMetrics?.values.dispose();
    this.lastMetrics = null;
    const blocks = [this.forward, this.backward, this.mu, this.sigma, this.conductorInitialState, this.conductor, this.initialState, this.decoder, this.output];
    for (const block of blocks) block?.dispose();
  }

  /** Sequences in a batch-major token array; checks its length and every token. */
  private batchSize(tokens: Int32Array): number {
    const { steps, vocabulary } = this.config;
    if (tokens.length === 0 || tokens.length % steps !== 0) {
      throw new RangeError(`MusicVae: a batch holds whole sequences of ${steps} tokens; got ${tokens.length} tokens.`);
    }
    for (const token of tokens) {
      if (!(token >= 0 && token < vocabulary)) throw new RangeError(`MusicVae: token ${token} is outside the vocabulary of ${vocabulary}.`);
    }
    return tokens.length / steps;
  }

  private buildFeatureTable(): Float32Array {
    const { vocabulary } = this.config;
    const w = this.inputWidth;
    const table = new Float32Array(vocabulary * w);
    for (let v = 0; v < vocabulary; v++) {
      if (this.config.representation === 'drums') for (let bit = 0; bit < w; bit++) table[v * w + bit] = (v >> bit) & 1;
      else table[v * w + v] = 1;
    }
    return table;
  }

  private layout(batch: number): RowLayout {
    const cached = this.layouts.get(batch);
    if (cached) return cached;
    const { steps, segments: g } = this.config;
    const length = steps / g;
    const rows = steps * batch;
    const encoder = new Int32Array(rows);
    const target = new Int32Array(rows);
    const previous = new Int32Array(rows);
    const previousRow = new Int32Array(rows);
    const decoderRow = (n: number, t: number): number => (t % length) * g * batch + Math.floor(t / length) * batch + n;
    for (let n = 0; n < batch; n++) {
      for (let t = 0; t < steps; t++) {
        encoder[t * batch + n] = n * steps + t;
        const r = decoderRow(n, t);
        target[r] = n * steps + t;
        previous[r] = t === 0 ? -1 : n * steps + t - 1;
        previousRow[r] = t === 0 ? -1 : decoderRow(n, t - 1);
      }
    }
    const layout = { encoder, target, previous, previousRow };
    if (this.layouts.size > 8) this.layouts.clear();
    this.layouts.set(batch, layout);
    return layout;
  }

  /** tokens[index[r]] per row (−1 stays −1, the start token). */
  private gather(tokens: Int32Array, index: Int32Array): Int32Array {
    const out = new Int32Array(index.length);
    for (let r = 0; r < index.length; r++) {
      const i = index[r] as number;
      out[r] = i < 0 ? -1 : (tokens[i] as number);
    }
    return out;
  }

  /** Input features [rows, inputWidth] of row tokens (−1: zeros). */
  private featuresOf(rowTokens: Int32Array): tf.Tensor2D {
    const w = this.inputWidth;
    const data = new Float32Array(rowTokens.length * w);
    for (let r = 0; r < rowTokens.length; r++) {
      const token = rowTokens[r] as number;
      if (token >= 0) data.set(this.featureTable.subarray(token * w, token * w + w), r * w);
    }
    return tf.tensor2d(data, [rowTokens.length, w]);
  }

  private features(tokens: Int32Array, index: Int32Array): tf.Tensor2D {
    return this.featuresOf(this.gather(tokens, index));
  }

  private encodeFeatures(x: tf.Tensor2D, batch: number): MusicVaeEncoding {
    const { steps } = this.config;
    const lastForward = sliceRows(this.forward.apply(x, { steps, inputGradient: false }), (steps - 1) * batch, batch);
    const lastBackward = sliceRows(this.backward.apply(x, { steps, reverse: true, inputGradient: false }), 0, batch);
    const final = tf.concat([lastForward, lastBackward], 1) as tf.Tensor2D;
    return { mu: this.mu.apply(final), sigma: this.sigma.apply(final) };
  }

  private split(packed: tf.Tensor2D): LstmState {
    const [h, c] = splitColumns(packed, 2) as [tf.Tensor2D, tf.Tensor2D];
    return { h, c };
  }

  /** Decoder logits [steps·batch, vocabulary] in the segment-batched row order, for the given input rows. */
  private decoderLogits(previous: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D {
    let embedding = z;
    if (this.conductor && this.conductorInitialState) {
      // Conductor: z at each of its steps (time-major: bar g's rows g·B … g·B+B−1), started from tanh(dense(z)).
      const bars = this.config.segments;
      const tiled = tf.concat(Array.from({ length: bars }, () => z), 0) as tf.Tensor2D;
      embedding = this.conductor.apply(tiled, { steps: bars, initialState: this.split(this.conductorInitialState.apply(z)) });
    }
    // The bottom decoder sees every segment as its own sequence: batch G·B, steps L, context = its embedding.
    const hidden = this.decoder.apply(previous, {
      steps: this.segmentSteps,
      initialState: this.split(this.initialState.apply(embedding)),
      context: embedding,
      inputGradient: false,
    });
    return this.output.apply(hidden);
  }

  /** Scheduled sampling's inputs: each (example, step) takes the teacher-forced pass's draw for the step before with probability p. */
  private scheduledInputs(previous: Int32Array, layout: RowLayout, z: tf.Tensor2D, p: number, step: number): Int32Array {
    const rng = createRng(mix(this.config.seed, step, 2));
    const chosen: number[] = [];
    for (let r = 0; r < previous.length; r++) if ((layout.previousRow[r] as number) >= 0 && rng.next() < p) chosen.push(r);
    if (chosen.length === 0) return previous;
    const logits = this.decoderLogits(this.featuresOf(previous), z);
    const draws = tf.multinomial(logits as tf.Tensor2D, 1, mix(this.config.seed, step, 4));
    // Read back as data: the draws are inputs of the second pass, not a path for gradients.
    const drawn = draws.dataSync() as Int32Array;
    const mixed = previous.slice();
    for (const r of chosen) mixed[r] = drawn[layout.previousRow[r] as number] as number;
    return mixed;
  }

  /** The loss (reconstruction + β·max(KL − free nats, 0)) and [reconstruction, KL, accuracy]. */
  private figures(logits: tf.Tensor2D, targets: Int32Array, mu: tf.Tensor2D, sigma: tf.Tensor2D, beta: number): { loss: tf.Scalar; values: tf.Tensor1D } {
    const { vocabulary, steps, freeBits } = this.config;
    const targetTensor = tf.tensor1d(targets, 'int32');
    const reconstruction = tf.mul(tf.losses.softmaxCrossEntropy(oneHotFloat(targetTensor, vocabulary), logits), steps) as tf.Scalar;
    const kl = klPerExample(mu, sigma);
    const klCost = tf.mean(tf.relu(tf.sub(kl, freeBits * Math.LN2)));
    const loss = (beta > 0 ? tf.add(reconstruction, tf.mul(klCost, beta)) : reconstruction) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), targetTensor), 'float32'));
    return { loss, values: tf.stack([reconstruction, tf.mean(kl), accuracy]) as tf.Tensor1D };
  }
}

/** A model of a named configuration. */
export function createMusicVae(name: MusicModelConfigName, overrides: MusicModelOverrides & { seed: number }): MusicVae {
  return new MusicVae(namedMusicVaeConfig(name, overrides));
}
