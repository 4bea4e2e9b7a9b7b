// The "music-vae" session: a trained MusicVAE model folder (src/workers/models/music-vae.ts, in the
// form music-model-files.ts writes and the host's model registry keeps), loaded once with
// loadMusicVae and then sampled, encoded, decoded and interpolated.
//
// Every method works on a whole batch at once: `sample` draws `count` z's from the prior and
// decodes them as one batch (one LSTM step per token for all sequences together, not one sequence
// after another), so 8 or 32 variations cost about as much as one. Nothing is streamed: a partial
// per variation would need the batch split up, which is what makes it fast. The same seed, count
// and model give the same tokens on one backend (z and every draw are seeded); a sequence depends
// on the whole batch it was drawn in, so a different count gives different sequences.
//
// `interpolate` encodes its two ends to their μ's, walks `steps` points from one to the other
// (spherical by default, as MusicVAE does, or linear), both ends included, and decodes them as one
// batch. `continue` feeds a clip's tokens to the folder's continuation companion (an autoregressive
// LSTM, models/continuation-lstm.ts, loaded beside the VAE when the folder has one) and draws
// `count` continuations as one batch; a folder without one (or with a damaged one) answers
// 'unavailable' with the reason, and the VAE's methods work as before. A folder that cannot be
// loaded is refused as damaged (invalid-argument, "The checkpoint … is damaged: …") or missing
// (not-found); the host names the model in what the user sees.
import { stat } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../shared/api/errors';
import { noContinuationMessage, type SessionArgs, type SessionResult, type SessionSpec } from '../../shared/sessions/protocol';
import type { MusicVae } from '../models/music-vae';
import { loadMusicVae } from '../models/music-model-files';
import type { ContinuationLstm } from '../models/continuation-lstm';
import { loadContinuation } from '../models/continuation-files';
// `sampleWithAttributes` (latent-gan-sampling.ts) aims the draws at a key, density and register
// through the folder's latent-constraints GAN, or samples the prior when it has none.
import { loadAttributeSampler } from './latent-gan-sampling';
import { checkpoint, type LoadedModel, type RequestContext } from './request-context';

type Spec = SessionSpec<'music-vae'>;
type Args<M extends 'sample' | 'encode' | 'decode' | 'interpolate' | 'continue'> = SessionArgs<'music-vae', M>;
type Result<M extends 'sample' | 'encode' | 'decode' | 'interpolate' | 'continue'> = SessionResult<'music-vae', M>;

type Context = RequestContext<never>;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Why a folder could not be loaded, as a StudioError the host can tell apart from a crash. */
async function loadError(directory: string, err: unknown): Promise<StudioError> {
  if (err instanceof StudioError) return err;
  const found = await stat(directory).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!found) return new StudioError('not-found', `There is no model folder at ${directory}.`);
  return new StudioError('invalid-argument', `The checkpoint ${directory} is damaged: ${message(err).replace(/\.$/, '')}.`);
}

/** A bad request (tokens outside the vocabulary, a ragged batch) is the caller's, not a crash. */
function asArgumentError(err: unknown): never {
  if (err instanceof RangeError) throw new StudioError('invalid-argument', message(err).replace(/^MusicVae(\.\w+)?: /, ''));
  throw err;
}

/** The point t (0…1) of the way from a to b: along the great circle through them, or the straight line. */
export function interpolateLatent(a: Float32Array, b: Float32Array, t: number, path: 'spherical' | 'linear'): Float32Array {
  const out = new Float32Array(a.length);
  let wa = 1 - t;
  let wb = t;
  if (path === 'spherical') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += (a[i] as number) * (b[i] as number);
      na += (a[i] as number) ** 2;
      nb += (b[i] as number) ** 2;
    }
    const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1;
    const omega = Math.acos(cos);
    const sin = Math.sin(omega);
    // Nearly parallel (or a zero end): the arc is the line.
    if (sin > 1e-6) {
      wa = Math.sin((1 - t) * omega) / sin;
      wb = Math.sin(t * omega) / sin;
    }
  }
  for (let i = 0; i < a.length; i++) out[i] = wa * (a[i] as number) + wb * (b[i] as number);
  return out;
}

class MusicVaeSession {
  constructor(
    private readonly model: MusicVae,
    /** The continuation companion, or why there is none. */
    private readonly companion: ContinuationLstm | { missing: string },
  ) {}

  private get steps(): number {
    return this.model.config.steps;
  }

  private get latentSize(): number {
    return this.model.config.latentSize;
  }

  async sample(args: Args<'sample'>, context: Context): Promise<Result<'sample'>> {
    await checkpoint(context.signal);
    const tokens = await this.model.sample(args.count, { seed: args.seed, temperature: args.temperature });
    await checkpoint(context.signal);
    return { method: 'sample', tokens, count: args.count, steps: this.steps };
  }

  /** μ and σ of q(z | x), read back as row-major Float32Arrays. */
  private async posterior(tokens: Int32Array): Promise<{ mu: Float32Array; sigma: Float32Array; count: number }> {
    let encoding: ReturnType<MusicVae['encode']>;
    try {
      encoding = this.model.encode(tokens);
    } catch (err) {
      asArgumentError(err);
    }
    try {
      const [mu, sigma] = await Promise.all([encoding.mu.data(), encoding.sigma.data()]);
      return { mu: mu as Float32Array, sigma: sigma as Float32Array, count: encoding.mu.shape[0] };
    } finally {
      tf.dispose([encoding.mu, encoding.sigma]);
    }
  }

