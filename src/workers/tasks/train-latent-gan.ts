// The latent-constraints phase of a music model (models/latent-gan.ts): after the VAE has
// trained, its training examples are labelled with their attributes (key, density, register;
// shared/music/encoding/attributes.ts), encoded to μ of q(z | x) with the trained encoder, and a
// small conditional GAN learns to give latents with asked attributes. Then it is measured the way
// generation uses it: latents for an asked key or density are decoded by the VAE and the music's
// own attributes compared with what was asked — against the same figures for the VAE prior's
// samples — and the attribute classifier is scored on held-out latents. The GAN is saved beside
// the VAE (latent-gan.json + latent-gan.bin); the VAE is not changed.
import * as tf from '@tensorflow/tfjs';
import {
  bucketOf,
  drumAttributes,
  estimateKey,
  melodyAttributes,
  quantileEdges,
  scaleClassOf,
  type ExampleAttributes,
} from '../../shared/music/encoding/attributes';
import { defaultMelodyRange, drumStepNotes, inScaleRate, melodyStepNotes, type StepNote } from '../../shared/music/encoding';
import { formatDuration } from '../engine/training/progress-reporter';
import { askedAttributes, LatentGan, latentGanDefaults, saveLatentGan, type AskedAttributes, type AttributeLabels, type LatentGanConfig } from '../models/latent-gan';
import type { MusicVae } from '../models/music-vae';
import { yieldForCancel, type TaskContext } from './task-context';

export { askedAttributes };

export interface LatentGanPhaseOptions {
  /** GAN training steps (each: a classifier, a critic and a generator update). */
  steps: number;
  batchSize: number;
  seed: number;
  /** Density buckets (quantiles of the training data). */
  densityBuckets?: number;
  /** Register buckets (melodies). */
  registerBuckets?: number;
  /** Encode at most this many training examples (a seeded choice); all by default. */
  maxExamples?: number;
  /** Samples per asked class when measuring (12 keys, each density and register bucket). */
  samplesPerClass?: number;
  /** Where to save the GAN (a model folder); not saved when absent. */
  outDir?: string;
  /** Overrides of the GAN's sizes and weights (tests). */
  gan?: Partial<Pick<LatentGanConfig, 'hiddenUnits' | 'learningRate' | 'classifierWeight' | 'distanceWeight' | 'dropProbability'>>;
}

/** Figures of a trained latent GAN (names as stored in latent-gan.json and the model's manifest). */
export interface LatentGanMetrics {
  /** Mean in-scale rate of decoded GAN samples for the asked key (melodies). */
  ganKeyInScale?: number;
  /** The same for prior samples, scored against the same asked keys. */
  priorKeyInScale?: number;
  /** Share of decoded samples whose estimated collection is the asked one. */
  ganKeyAccuracy?: number;
  priorKeyAccuracy?: number;
  /** Share of decoded samples whose density falls in the asked bucket. */
  ganDensityAccuracy: number;
  priorDensityAccuracy: number;
  /** Mean |achieved − asked| density (notes per bar; asked = the bucket's median). */
  ganDensityError: number;
  priorDensityError: number;
  ganRegisterAccuracy?: number;
  priorRegisterAccuracy?: number;
  /** The classifier on held-out encoded latents. */
  classifierKeyAccuracy?: number;
  classifierDensityAccuracy: number;
  classifierRegisterAccuracy?: number;
  /** Examples encoded and trained on, steps, seconds of the phase. */
  examples: number;
  steps: number;
  seconds: number;
}

const bars = (vae: MusicVae): number => vae.config.steps / 16;

/** Step notes of one example of the model's representation. */
export function exampleNotes(vae: MusicVae, tokens: ArrayLike<number>): StepNote[] {
  return vae.config.representation === 'drums' ? drumStepNotes(tokens) : melodyStepNotes(tokens, vae.config.melodyRange ?? defaultMelodyRange);
}

/** The attributes of every example in a batch-major token array. */
export function attributesOf(vae: MusicVae, tokens: Int32Array): ExampleAttributes[] {
  const steps = vae.config.steps;
  const out: ExampleAttributes[] = [];
  for (let i = 0; i < tokens.length / steps; i++) {
    const notes = exampleNotes(vae, tokens.subarray(i * steps, (i + 1) * steps));
    out.push(vae.config.representation === 'drums' ? drumAttributes(notes, bars(vae)) : melodyAttributes(notes, bars(vae)));
  }
  return out;
}

