// The 2-bar melody VAE of workloads 2 and 3, as in MusicVAE's small melody model: one-hot melody
// tokens → BiLSTM(256) encoder → final states → μ, σ (softplus) → z(128) → tanh(dense) initial
// state → LSTM(256) decoder fed the previous token and z at every step → 90-way softmax.
// Loss: cross-entropy summed over steps (mean over the batch) + KL(q(z|x) ‖ N(0, I)). Adam 1e-3.
// The engine's version is the product model (src/workers/models/melody-vae.ts, engineMelodyVae
// below); stock-melody-vae.ts writes the same model with stock tfjs layers.
import * as tf from '@tensorflow/tfjs';
import { klDivergence, MelodyVae, melodyVaeDefaults } from '../../src/workers/models/melody-vae';

export { klDivergence };

export const vaeShape = {
  batch: 64,
  steps: melodyVaeDefaults.steps,
  classes: melodyVaeDefaults.vocabulary,
  units: melodyVaeDefaults.encoderUnits,
  latent: melodyVaeDefaults.latentSize,
  learningRate: melodyVaeDefaults.learningRate,
} as const;

/** The product melody VAE in the benchmark's shape (its batch is the token array's). */
export function engineMelodyVae(seed: number): MelodyVae {
  return new MelodyVae({
    seed,
    steps: vaeShape.steps,
    vocabulary: vaeShape.classes,
    encoderUnits: vaeShape.units,
    decoderUnits: vaeShape.units,
    latentSize: vaeShape.latent,
    learningRate: vaeShape.learningRate,
  });
}

export interface MelodyVaeWorkload {
  /** One Adam step on the batch of tokens; resolves to the loss. */
  trainStep(tokens: Int32Array): Promise<number>;
  /** Samples n sequences of `steps` tokens (batch-major), as plain data. */
  sample(n: number, steps: number): Promise<Int32Array>;
  dispose(): void;
}

/** Seeded random tokens, batch-major [batch × steps]. */
export function randomTokens(seed: number): Int32Array {
  const { batch, steps, classes } = vaeShape;
  let s = seed >>> 0;
  return Int32Array.from({ length: batch * steps }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % classes;
  });
}

/**
 * tfjs-wasm 4.22's OneHot kernel ignores a float32 dtype and writes integer bits into a float
 * tensor, so it is asked for int32 and cast.
 */
export function oneHotFloat(indices: tf.Tensor, depth: number): tf.Tensor {
  return tf.cast(tf.oneHot(indices as tf.Tensor1D, depth), 'float32');
}

/**
 * Draws n sequences token by token: `start(z)` gives the decoder state for a latent sample, and
 * `step(previous one-hot, state, z)` the next state and the logits of the next token.
 */
export async function sampleTokens<S>(
  n: number,
  steps: number,
  start: (z: tf.Tensor2D) => S,
  step: (previous: tf.Tensor2D, state: S, z: tf.Tensor2D) => { state: S; logits: tf.Tensor2D },
): Promise<Int32Array> {
  const { classes, latent } = vaeShape;
  const tokens = tf.tidy(() => {
    const z = tf.randomNormal([n, latent]) as tf.Tensor2D;
    let state = start(z);
    let previous = tf.zeros([n, classes]) as tf.Tensor2D;
    const drawn: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const next = step(previous, state, z);
      state = next.state;
      const token = tf.reshape(tf.multinomial(next.logits, 1), [n]);
      drawn.push(token);
      previous = oneHotFloat(token, classes) as tf.Tensor2D;
    }
    return tf.stack(drawn, 1);
  });
  const out = (await tokens.data()) as Int32Array;
  tokens.dispose();
  return out;
}