  async encode(args: Args<'encode'>, context: Context): Promise<Result<'encode'>> {
    await checkpoint(context.signal);
    const { mu, sigma, count } = await this.posterior(args.tokens);
    return { method: 'encode', z: mu, sigma, count, latentSize: this.latentSize };
  }

  private async decodeRows(z: Float32Array, temperature: number, seed: number): Promise<{ tokens: Int32Array; count: number }> {
    const n = z.length / this.latentSize;
    if (!Number.isInteger(n) || n < 1) {
      throw new StudioError('invalid-argument', `z holds ${z.length} values; this model's latent vectors have ${this.latentSize}, so it must be a whole number of them.`);
    }
    if (n > 256) throw new StudioError('invalid-argument', `At most 256 latent vectors can be decoded at once (got ${n}).`);
    const zt = tf.tensor2d(z, [n, this.latentSize]);
    try {
      return { tokens: await this.model.decode(zt, { seed, temperature }), count: n };
    } catch (err) {
      asArgumentError(err);
    } finally {
      zt.dispose();
    }
  }

  async decode(args: Args<'decode'>, context: Context): Promise<Result<'decode'>> {
    await checkpoint(context.signal);
    const { tokens, count } = await this.decodeRows(args.z, args.temperature, args.seed);
    await checkpoint(context.signal);
    return { method: 'decode', tokens, count, steps: this.steps };
  }

  async interpolate(args: Args<'interpolate'>, context: Context): Promise<Result<'interpolate'>> {
    for (const [name, tokens] of [['a', args.a], ['b', args.b]] as const) {
      if (tokens.length !== this.steps) throw new StudioError('invalid-argument', `${name} must be one sequence of ${this.steps} tokens (got ${tokens.length}).`);
    }
    await checkpoint(context.signal);
    const both = new Int32Array(2 * this.steps);
    both.set(args.a, 0);
    both.set(args.b, this.steps);
    const { mu } = await this.posterior(both);
    const a = mu.subarray(0, this.latentSize);
    const b = mu.subarray(this.latentSize, 2 * this.latentSize);
    const z = new Float32Array(args.steps * this.latentSize);
    for (let i = 0; i < args.steps; i++) z.set(interpolateLatent(a, b, i / (args.steps - 1), args.path), i * this.latentSize);
    await checkpoint(context.signal);
    const { tokens, count } = await this.decodeRows(z, args.temperature, args.seed);
    await checkpoint(context.signal);
    return { method: 'interpolate', tokens, count, steps: this.steps };
  }

  async continue(args: Args<'continue'>, context: Context): Promise<Result<'continue'>> {
    const companion = this.companion;
    if ('missing' in companion) throw new StudioError('unavailable', companion.missing);
    await checkpoint(context.signal);
    let tokens: Int32Array;
    try {
      tokens = await companion.continueFrom(args.primer, { steps: args.steps, count: args.count, temperature: args.temperature, seed: args.seed });
    } catch (err) {
      if (err instanceof RangeError) throw new StudioError('invalid-argument', message(err).replace(/^ContinuationLstm: /, ''));
      throw err;
    }
    await checkpoint(context.signal);
    return { method: 'continue', tokens, count: args.count, steps: args.steps };
  }
}

export async function loadMusicVaeSession(spec: Spec): Promise<LoadedModel<'music-vae'>> {
  let model: MusicVae;
  try {
    ({ model } = await loadMusicVae(spec.checkpoint));
  } catch (err) {
    throw await loadError(spec.checkpoint, err);
  }
  let companion: ContinuationLstm | { missing: string };
  try {
    const loaded = await loadContinuation(spec.checkpoint);
    companion = loaded ? loaded.model : { missing: `${noContinuationMessage} (it was trained without one); train it again to continue clips.` };
    if (loaded && (loaded.model.config.vocabulary !== model.config.vocabulary || loaded.model.config.representation !== model.config.representation)) {
      loaded.model.dispose();
      companion = { missing: `${noContinuationMessage} that fits it: its continuation model reads other tokens; train it again.` };
    }
  } catch (err) {
    companion = { missing: `${noContinuationMessage} that loads: ${message(err).replace(/\.$/, '')}; train it again.` };
  }
  // The latent-constraints GAN beside the VAE, if any (latent-gan-sampling.ts; none samples the prior).
  const attributes = await loadAttributeSampler(spec.checkpoint, model);
  try {
    const session = new MusicVaeSession(model, companion);
    // The first runs are slow (kernels set up, V8 and wasm code not yet optimised): one batch of
    // 8 draws and an encode here move part of that from the user's first click to the load.
    const none = { signal: new AbortController().signal, partial: () => {} };
    const warm = await session.sample({ count: 8, temperature: 1, seed: 0 }, none);
    await session.encode({ tokens: warm.tokens.subarray(0, model.config.steps) }, none);
    if (!('missing' in companion)) await session.continue({ primer: warm.tokens.subarray(0, 16), steps: 16, count: 4, temperature: 1, seed: 0 }, none);
    return {
      parameters: model.parameterCount,
      methods: {
        sample: (args, context) => session.sample(args, context),
        encode: (args, context) => session.encode(args, context),
        decode: (args, context) => session.decode(args, context),
        interpolate: (args, context) => session.interpolate(args, context),
        continue: (args, context) => session.continue(args, context),
        sampleWithAttributes: (args, context) => attributes.sample(args, context),
      },
      dispose: () => {
        attributes.dispose();
        model.dispose();
        if (!('missing' in companion)) companion.dispose();
      },
    };
  } catch (err) {
    attributes.dispose();
    model.dispose();
    if (!('missing' in companion)) companion.dispose();
    throw err;
  }
}