/** Labels (classes, −1 unknown) of attributes under a GAN config's edges. */
export function labelsOf(attributes: readonly ExampleAttributes[], config: Pick<LatentGanConfig, 'useKey' | 'densityEdges' | 'registerEdges'>): AttributeLabels {
  const n = attributes.length;
  const labels: AttributeLabels = { scaleClass: new Int32Array(n).fill(-1), density: new Int32Array(n), register: new Int32Array(n).fill(-1) };
  attributes.forEach((a, i) => {
    if (config.useKey) labels.scaleClass[i] = a.scaleClass;
    labels.density[i] = bucketOf(a.density, config.densityEdges);
    if (config.registerEdges.length > 0 && Number.isFinite(a.register)) labels.register[i] = bucketOf(a.register, config.registerEdges);
  });
  return labels;
}

/** μ of q(z | x) for every example, in chunks (cancel is checked between them). */
async function encodeAll(vae: MusicVae, tokens: Int32Array, context: TaskContext, label: string): Promise<{ mu: Float32Array; meanSigma: number }> {
  const { steps, latentSize } = vae.config;
  const n = tokens.length / steps;
  const mu = new Float32Array(n * latentSize);
  let sigmaSum = 0;
  const chunk = 256;
  let lastReport = performance.now();
  for (let start = 0; start < n; start += chunk) {
    await yieldForCancel(context.signal);
    const b = Math.min(chunk, n - start);
    const encoding = vae.encode(tokens.subarray(start * steps, (start + b) * steps));
    try {
      mu.set(await encoding.mu.data(), start * latentSize);
      const s = await encoding.sigma.data();
      for (const v of s) sigmaSum += v;
    } finally {
      tf.dispose([encoding.mu, encoding.sigma]);
    }
    if (performance.now() - lastReport > 2000) {
      lastReport = performance.now();
      context.progress({ fraction: 1, text: `Latent GAN: encoding the ${label} ${Math.min(n, start + b).toLocaleString('en-US')}/${n.toLocaleString('en-US')}` });
    }
  }
  return { mu, meanSigma: sigmaSum / (n * latentSize) };
}

/** A seeded choice of at most `max` examples. */
function subset(tokens: Int32Array, steps: number, max: number, seed: number): Int32Array {
  const n = tokens.length / steps;
  if (n <= max) return tokens;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let state = (seed ^ 0x5f3759df) >>> 0;
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const out = new Int32Array(max * steps);
  for (let k = 0; k < max; k++) {
    const e = order[k] as number;
    out.set(tokens.subarray(e * steps, (e + 1) * steps), k * steps);
  }
  return out;
}

/** The median density of the training examples in each bucket (the asked value a bucket stands for). */
function bucketCentres(values: readonly number[], edges: readonly number[]): number[] {
  const groups: number[][] = Array.from({ length: edges.length + 1 }, () => []);
  for (const v of values) groups[bucketOf(v, edges)]?.push(v);
  return groups.map((g, b) => {
    if (g.length === 0) return b === 0 ? (edges[0] ?? 0) : (edges[b - 1] as number);
    const s = [...g].sort((x, y) => x - y);
    return s[Math.floor(s.length / 2)] as number;
  });
}

const mean = (xs: readonly number[]): number => {
  const f = xs.filter(Number.isFinite);
  return f.length === 0 ? NaN : f.reduce((a, b) => a + b, 0) / f.length;
};

/** Decodes latents (row-major) with the VAE at temperature 1, seeded; answers each sample's step notes. */
async function decodeNotes(vae: MusicVae, z: Float32Array, seed: number): Promise<StepNote[][]> {
  const { latentSize, steps } = vae.config;
  const n = z.length / latentSize;
  const out: StepNote[][] = [];
  for (let start = 0; start < n; start += 128) {
    const b = Math.min(128, n - start);
    const zt = tf.tensor2d(z.subarray(start * latentSize, (start + b) * latentSize), [b, latentSize]);
    try {
      const tokens = await vae.decode(zt, { seed: seed + start, temperature: 1 });
      for (let i = 0; i < b; i++) out.push(exampleNotes(vae, tokens.subarray(i * steps, (i + 1) * steps)));
    } finally {
      zt.dispose();
    }
  }
  return out;
}

/**
 * Measures a GAN as generation uses it: for each asked class, `m` GAN samples decoded by the VAE
 * and scored on the music's own attributes, against the prior's samples scored on the same asks.
 */
