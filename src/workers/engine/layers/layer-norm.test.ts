import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { LayerNorm, layerNorm } from './layer-norm';

/** The textbook formula from stock ops; autodiff gives its gradients. */
function referenceLayerNorm(x: tf.Tensor, gain: tf.Tensor, shift: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), shift);
}

describe.each(testBackends)('layerNorm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the textbook formula and its autodiff gradients', () => {
    const xs = [tf.add(randomInput([5, 8], 1, 2), 3), randomInput([8], 2), randomInput([8], 3)];
    const result = compareWithReference(
      (x, g, b) => layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D),
      (x, g, b) => referenceLayerNorm(x as tf.Tensor, g as tf.Tensor, b as tf.Tensor),
      xs,
    );
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });
});

describe('LayerNorm', () => {
  beforeAll(() => useBackend('wasm'));

  it('starts as plain normalisation and learns a gain and shift (seeded, loss falls, no leaks)', async () => {
    const norm = new LayerNorm({ dim: 4 });
    const x = randomInput([6, 4], 4, 1) as tf.Tensor2D;
    const out = norm.apply(x);
    const rowMeans = tf.mean(out, -1);
    expect(tf.max(tf.abs(rowMeans)).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([out, rowMeans]);
    const target = tf.add(tf.mul(x, 0), tf.tensor1d([1, 2, 3, 4]));
    const before = tf.memory().numTensors;
    const losses = await trainLosses(() => tf.losses.meanSquaredError(target, norm.apply(x)) as tf.Scalar, Object.values(norm.variables), 40, 0.1);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.2);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, target]);
    norm.dispose();
  });
});
