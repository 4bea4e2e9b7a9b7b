// The melody VAE (vae-shape.ts) as a tfjs user would write it with stock layers: a
// tf.layers.bidirectional LSTM encoder, tf.layers.dense heads and a tf.layers.lstm decoder given
// its initial state, batch-major, trained with tf.train.adam through optimizer.minimize.
import * as tf from '@tensorflow/tfjs';
import { klDivergence, oneHotFloat, sampleTokens, vaeShape, type MelodyVaeWorkload } from './vae-shape';

export class StockMelodyVae implements MelodyVaeWorkload {
  private readonly encoder = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: vaeShape.units, recurrentActivation: 'sigmoid' }) as tf.RNN, mergeMode: 'concat' });
  private readonly mu = tf.layers.dense({ units: vaeShape.latent });
  private readonly sigma = tf.layers.dense({ units: vaeShape.latent, activation: 'softplus' });
  private readonly initialState = tf.layers.dense({ units: 2 * vaeShape.units, activation: 'tanh' });
  private readonly decoder = tf.layers.lstm({ units: vaeShape.units, returnSequences: true, returnState: true, recurrentActivation: 'sigmoid' });
  private readonly output = tf.layers.dense({ units: vaeShape.classes });
  private readonly optimizer = tf.train.adam(vaeShape.learningRate);

  constructor() {
    // Build every layer once so their variables exist before minimize.
    tf.tidy(() => this.loss(new Int32Array(vaeShape.batch * vaeShape.steps)));
  }

  private loss(tokens: Int32Array): tf.Scalar {
    const { batch, steps, classes } = vaeShape;
    const x = oneHotFloat(tf.tensor2d(tokens, [batch, steps], 'int32'), classes) as tf.Tensor3D;
    const final = this.encoder.apply(x) as tf.Tensor2D;
    const mu = this.mu.apply(final) as tf.Tensor2D;
    const sigma = this.sigma.apply(final) as tf.Tensor2D;
    const z = tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape))) as tf.Tensor2D;
    const [h0, c0] = tf.split(this.initialState.apply(z) as tf.Tensor2D, 2, 1);
    const previous = tf.concat([tf.zeros([batch, 1, classes]), tf.slice(x, [0, 0, 0], [-1, steps - 1, -1])], 1);
    const input = tf.concat([previous, tf.tile(tf.expandDims(z, 1), [1, steps, 1])], 2);
    const [outputs] = this.decoder.apply(input, { initialState: [h0, c0] }) as tf.Tensor[];
    const logits = this.output.apply(outputs as tf.Tensor) as tf.Tensor;
    const reconstruction = tf.mul(tf.losses.softmaxCrossEntropy(x, logits), steps);
    return tf.add(reconstruction, klDivergence(mu, sigma)) as tf.Scalar;
  }

  async trainStep(tokens: Int32Array): Promise<number> {
    const loss = this.optimizer.minimize(() => this.loss(tokens), true) as tf.Scalar;
    const value = (await loss.data())[0] as number;
    loss.dispose();
    return value;
  }

  sample(n: number, steps: number): Promise<Int32Array> {
    return sampleTokens(
      n,
      steps,
      (z) => tf.split(this.initialState.apply(z) as tf.Tensor2D, 2, 1) as [tf.Tensor, tf.Tensor],
      (previous, [h, c], z) => {
        const input = tf.expandDims(tf.concat([previous, z], 1), 1);
        const [out, h2, c2] = this.decoder.apply(input, { initialState: [h, c] }) as [tf.Tensor, tf.Tensor, tf.Tensor];
        return { state: [h2, c2] as [tf.Tensor, tf.Tensor], logits: this.output.apply(tf.squeeze(out, [1])) as tf.Tensor2D };
      },
    );
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const layer of [this.encoder, this.mu, this.sigma, this.initialState, this.decoder, this.output]) layer.dispose();
  }
}