export async function measureLatentGan(
  vae: MusicVae,
  gan: LatentGan,
  m: number,
  seed: number,
): Promise<Omit<LatentGanMetrics, 'classifierKeyAccuracy' | 'classifierDensityAccuracy' | 'classifierRegisterAccuracy' | 'examples' | 'steps' | 'seconds'>> {
  const { config } = gan;
  const b = bars(vae);
  // One prior batch, re-scored against each ask.
  const classes = Math.max(12, config.densityEdges.length + 1, config.registerEdges.length + 1);
  const priorZ = tf.tidy(() => tf.randomNormal([m * classes, vae.config.latentSize], 0, 1, 'float32', seed + 11).dataSync() as Float32Array);
  const prior = await decodeNotes(vae, priorZ, seed + 12);
  const scoreAsk = async (
    asks: AskedAttributes[],
    scorers: ((notes: StepNote[], ask: AskedAttributes) => number)[],
    stream: number,
  ): Promise<{ gan: number; prior: number }[]> => {
    const rows = asks.flatMap((a) => Array.from({ length: m }, () => a));
    const z = await gan.sample(rows.length, rows, seed + stream);
    const notes = await decodeNotes(vae, z, seed + stream + 1);
    return scorers.map((score) => ({
      gan: mean(notes.map((n, i) => score(n, rows[i] as AskedAttributes))),
      prior: mean(prior.map((n, i) => score(n, rows[i % rows.length] as AskedAttributes))),
    }));
  };
  const out: Awaited<ReturnType<typeof measureLatentGan>> = { ganDensityAccuracy: NaN, priorDensityAccuracy: NaN, ganDensityError: NaN, priorDensityError: NaN };
  if (config.useKey) {
    const asks = Array.from({ length: 12 }, (_, c) => ({ scaleClass: c }));
    const [inScale, accuracy] = (await scoreAsk(
      asks,
      [
        (notes, ask) => inScaleRate(notes, ask.scaleClass as number, 'major'),
        (notes, ask) => {
          const key = estimateKey(notes);
          return key ? Number(scaleClassOf(key) === ask.scaleClass) : 0;
        },
      ],
      100,
    )) as [{ gan: number; prior: number }, { gan: number; prior: number }];
    Object.assign(out, { ganKeyInScale: inScale.gan, priorKeyInScale: inScale.prior, ganKeyAccuracy: accuracy.gan, priorKeyAccuracy: accuracy.prior });
  }
  const densityAsks = Array.from({ length: config.densityEdges.length + 1 }, (_, d) => ({ density: d }));
  const densityOf = (notes: StepNote[]): number => notes.length / b;
  const [dAcc, dErr] = (await scoreAsk(
    densityAsks,
    [
      (notes, ask) => Number(bucketOf(densityOf(notes), config.densityEdges) === ask.density),
      (notes, ask) => Math.abs(densityOf(notes) - (config.densityCentres[ask.density as number] as number)),
    ],
    200,
  )) as [{ gan: number; prior: number }, { gan: number; prior: number }];
  Object.assign(out, { ganDensityAccuracy: dAcc.gan, priorDensityAccuracy: dAcc.prior, ganDensityError: dErr.gan, priorDensityError: dErr.prior });
  if (config.registerEdges.length > 0) {
    const asks = Array.from({ length: config.registerEdges.length + 1 }, (_, r) => ({ register: r }));
    const [reg] = (await scoreAsk(
      asks,
      [(notes, ask) => (notes.length === 0 ? 0 : Number(bucketOf(notes.reduce((s, n) => s + n.pitch, 0) / notes.length, config.registerEdges) === ask.register))],
      300,
    )) as [{ gan: number; prior: number }];
    Object.assign(out, { ganRegisterAccuracy: reg.gan, priorRegisterAccuracy: reg.prior });
  }
  return out;
}

/** The share of rows where the classifier's class equals a known label. */
function agreement(predicted: Int32Array, labels: Int32Array): number | undefined {
  let hits = 0;
  let known = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as number) < 0) continue;
    known++;
    if (predicted[i] === labels[i]) hits++;
  }
  return known === 0 ? undefined : hits / known;
}

/**
 * Trains a latent GAN for a trained VAE on its training examples (`train`, batch-major tokens),
 * scores its classifier on `heldOut`, measures it, and saves it into options.outDir when given.
 * The caller disposes the GAN. Rejects with TaskCancelledError when context.signal is aborted.
 */
