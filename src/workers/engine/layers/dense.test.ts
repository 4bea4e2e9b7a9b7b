import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { fastTanh } from './activations';
import { Dense } from './dense';
import { affine, columnSums, matMul } from './mat-mul';

describe.each(testBackends)('matMul, affine and fastTanh on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matMul matches tf.matMul and its autodiff gradients', () => {
    const xs = [randomInput([5, 3], 1), randomInput([3, 4], 2)];
    const result = compareWithReference((a, b) => matMul(a as tf.Tensor2D, b as tf.Tensor2D), (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), xs);
    tf.dispose(xs);
    expect(Math.max(result.value, ...result.gradients)).toBeLessThan(1e-6);
  });

  it('affine matches x·W + b and its autodiff gradients', () => {
    const xs = [randomInput([5, 3], 3), randomInput([3, 4], 4), randomInput([4], 5)];
    const result = compareWithReference(
      (x, w, b) => affine(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D),
      (x, w, b) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b as tf.Tensor),
      xs,
    );
    tf.dispose(xs);
    expect(result.gradients).toHaveLength(3);
    expect(Math.max(result.value, ...result.gradients)).toBeLessThan(1e-6);
  });

  it('columnSums matches tf.sum over rows', () => {
    const x = randomInput([7, 3], 6) as tf.Tensor2D;
    const diff = tf.max(tf.abs(tf.sub(columnSums(x), tf.sum(x, 0)))).dataSync()[0] as number;
    expect(diff).toBeLessThan(1e-6);
    x.dispose();
  });

  it('fastTanh matches tf.tanh and its gradient, saturated values included', () => {
    const x = [tf.tensor1d([-30, -3, -0.5, 0, 0.25, 2, 30])];
    const result = compareWithReference((t) => fastTanh(t as tf.Tensor), (t) => tf.tanh(t as tf.Tensor), x);
    tf.dispose(x);
    expect(Math.max(result.value, ...result.gradients)).toBeLessThan(1e-6);
  });
});

describe('Dense', () => {
  beforeAll(() => useBackend('wasm'));

  it('fits a linear map (seeded, loss falls, no leaks)', async () => {
    const layer = new Dense({ inputSize: 3, units: 2, seed: 1, activation: 'tanh' });
    const x = randomInput([16, 3], 2, 1) as tf.Tensor2D;
    const target = tf.tanh(tf.matMul(x, tf.tensor2d([[0.5, -0.2], [0.1, 0.4], [-0.3, 0.2]])));
    const before = tf.memory().numTensors;
    const losses = await trainLosses(() => tf.losses.meanSquaredError(target, layer.apply(x)) as tf.Scalar, Object.values(layer.variables).filter((v) => v !== undefined), 60, 0.05);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.1);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, target]);
    layer.dispose();
  });
});
