// The melody VAE (vae-shape.ts) built from the engine's blocks, time-major throughout. The
// decoder gets z as the LSTM's per-sequence context (the same maths as concatenating z to every
// step's input, without tiling it), and neither LSTM computes a gradient for its one-hot input.
import * as tf from '@tensorflow/tfjs';
import { sliceRows, splitColumns } from '../../src/workers/engine/kernels/row-kernels';
import { Dense } from '../../src/workers/engine/layers/dense';
import { collectVariables, type NamedVariables } from '../../src/workers/engine/layers/layer';
import { Lstm } from '../../src/workers/engine/layers/lstm';
import { tokensToTimeMajor } from '../../src/workers/engine/layers/sequence-layout';
import { Trainer } from '../../src/workers/engine/training/trainer';
import { klDivergence, oneHotFloat, sampleTokens, vaeShape, type MelodyVaeWorkload } from './vae-shape';

export class EngineMelodyVae implements MelodyVaeWorkload {
  private readonly forward: Lstm;
  private readonly backward: Lstm;
  private readonly mu: Dense;
  private readonly sigma: Dense;
  private readonly initialState: Dense;
  private readonly decoder: Lstm;
  private readonly output: Dense;
  private readonly variables: NamedVariables;
  private readonly trainer: Trainer<Int32Array>;

  constructor(seed: number) {
    const { classes: v, units: h, latent: z } = vaeShape;
    this.forward = new Lstm({ inputSize: v, units: h, seed });
    this.backward = new Lstm({ inputSize: v, units: h, seed: seed + 2 });
    this.mu = new Dense({ inputSize: 2 * h, units: z, seed: seed + 4 });
    this.sigma = new Dense({ inputSize: 2 * h, units: z, seed: seed + 5, activation: 'softplus' });
    this.initialState = new Dense({ inputSize: z, units: 2 * h, seed: seed + 6, activation: 'tanh' });
    this.decoder = new Lstm({ inputSize: v, units: h, seed: seed + 7, contextSize: z });
    this.output = new Dense({ inputSize: h, units: v, seed: seed + 9 });
    this.variables = collectVariables({
      forward: this.forward, backward: this.backward, mu: this.mu, sigma: this.sigma,
      initialState: this.initialState, decoder: this.decoder, output: this.output,
    });
    this.trainer = new Trainer({ variables: this.variables, loss: (tokens) => this.loss(tokens) }, { learningRate: vaeShape.learningRate });
  }

  async trainStep(tokens: Int32Array): Promise<number> {
    return (await this.trainer.trainStep(tokens)).loss;
  }

  /** The variables in a fixed order (for the data-parallel experiment). */
  variableList(): tf.Variable[] {
    return Object.values(this.variables);
  }

  /** The training loss of a batch, for callers that take gradients themselves. */
  lossOf(tokens: Int32Array): tf.Scalar {
    return this.loss(tokens);
  }

  private loss(tokens: Int32Array): tf.Scalar {
    const { batch, steps, classes } = vaeShape;
    const timeMajor = tokensToTimeMajor(tokens, batch, steps);
    const x = oneHotFloat(tf.tensor1d(timeMajor, 'int32'), classes) as tf.Tensor2D;
    const lastForward = sliceRows(this.forward.apply(x, { steps, inputGradient: false }), (steps - 1) * batch, batch);
    const lastBackward = sliceRows(this.backward.apply(x, { steps, reverse: true, inputGradient: false }), 0, batch);
    const final = tf.concat([lastForward, lastBackward], 1) as tf.Tensor2D;
    const mu = this.mu.apply(final);
    const sigma = this.sigma.apply(final);
    const z = tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape))) as tf.Tensor2D;
    const [h0, c0] = splitColumns(this.initialState.apply(z), 2) as [tf.Tensor2D, tf.Tensor2D];
    // Teacher forcing: step t sees token t−1 (zeros at t = 0) and z.
    const previous = tf.concat([tf.zeros([batch, classes]), sliceRows(x, 0, (steps - 1) * batch)], 0) as tf.Tensor2D;
    const hidden = this.decoder.apply(previous, { steps, initialState: { h: h0, c: c0 }, context: z, inputGradient: false });
    const logits = this.output.apply(hidden);
    const reconstruction = tf.mul(tf.losses.softmaxCrossEntropy(x, logits), steps);
    return tf.add(reconstruction, klDivergence(mu, sigma)) as tf.Scalar;
  }

  sample(n: number, steps: number): Promise<Int32Array> {
    return sampleTokens(
      n,
      steps,
      (z) => {
        const [h, c] = splitColumns(this.initialState.apply(z), 2) as [tf.Tensor2D, tf.Tensor2D];
        return { h, c };
      },
      (previous, state, z) => {
        const next = this.decoder.step(previous, state, z);
        return { state: next, logits: this.output.apply(next.h) };
      },
    );
  }

  dispose(): void {
    this.trainer.dispose();
    for (const block of [this.forward, this.backward, this.mu, this.sigma, this.initialState, this.decoder, this.output]) block.dispose();
  }
}