export async function trainLatentGan(
  vae: MusicVae,
  train: Int32Array,
  heldOut: Int32Array,
  options: LatentGanPhaseOptions,
  context: TaskContext,
): Promise<{ gan: LatentGan; metrics: LatentGanMetrics }> {
  const started = performance.now();
  const { steps: total, batchSize, seed } = options;
  const stepsPerExample = vae.config.steps;
  const examples = options.maxExamples === undefined ? train : subset(train, stepsPerExample, options.maxExamples, seed);
  const melody = vae.config.representation === 'melody';
  const trainAttributes = attributesOf(vae, examples);
  const densities = trainAttributes.map((a) => a.density);
  const densityEdges = quantileEdges(densities, options.densityBuckets ?? 5);
  const registerEdges = melody ? quantileEdges(trainAttributes.map((a) => a.register), options.registerBuckets ?? 4) : [];
  const n = examples.length / stepsPerExample;
  context.message(`Latent GAN: ${n.toLocaleString('en-US')} examples, density buckets at ${densityEdges.map((e) => e.toFixed(1)).join(', ')} notes per bar`);
  const { mu, meanSigma } = await encodeAll(vae, examples, context, 'training examples');
  const config: LatentGanConfig = {
    representation: vae.config.representation,
    latentSize: vae.config.latentSize,
    useKey: melody,
    densityEdges,
    registerEdges,
    densityCentres: bucketCentres(densities, densityEdges),
    ...latentGanDefaults,
    ...options.gan,
    latentScale: Math.max(1e-3, meanSigma),
    seed,
  };
  const labels = labelsOf(trainAttributes, config);
  const gan = new LatentGan(config);
  try {
    context.message(`Latent GAN: generator, critic and classifier MLPs of ${config.hiddenUnits} units, ${gan.parameterCount.toLocaleString('en-US')} parameters`);
    let lastReport = 0;
    const loopStarted = performance.now();
    for (let step = 0; step < total; step++) {
      await yieldForCancel(context.signal);
      const f = await gan.trainStep(mu, labels, step, batchSize);
      if (![f.critic, f.generator, f.classifier].every(Number.isFinite)) throw new Error(`The latent GAN diverged at step ${step + 1}.`);
      const now = performance.now();
      if (step + 1 === total || now - lastReport > 1000) {
        lastReport = now;
        const eta = step + 1 < total ? ` · ETA ${formatDuration(((now - loopStarted) / (step + 1)) * (total - step - 1))}` : '';
        context.progress({
          fraction: 1,
          text: `Latent GAN step ${step + 1}/${total} · critic ${f.critic.toFixed(3)} · generator ${f.generator.toFixed(3)} · classifier ${f.classifier.toFixed(3)}${eta}`,
        });
      }
    }
    // The classifier on held-out latents.
    const heldAttributes = attributesOf(vae, heldOut);
    const { mu: heldMu } = await encodeAll(vae, heldOut, context, 'held-out examples');
    const heldLabels = labelsOf(heldAttributes, config);
    const predicted = gan.classify(heldMu);
    const measured = await measureLatentGan(vae, gan, options.samplesPerClass ?? 8, seed + 1000);
    const metrics: LatentGanMetrics = {
      ...measured,
      ...(melody ? { classifierKeyAccuracy: agreement(predicted.scaleClass, heldLabels.scaleClass) } : {}),
      classifierDensityAccuracy: agreement(predicted.density, heldLabels.density) ?? NaN,
      ...(melody ? { classifierRegisterAccuracy: agreement(predicted.register, heldLabels.register) } : {}),
      examples: n,
      steps: total,
      seconds: (performance.now() - started) / 1000,
    };
    if (options.outDir) await saveLatentGan(gan, options.outDir, { steps: total, metrics: metrics as unknown as Record<string, number> });
    const pct = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(0)}%`);
    context.message(
      `Latent GAN done in ${formatDuration(metrics.seconds * 1000)}: ` +
        (melody ? `in-scale for the asked key ${pct(metrics.ganKeyInScale)} (prior ${pct(metrics.priorKeyInScale)}), ` : '') +
        `density bucket ${pct(metrics.ganDensityAccuracy)} (prior ${pct(metrics.priorDensityAccuracy)})`,
    );
    return { gan, metrics };
  } catch (err) {
    gan.dispose();
    throw err;
  }
}

/** The GAN's figures for a model manifest's metrics: "latentGan" + the name, finite numbers only. */
export function manifestMetricsOf(metrics: LatentGanMetrics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) if (typeof v === 'number' && Number.isFinite(v)) out[`latentGan${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
  return out;
}
