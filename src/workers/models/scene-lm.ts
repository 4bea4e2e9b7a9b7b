// The scene drafter's language model: a word-level LSTM over the token streams of
// src/shared/script/generation/scene-tokens.ts. Two of them make a scene model: the outline model
// (next scene: a scene summary after the scenes so far) and the draft model (a scene's action and
// dialogue after its header). Same architecture, own vocabularies and weights.
//
// Embedding (vocabulary × embedding) → one LSTM → dense softmax over the vocabulary. Batches are
// windows of `length + 1` tokens cut from a stream: the input is tokens 0…length−1, the target
// tokens 1…length; the loss is the mean cross-entropy per token. Time-major inside, as the
// engine's sequence layers expect.
//
// Sampling (`generate`) feeds a primer one token at a time from a zero state, copies the state to
// `count` rows, then draws one token per row and step on the JS side (seeded, temperature, a mask of
// tokens never drawn, and an optional per-row rule that narrows what may come next, e.g. only the
// scene's characters after a cue), feeding each back, until a row draws a stop token or reaches
// the step limit. `onToken` sees every drawn token as it comes (the session streams drafts with it).
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../shared/random';
import { Dense } from '../engine/layers/dense';
import { Embedding } from '../engine/layers/embedding';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import { Lstm, type LstmState } from '../engine/layers/lstm';
import type { AdamOptions } from '../engine/training/adam';
import type { TrainableModel } from '../engine/training/trainer';
import { oneHotFloat } from './one-hot';

export interface SceneLmConfig {
  vocabulary: number;
  embedding: number;
  hiddenUnits: number;
  learningRate: number;
  clipNorm: number;
  seed: number;
}

export interface SceneLmBatch {
  /** `tokens.length / (length + 1)` windows of `length + 1` tokens, one after another. */
  tokens: Int32Array;
  length: number;
}

export interface SceneLmMetrics {
  /** Mean cross-entropy per token (nats). */
  loss: number;
  accuracy: number;
  /** e^loss. */
  perplexity: number;
}

export interface GenerateOptions {
  /** Rows drawn together from the primer's state. */
  count: number;
  /** Most tokens drawn per row. */
  maxSteps: number;
  /** Softmax temperature; 0 takes the likeliest allowed token. */
  temperature: number;
  seed: number;
  /** Token ids never drawn (padding, unknown words, the start token). */
  banned?: readonly number[];
  /** Ids that end a row (drawn and reported, then the row stops). */
  stop?: readonly number[];
  /** For a row and what it drew so far: ids not to draw next (besides `banned`), or null. */
  forbid?: (row: number, drawn: readonly number[]) => readonly number[] | null;
  /** For a row and what it drew so far: the only ids allowed next, or null for any. */
  allowed?: (row: number, drawn: readonly number[]) => readonly number[] | null;
  /** For a row and what it drew so far (the latest included): whether it ends here. */
  shouldStop?: (row: number, drawn: readonly number[]) => boolean;
  /** Called with each drawn token as it comes. */
  onToken?: (row: number, token: number) => void;
  /** Awaited between steps (a session checks for cancel here). */
  between?: () => Promise<void>;
}

export function checkSceneLmConfig(config: SceneLmConfig): SceneLmConfig {
  for (const key of ['vocabulary', 'embedding', 'hiddenUnits'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 2) throw new RangeError(`SceneLm: ${key} must be an integer of at least 2 (got ${config[key]}).`);
  }
  if (!(config.learningRate > 0)) throw new RangeError(`SceneLm: learningRate must be positive (got ${config.learningRate}).`);
  if (!(config.clipNorm > 0)) throw new RangeError(`SceneLm: clipNorm must be positive (got ${config.clipNorm}).`);
  return config;
}

export class SceneLm implements TrainableModel<SceneLmBatch> {
  readonly config: SceneLmConfig;
  readonly variables: NamedVariables;
  private readonly embedding: Embedding;
  private readonly lstm: Lstm;
  private readonly output: Dense;

