// Latent constraints (Engel, Hoffman & Roberts 2017, "Latent Constraints: Learning to Generate
// Conditionally from Unconditional Generative Models") on a trained MusicVAE: a small conditional
// GAN in the VAE's latent space, so that asking for attributes (key, note density, register)
// gives latents the unchanged VAE decoder turns into music with them.
//
// - Generator G(ε, c): ε ~ N(0, I) of the latent size, c the attribute code; an MLP (2 × 256 ReLU)
//   gives a gate g and a proposal Δ, and z' = (1 − σ(g))·ε + σ(g)·Δ (the paper's gated residual).
// - Critic D(z, c): an MLP → one logit. Trained (non-saturating cross-entropy, as the paper) to
//   accept encoded latents of real data (μ of q(z | x)) with their own attributes, and to reject
//   G's latents with the attributes they were asked for and real latents with the wrong attributes
//   (another example's), so it judges realism and attribute satisfaction together.
// - Attribute classifier C(z): an MLP with one softmax head per attribute, trained on real latents;
//   G also minimises C's cross-entropy for the asked attributes (an auxiliary push, like AC-GAN).
// - Distance penalty (the paper's): λ·mean log(1 + ((z' − ε)/σ̄)²), σ̄ the mean encoder σ, keeps
//   G's output near its input where it can, so samples keep the prior's variety.
//
// Attribute code c: one-hot diatonic collection (12, melodies), one-hot density bucket, one-hot
// register bucket (melodies); during training each attribute's block is zeroed with probability
// `dropProbability` in every role (so an attribute left out at sampling time means "any"). Bucket
// edges come from the training data (shared/music/encoding/attributes.ts).
//
// Determinism: batches, dropout and noise are functions of (seed, step); sample(n, asked, seed)
// repeats. On disk beside the VAE: latent-gan.json (config, metrics, weight specs) and
// latent-gan.bin (the weights), written bin first, json last.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { bucketOf, collectionForKey } from '../../shared/music/encoding/attributes';
import type { ScaleMode } from '../../shared/music/scales';
import { createRng } from '../../shared/random';
import { Dense } from '../engine/layers/dense';
import { collectVariables, countParameters, type NamedVariables } from '../engine/layers/layer';
import type { AdamOptions } from '../engine/training/adam';
import { Trainer } from '../engine/training/trainer';
import { writeAtomically } from '../engine/training/atomic-write';

export const latentGanFile = 'latent-gan.json';
export const latentGanWeightsFile = 'latent-gan.bin';
export const latentGanFormat = 'montage-latent-gan';

export interface LatentGanConfig {
  representation: 'melody' | 'drums';
  latentSize: number;
  /** Conditions on the diatonic collection (12 classes); melodies only. */
  useKey: boolean;
  /** Ascending density edges (notes or hits per bar): edges.length + 1 buckets. */
  densityEdges: number[];
  /** Ascending mean-pitch edges; empty = no register attribute (drums). */
  registerEdges: number[];
  /** A typical density of each bucket (its training examples' median), for reports and asking by value. */
  densityCentres: number[];
  hiddenUnits: number;
  learningRate: number;
  /** Weight of the classifier's cross-entropy in G's loss. */
  classifierWeight: number;
  /** Weight λ of the distance penalty. */
  distanceWeight: number;
  /** σ̄: the mean encoder σ over the training data (the distance penalty's scale). */
  latentScale: number;
  /** Chance of leaving each attribute out of c in training. */
  dropProbability: number;
  seed: number;
}

export const latentGanDefaults = {
  hiddenUnits: 256,
  learningRate: 3e-4,
  classifierWeight: 1,
  distanceWeight: 0.1,
  dropProbability: 0.25,
} as const;

/** Attribute labels of examples: −1 = unknown / not asked. */
export interface AttributeLabels {
  scaleClass: Int32Array;
  density: Int32Array;
  register: Int32Array;
}

/** What to ask of one sample: each attribute's class, or undefined for "any". */
export interface AskedAttributes {
  scaleClass?: number;
  density?: number;
  register?: number;
}

interface Head {
  name: 'scaleClass' | 'density' | 'register';
  size: number;
  offset: number;
}

/** The attribute heads of a config and the width of its code. */
function headsOf(config: LatentGanConfig): { heads: Head[]; width: number } {
  const heads: Head[] = [];
  let offset = 0;
  const add = (name: Head['name'], size: number): void => {
    if (size < 1) return;
    heads.push({ name, size, offset });
    offset += size;
  };
  if (config.useKey) add('scaleClass', 12);
  add('density', config.densityEdges.length + 1);
  if (config.registerEdges.length > 0) add('register', config.registerEdges.length + 1);
  return { heads, width: offset };
}

const mix = (seed: number, step: number, stream: number): number =>
  (Math.imul(seed, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b) ^ Math.imul(stream, 0xc2b2ae35)) >>> 0;

