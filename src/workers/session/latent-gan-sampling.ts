// The music-vae session's `sampleWithAttributes`: latents for an asked key, density and register
// from the model folder's latent-constraints GAN (models/latent-gan.ts, latent-gan.json +
// latent-gan.bin beside the VAE), decoded by the VAE as one batch. A folder without a GAN — or
// with one that does not load or does not fit the VAE — samples the prior instead and says so
// (`conditioned: false`), so every model keeps working and the host can fall back to ranking.
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../shared/api/errors';
import type { SessionArgs, SessionResult } from '../../shared/sessions/protocol';

import type { MusicVae } from '../models/music-vae';
import { askedAttributes, loadLatentGan, type LatentGan } from '../models/latent-gan';
import { checkpoint, type RequestContext } from './request-context';

type Args = SessionArgs<'music-vae', 'sampleWithAttributes'>;
type Result = SessionResult<'music-vae', 'sampleWithAttributes'>;

export class AttributeSampler {
  constructor(
    private readonly vae: MusicVae,
    /** The GAN, or null (with why, for logs) when the folder has no usable one. */
    readonly gan: LatentGan | null,
    readonly missing: string | null = null,
  ) {}

  async sample(args: Args, context: RequestContext<never>): Promise<Result> {
    if (args.key && this.vae.config.representation === 'drums') throw new StudioError('invalid-argument', 'A key applies to melodies; this is a drum model.');
    await checkpoint(context.signal);
    const { latentSize, steps } = this.vae.config;
    let z: Float32Array;
    if (this.gan) {
      const asked = askedAttributes(this.gan.config, {
        ...(args.key ? { key: args.key } : {}),
        ...(args.density === undefined ? {} : { density: args.density }),
        ...(args.register === undefined ? {} : { register: args.register }),
      });
      z = await this.gan.sample(args.count, asked, args.seed);
    } else {
      z = tf.tidy(() => tf.randomNormal([args.count, latentSize], 0, 1, 'float32', args.seed).dataSync() as Float32Array);
    }
    await checkpoint(context.signal);
    const zt = tf.tensor2d(z, [args.count, latentSize]);
    let tokens: Int32Array;
    try {
      tokens = await this.vae.decode(zt, { seed: args.seed + 1, temperature: args.temperature });
    } finally {
      zt.dispose();
    }
    await checkpoint(context.signal);
    return { method: 'sampleWithAttributes', tokens, count: args.count, steps, conditioned: this.gan !== null, z };
  }

  dispose(): void {
    this.gan?.dispose();
  }
}

/** The folder's GAN for this VAE; never rejects (a missing, damaged or unfitting GAN gives a prior sampler). */
export async function loadAttributeSampler(folder: string, vae: MusicVae): Promise<AttributeSampler> {
  try {
    const loaded = await loadLatentGan(folder);
    if (!loaded) return new AttributeSampler(vae, null, 'the model has no latent GAN');
    const c = loaded.gan.config;
    if (c.latentSize !== vae.config.latentSize || c.representation !== vae.config.representation) {
      loaded.gan.dispose();
      return new AttributeSampler(vae, null, 'its latent GAN was trained for another model');
    }
    return new AttributeSampler(vae, loaded.gan);
  } catch (err) {
    return new AttributeSampler(vae, null, `its latent GAN does not load: ${err instanceof Error ? err.message : String(err)}`);
  }
}