  constructor(config: SceneLmConfig) {
    this.config = checkSceneLmConfig({ ...config });
    const { vocabulary: v, embedding: e, hiddenUnits: h, seed } = this.config;
    this.embedding = new Embedding({ vocabSize: v, dim: e, seed: seed + 11 });
    this.lstm = new Lstm({ inputSize: e, units: h, seed: seed + 13 });
    this.output = new Dense({ inputSize: h, units: v, seed: seed + 17 });
    this.variables = collectVariables({ embedding: this.embedding, lstm: this.lstm, output: this.output });
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  get optimizerOptions(): AdamOptions {
    return { learningRate: this.config.learningRate, clipNorm: this.config.clipNorm };
  }

  loss(batch: SceneLmBatch): tf.Scalar {
    return tf.tidy(() => this.figures(batch).loss);
  }

  /** Teacher-forced figures of windows of `length + 1` tokens, in chunks. */
  evaluate(tokens: Int32Array, length: number, chunk = 64): SceneLmMetrics {
    const total = this.windows(tokens, length);
    let loss = 0;
    let accuracy = 0;
    for (let start = 0; start < total; start += chunk) {
      const b = Math.min(chunk, total - start);
      const part = tokens.subarray(start * (length + 1), (start + b) * (length + 1));
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
   * Feeds the primer, then draws up to `maxSteps` tokens for each of `count` rows; resolves to the
   * rows' tokens (a row ends with its stop token when it drew one).
   */
  async generate(primer: Int32Array, options: GenerateOptions): Promise<number[][]> {
    const { vocabulary: v } = this.config;
    const { count, maxSteps, temperature } = options;
    if (primer.length === 0) throw new RangeError('SceneLm: the primer must hold at least one token.');
    this.checkTokens(primer);
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`SceneLm: count must be a positive integer (got ${count}).`);
    if (!(temperature >= 0)) throw new RangeError(`SceneLm: temperature must be zero or more (got ${temperature}).`);
    const banned = new Set(options.banned ?? []);
    const stop = new Set(options.stop ?? []);
    const rngs = Array.from({ length: count }, (_, i) => createRng((Math.imul(options.seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0));
    const drawn: number[][] = Array.from({ length: count }, () => []);
    const done = new Array<boolean>(count).fill(false);
    const [h0, c0] = tf.tidy(() => {
      let s = this.lstm.zeroState(1);
      const x = this.embedding.apply(tf.tensor1d(primer, 'int32'));
      for (let t = 0; t < primer.length; t++) s = this.lstm.step(tf.slice(x, [t, 0], [1, this.config.embedding]) as tf.Tensor2D, s);
      return count > 1 ? [tf.tile(s.h, [count, 1]) as tf.Tensor2D, tf.tile(s.c, [count, 1]) as tf.Tensor2D] : [s.h, s.c];
    });
    let state: LstmState = { h: h0 as tf.Tensor2D, c: c0 as tf.Tensor2D };
    try {
      for (let step = 0; step < maxSteps && done.includes(false); step++) {
        if (options.between) await options.between();
        const logitsTensor = tf.tidy(() => this.output.apply(state.h));
        const logits = (await logitsTensor.data()) as Float32Array;
        logitsTensor.dispose();
        const next = new Int32Array(count);
        for (let row = 0; row < count; row++) {
          if (done[row]) continue;
          const only = options.allowed?.(row, drawn[row]!) ?? null;
          const extra = options.forbid?.(row, drawn[row]!) ?? null;
          const token = pickToken(logits.subarray(row * v, (row + 1) * v), temperature, rngs[row]!, extra && extra.length > 0 ? new Set([...banned, ...extra]) : banned, only);
          next[row] = token;
          drawn[row]!.push(token);
          options.onToken?.(row, token);
          if (stop.has(token) || options.shouldStop?.(row, drawn[row]!)) done[row] = true;
        }
        if (!done.includes(false) || step + 1 >= maxSteps) break;
        const previous = state;
        const [h, c] = tf.tidy(() => {
          const stepped = this.lstm.step(this.embedding.apply(tf.tensor1d(next, 'int32')), previous);
          return [stepped.h, stepped.c];
        });
        state = { h: h as tf.Tensor2D, c: c as tf.Tensor2D };
        tf.dispose([previous.h, previous.c]);
      }
    } finally {
      tf.dispose([state.h, state.c]);
    }
    return drawn;
  }

  dispose(): void {
    this.embedding.dispose();
    this.lstm.dispose();
    this.output.dispose();
  }

  private windows(tokens: Int32Array, length: number): number {
    const w = length + 1;
    if (!Number.isInteger(length) || length < 1 || tokens.length === 0 || tokens.length % w !== 0) {
      throw new RangeError(`SceneLm: a batch holds whole windows of ${w} tokens; got ${tokens.length} tokens.`);
    }
    this.checkTokens(tokens);
    return tokens.length / w;
  }

  private checkTokens(tokens: Int32Array): void {
    const v = this.config.vocabulary;
    for (const token of tokens) if (!(token >= 0 && token < v)) throw new RangeError(`SceneLm: token ${token} is outside the vocabulary of ${v}.`);
  }

  /** Loss and accuracy of a batch (time-major rows: row t·B + n ← window n, step t). */
  private figures(batch: SceneLmBatch): { loss: tf.Scalar; accuracy: tf.Scalar } {
    const { tokens, length } = batch;
    const b = this.windows(tokens, length);
    const w = length + 1;
    const inputs = new Int32Array(b * length);
    const targets = new Int32Array(b * length);
    for (let n = 0; n < b; n++) {
      for (let t = 0; t < length; t++) {
        inputs[t * b + n] = tokens[n * w + t] as number;
        targets[t * b + n] = tokens[n * w + t + 1] as number;
      }
    }
    const x = this.embedding.apply(tf.tensor1d(inputs, 'int32'));
    const hidden = this.lstm.apply(x, { steps: length });
    const logits = this.output.apply(hidden);
    const targetTensor = tf.tensor1d(targets, 'int32');
    const loss = tf.losses.softmaxCrossEntropy(oneHotFloat(targetTensor, this.config.vocabulary), logits) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), targetTensor), 'float32')) as tf.Scalar;
    return { loss, accuracy };
  }
}

/** One token from logits: temperature, banned ids and an optional allowed set; 0 = the likeliest. */
export function pickToken(logits: Float32Array, temperature: number, rng: { next(): number }, banned: ReadonlySet<number>, only: readonly number[] | null): number {
  const candidates = only ? only.filter((i) => !banned.has(i) && i >= 0 && i < logits.length) : null;
  const ids = candidates && candidates.length > 0 ? candidates : null;
  const n = ids ? ids.length : logits.length;
  const idAt = (k: number): number => (ids ? (ids[k] as number) : k);
  let best = -1;
  let bestLogit = -Infinity;
  for (let k = 0; k < n; k++) {
    const id = idAt(k);
    if (!ids && banned.has(id)) continue;
    const l = logits[id] as number;
    if (l > bestLogit) {
      bestLogit = l;
      best = id;
    }
  }
  if (best === -1) return idAt(0);
  if (temperature === 0) return best;
  const weights = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const id = idAt(k);
    if (!ids && banned.has(id)) continue;
    const w = Math.exp(((logits[id] as number) - bestLogit) / temperature);
    weights[k] = w;
    total += w;
  }
  let r = rng.next() * total;
  for (let k = 0; k < n; k++) {
    r -= weights[k] as number;
    if (r < 0) return idAt(k);
  }
  return best;
}