class Mlp {
  readonly layers: Dense[];
  constructor(input: number, hidden: number, output: number, seed: number) {
    this.layers = [
      new Dense({ inputSize: input, units: hidden, seed, activation: 'relu' }),
      new Dense({ inputSize: hidden, units: hidden, seed: seed + 1, activation: 'relu' }),
      new Dense({ inputSize: hidden, units: output, seed: seed + 2 }),
    ];
  }
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.layers.reduce((h, layer) => layer.apply(h), x);
  }
  get variables(): NamedVariables {
    return collectVariables(Object.fromEntries(this.layers.map((l, i) => [`dense${i}`, l])));
  }
  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}

type LossOf = () => tf.Scalar;
interface Players {
  critic: Trainer<LossOf>;
  generator: Trainer<LossOf>;
  classifier: Trainer<LossOf>;
}

/** Figures of one training step. */
export interface LatentGanStepFigures {
  critic: number;
  generator: number;
  classifier: number;
}

export class LatentGan {
  readonly config: LatentGanConfig;
  readonly heads: Head[];
  readonly codeWidth: number;
  readonly variables: NamedVariables;
  private readonly generator: Mlp;
  private readonly critic: Mlp;
  private readonly classifier: Mlp;
  private trainers: Players | null = null;

  constructor(config: LatentGanConfig) {
    if (!(Number.isInteger(config.latentSize) && config.latentSize > 0)) throw new RangeError(`LatentGan: latentSize must be a positive integer (got ${config.latentSize}).`);
    this.config = { ...config, densityEdges: [...config.densityEdges], registerEdges: [...config.registerEdges], densityCentres: [...config.densityCentres] };
    const { heads, width } = headsOf(this.config);
    this.heads = heads;
    this.codeWidth = width;
    const { latentSize: l, hiddenUnits: h, seed } = this.config;
    this.generator = new Mlp(l + width, h, 2 * l, seed + 100);
    this.critic = new Mlp(l + width, h, 1, seed + 200);
    this.classifier = new Mlp(l, h, Math.max(1, width), seed + 300);
    this.variables = collectVariables({
      generator: this.generator.variables,
      critic: this.critic.variables,
      classifier: this.classifier.variables,
    });
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  /** The attribute code [n, codeWidth] of asked attributes (an absent or −1 attribute: zeros). */
  code(asked: readonly AskedAttributes[]): Float32Array {
    const out = new Float32Array(asked.length * this.codeWidth);
    asked.forEach((a, i) => {
      for (const head of this.heads) {
        const v = a[head.name];
        if (v !== undefined && v >= 0 && v < head.size) out[i * this.codeWidth + head.offset + v] = 1;
      }
    });
    return out;
  }

  /** G(ε, c) → z' [n, latentSize]. */
  generate(noise: tf.Tensor2D, code: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const l = this.config.latentSize;
      const out = this.generator.apply(tf.concat([noise, code], 1) as tf.Tensor2D);
      const gate = tf.sigmoid(tf.slice(out, [0, 0], [-1, l]));
      const delta = tf.slice(out, [0, l], [-1, l]);
      return tf.add(tf.mul(tf.sub(1, gate), noise), tf.mul(gate, delta)) as tf.Tensor2D;
    });
  }

  /** D(z, c) → logits [n]. */
  criticLogits(z: tf.Tensor2D, code: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(this.critic.apply(tf.concat([z, code], 1) as tf.Tensor2D), [-1]) as tf.Tensor1D);
  }

  /** C(z) → the logits of every head side by side [n, codeWidth]. */
  classifierLogits(z: tf.Tensor2D): tf.Tensor2D {
    return this.classifier.apply(z);
  }

  /** The classifier's most likely class per head for latents [n × latentSize] (row-major). */
  classify(z: Float32Array): Record<Head['name'], Int32Array> {
    const n = z.length / this.config.latentSize;
    const logits = tf.tidy(() => this.classifierLogits(tf.tensor2d(z, [n, this.config.latentSize])));
    const values = logits.dataSync();
    logits.dispose();
    const out = { scaleClass: new Int32Array(n).fill(-1), density: new Int32Array(n).fill(-1), register: new Int32Array(n).fill(-1) };
    for (const head of this.heads) {
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let k = 1; k < head.size; k++) if ((values[i * this.codeWidth + head.offset + k] as number) > (values[i * this.codeWidth + head.offset + best] as number)) best = k;
        out[head.name][i] = best;
      }
    }
    return out;
  }

  /** Masked softmax cross-entropy of every head: targets are one-hot rows (all zero where unknown). */
  private classifierLoss(logits: tf.Tensor2D, targets: Float32Array, n: number): tf.Scalar {
    return tf.tidy(() => {
      const t = tf.tensor2d(targets, [n, this.codeWidth]);
      let total: tf.Scalar = tf.scalar(0);
      for (const head of this.heads) {
        const lg = tf.slice(logits, [0, head.offset], [-1, head.size]);
        const tg = tf.slice(t, [0, head.offset], [-1, head.size]);
        const count = tf.maximum(tf.sum(tg), 1);
        total = tf.add(total, tf.div(tf.neg(tf.sum(tf.mul(tg, tf.logSoftmax(lg)))), count));
      }
      return total;
    });
  }

  /**
   * n latents for the asked attributes (one entry per row, or one for all), seeded; resolves to
   * n × latentSize floats, row-major.
   */
  async sample(n: number, asked: AskedAttributes | readonly AskedAttributes[], seed: number): Promise<Float32Array> {
    const rows = Array.isArray(asked) ? (asked as readonly AskedAttributes[]) : Array.from({ length: n }, () => asked as AskedAttributes);
    if (rows.length !== n) throw new RangeError(`LatentGan.sample: ${rows.length} attribute rows for ${n} samples.`);
    const z = tf.tidy(() => {
      const noise = tf.randomNormal([n, this.config.latentSize], 0, 1, 'float32', seed) as tf.Tensor2D;
      return this.generate(noise, tf.tensor2d(this.code(rows), [n, this.codeWidth]));
    });
    try {
      return (await z.data()) as Float32Array;
    } finally {
      z.dispose();
    }
  }

  /**
   * One training step on real latents `mu` [N × latentSize] and their labels: a classifier step,
   * a critic step and a generator step, each with its own Adam. Batches, dropout and noise follow
   * (seed, step).
   */
  async trainStep(mu: Float32Array, labels: AttributeLabels, step: number, batchSize: number): Promise<LatentGanStepFigures> {
    const l = this.config.latentSize;
    const total = mu.length / l;
    const rng = createRng(mix(this.config.seed, step, 1));
    const pick = (): Int32Array => Int32Array.from({ length: batchSize }, () => rng.int(total));
    const real = pick();
    const asked = pick();
    const wrong = pick();
    const labelRow = (i: number): AskedAttributes => ({
      scaleClass: labels.scaleClass[i] as number,
      density: labels.density[i] as number,
      register: labels.register[i] as number,
    });
    const dropped = (a: AskedAttributes): AskedAttributes => {
      const out: AskedAttributes = {};
      for (const head of this.heads) if (rng.next() >= this.config.dropProbability) out[head.name] = a[head.name] as number;
      return out;
    };
    const realRows = Array.from(real, (i) => dropped(labelRow(i)));
    const askedRows = Array.from(asked, (i) => dropped(labelRow(i)));
    // The wrong attributes keep the real row's dropout pattern, so only the values differ.
    const wrongRows = realRows.map((r, k) => {
      const other = labelRow(wrong[k] as number);
      const out: AskedAttributes = {};
      for (const head of this.heads) if (r[head.name] !== undefined) out[head.name] = other[head.name] as number;
      return out;
    });
    const realZ = new Float32Array(batchSize * l);
    real.forEach((i, k) => realZ.set(mu.subarray(i * l, (i + 1) * l), k * l));
    const fullRealTargets = this.code(Array.from(real, labelRow));
    const askedTargets = this.code(askedRows);
    const noiseSeed = mix(this.config.seed, step, 2);

    const trainers = (this.trainers ??= this.makeTrainers());
    const bce = (logits: tf.Tensor1D, target: 0 | 1): tf.Scalar => tf.mean(tf.softplus(target === 1 ? tf.neg(logits) : logits));
    const c = (rows: AskedAttributes[]): tf.Tensor2D => tf.tensor2d(this.code(rows), [rows.length, this.codeWidth]);
    const fakeOf = (): { noise: tf.Tensor2D; fake: tf.Tensor2D } => {
      const noise = tf.randomNormal([batchSize, l], 0, 1, 'float32', noiseSeed) as tf.Tensor2D;
      return { noise, fake: this.generate(noise, c(askedRows)) };
    };

    const classifier = (await trainers.classifier.trainStep(() =>
      this.classifierLoss(this.classifierLogits(tf.tensor2d(realZ, [batchSize, l])), fullRealTargets, batchSize),
    )).loss;
    const fixedFake = tf.tidy(() => fakeOf().fake);
    let critic: number;
    try {
      critic = (await trainers.critic.trainStep(() => {
        const zReal = tf.tensor2d(realZ, [batchSize, l]);
        return tf.addN([
          bce(this.criticLogits(zReal, c(realRows)), 1),
          bce(this.criticLogits(fixedFake, c(askedRows)), 0),
          bce(this.criticLogits(zReal, c(wrongRows)), 0),
        ]) as tf.Scalar;
      })).loss;
    } finally {
      fixedFake.dispose();
    }
    const generator = (await trainers.generator.trainStep(() => {
      const { noise, fake } = fakeOf();
      const adversarial = bce(this.criticLogits(fake, c(askedRows)), 1);
      const attributes = tf.mul(this.classifierLoss(this.classifierLogits(fake), askedTargets, batchSize), this.config.classifierWeight);
      const scaled = tf.div(tf.sub(fake, noise), this.config.latentScale);
      const distance = tf.mul(tf.mean(tf.log1p(tf.square(scaled))), this.config.distanceWeight);
      return tf.addN([adversarial, attributes, distance]) as tf.Scalar;
    })).loss;
    return { critic, generator, classifier };
  }

  private makeTrainers(): Players {
    const options: AdamOptions = { learningRate: this.config.learningRate, beta1: 0.5, clipNorm: 10 };
    // Each player is an engine Trainer over its own variables whose "batch" is the loss to take.
    const part = (variables: NamedVariables): Trainer<LossOf> => new Trainer<LossOf>({ variables, loss: (f) => f() }, options);
    return { critic: part(this.critic.variables), generator: part(this.generator.variables), classifier: part(this.classifier.variables) };
  }

  dispose(): void {
    if (this.trainers) for (const t of Object.values(this.trainers)) t.dispose();
    this.trainers = null;
    this.generator.dispose();
    this.critic.dispose();
    this.classifier.dispose();
  }
}

