import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, testBackends, useBackend } from '../testing/gradient-check';
import { fusedAffine } from '../layers/mat-mul';
import { biasActivation, reluGrad, sigmoidCrossEntropy } from './fused-kernels';

describe.each(testBackends)('fused kernels on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the engine kernels rather than the stock fallback', () => {
    expect(tf.getKernel('MontageSigmoidCrossEntropy', backend)).toBeDefined();
    expect(tf.getKernel('MontageReluGrad', backend)).toBeDefined();
  });

  it('sigmoidCrossEntropy matches tf.losses.sigmoidCrossEntropy and its gradients, large logits included', () => {
    const logits = tf.mul(randomInput([12, 1], 1), 20);
    const labels = tf.tensor2d([1, 0, 0, 1, 1, 0, 0.5, 0, 1, 0, 0, 1], [12, 1]);
    const result = compareWithReference(
      (z, x) => sigmoidCrossEntropy(z as tf.Tensor, x as tf.Tensor),
      (z, x) => tf.losses.sigmoidCrossEntropy(z as tf.Tensor, x as tf.Tensor),
      [labels, logits],
    );
    expect(result.value).toBeLessThan(1e-6);
    expect(Math.max(...result.gradients)).toBeLessThan(1e-5);
    expect(() => sigmoidCrossEntropy(tf.zeros([3, 1]), tf.zeros([3]))).toThrow(RangeError);
    tf.dispose([logits, labels]);
  });

  it('biasActivation adds the bias by column, then the ReLU if asked', () => {
    const z = tf.tensor2d([[1, -2], [-3, 4]]);
    const b = tf.tensor1d([0.5, 1]);
    expect(Array.from(biasActivation(z, b, false).dataSync())).toEqual([1.5, -1, -2.5, 5]);
    expect(Array.from(biasActivation(z, b, true).dataSync())).toEqual([1.5, 0, 0, 5]);
    tf.dispose([z, b]);
  });

  it('reluGrad passes the gradient where the output is positive', () => {
    const dy = tf.tensor1d([1, 2, 3, 4]);
    const y = tf.tensor1d([0.5, 0, -1, 2]);
    expect(Array.from(reluGrad(dy, y).dataSync())).toEqual([1, 0, 0, 4]);
    tf.dispose([dy, y]);
  });

  it('fusedAffine matches relu(x·W + b) and x·W + b with their autodiff gradients', () => {
    const xs = [randomInput([6, 4], 2), randomInput([4, 3], 3), randomInput([3], 4)];
    for (const activation of ['relu', 'linear'] as const) {
      const result = compareWithReference(
        (x, w, b) => fusedAffine(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, activation),
        (x, w, b) => {
          const z = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b as tf.Tensor);
          return activation === 'relu' ? tf.relu(z) : z;
        },
        xs,
      );
      expect(Math.max(result.value, ...result.gradients)).toBeLessThan(1e-5);
    }
    tf.dispose(xs);
  });
});
