// The melody VAE of the engine benchmark (bench/engine builds it from here): MusicVAE's small
// 2-bar melody model — one-hot tokens → bidirectional LSTM → μ, σ → z → flat LSTM decoder —
// with the plain ELBO (β = 1, no free bits, no scheduled sampling, no clipping). It is the
// MusicVae of music-vae.ts (which holds all of the model) under the benchmark's config shape:
// any vocabulary, sizes set directly, and sample(n, steps, seed).
import { MusicVae, type MusicVaeDecodeOptions, type MusicVaeEncoding } from './music-vae';

export { klDivergence } from './music-vae';

export interface MelodyVaeConfig {
  /** Tokens per sequence (32 sixteenth notes = 2 bars of 4/4). */
  steps: number;
  /** Token classes. */
  vocabulary: number;
  /** Units of each encoder LSTM (forward and backward). */
  encoderUnits: number;
  /** Units of the decoder LSTM. */
  decoderUnits: number;
  /** Size of z. */
  latentSize: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Seeds the weight initialisers and the training noise, so a run repeats on one backend. */
  seed: number;
}

/** MusicVAE's small melody model (the engine benchmark's shape). */
export const melodyVaeDefaults: Readonly<Omit<MelodyVaeConfig, 'seed'>> = Object.freeze({
  steps: 32,
  vocabulary: 90,
  encoderUnits: 256,
  decoderUnits: 256,
  latentSize: 128,
  learningRate: 1e-3,
});

export type MelodyVaeSpec = Partial<Omit<MelodyVaeConfig, 'seed'>> & Pick<MelodyVaeConfig, 'seed'>;

export type MelodyVaeEncoding = MusicVaeEncoding;

/** The config with defaults filled in; throws RangeError naming a field that is not a positive integer. */
export function melodyVaeConfig(spec: MelodyVaeSpec): MelodyVaeConfig {
  const config: MelodyVaeConfig = { ...melodyVaeDefaults, ...spec };
  for (const key of ['steps', 'vocabulary', 'encoderUnits', 'decoderUnits', 'latentSize'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new RangeError(`MelodyVae: ${key} must be a positive integer (got ${config[key]}).`);
  }
  if (config.steps < 2) throw new RangeError('MelodyVae: steps must be at least 2.');
  if (!(config.learningRate > 0)) throw new RangeError(`MelodyVae: learningRate must be positive (got ${config.learningRate}).`);
  return config;
}

export class MelodyVae extends MusicVae {
  constructor(spec: MelodyVaeSpec) {
    const c = melodyVaeConfig(spec);
    super({
      representation: 'melody',
      steps: c.steps,
      segments: 1,
      vocabulary: c.vocabulary,
      encoderUnits: c.encoderUnits,
      decoderUnits: c.decoderUnits,
      conductorUnits: 0,
      latentSize: c.latentSize,
      learningRate: c.learningRate,
      maxBeta: 1,
      betaWarmupSteps: 0,
      freeBits: 0,
      samplingRate: 0,
      seed: c.seed,
    });
  }

  /** n new melodies from the prior; resolves to n × steps tokens, batch-major. */
  override sample(n: number, steps?: number | MusicVaeDecodeOptions, seed?: number): Promise<Int32Array> {
    if (typeof steps === 'object') return super.sample(n, steps);
    return super.sample(n, { ...(steps === undefined ? {} : { steps }), ...(seed === undefined ? {} : { seed }) });
  }
}