/** The density (or asked key's collection) a generation request stands for, as the GAN's classes. */
export function askedAttributes(config: LatentGanConfig, asked: { key?: { tonic: number; mode: ScaleMode }; density?: number; register?: number }): AskedAttributes {
  const out: AskedAttributes = {};
  if (asked.key && config.useKey) out.scaleClass = collectionForKey(asked.key.tonic, asked.key.mode);
  if (asked.density !== undefined) {
    // The bucket whose median is nearest the asked value (buckets are quantiles, so a value near an edge is ambiguous).
    let best = 0;
    config.densityCentres.forEach((c, i) => {
      if (Math.abs(c - asked.density!) < Math.abs((config.densityCentres[best] as number) - asked.density!)) best = i;
    });
    out.density = best;
  }
  if (asked.register !== undefined && config.registerEdges.length > 0) out.register = bucketOf(asked.register, config.registerEdges);
  return out;
}

// --- on disk ------------------------------------------------------------------------------------

export interface LatentGanFile {
  format: typeof latentGanFormat;
  version: 1;
  config: LatentGanConfig;
  /** Steps trained. */
  steps: number;
  /** Figures measured at the end of training (see tasks/train-latent-gan.ts). */
  metrics: Record<string, number>;
  weightsFile: string;
  weights: tf.io.WeightsManifestEntry[];
}

/** Writes latent-gan.bin then latent-gan.json into a model folder. */
export async function saveLatentGan(gan: LatentGan, directory: string, info: { steps: number; metrics: Record<string, number> }): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(gan.variables);
  await writeAtomically(join(directory, latentGanWeightsFile), new Uint8Array(data as ArrayBuffer));
  const file: LatentGanFile = {
    format: latentGanFormat,
    version: 1,
    config: gan.config,
    steps: info.steps,
    metrics: Object.fromEntries(Object.entries(info.metrics).filter(([, v]) => Number.isFinite(v))),
    weightsFile: latentGanWeightsFile,
    weights: specs,
  };
  await writeAtomically(join(directory, latentGanFile), `${JSON.stringify(file, null, 2)}\n`);
}

/** Removes a model folder's latent GAN (a folder being trained again). */
export async function removeLatentGan(directory: string): Promise<void> {
  await rm(join(directory, latentGanFile), { force: true });
  await rm(join(directory, latentGanWeightsFile), { force: true });
}

/** The latent GAN of a model folder, or null when it has none; throws when its files are damaged. */
export async function loadLatentGan(directory: string): Promise<{ gan: LatentGan; file: LatentGanFile } | null> {
  let text: string;
  try {
    text = await readFile(join(directory, latentGanFile), 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
  const file = JSON.parse(text) as LatentGanFile;
  if (file.format !== latentGanFormat || file.version !== 1) throw new Error(`${latentGanFile} is not a Montage latent GAN.`);
  const bytes = await readFile(join(directory, latentGanWeightsFile));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const tensors = tf.io.decodeWeights(buffer, file.weights);
  const gan = new LatentGan(file.config);
  try {
    for (const [name, v] of Object.entries(gan.variables)) {
      const t = tensors[name];
      if (!t || !tf.util.arraysEqual(t.shape, v.shape)) throw new Error(`${latentGanWeightsFile} has no weights of shape [${v.shape.join(', ')}] for "${name}".`);
      v.assign(t);
    }
  } catch (err) {
    gan.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return { gan, file };
}
