import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, relativeError, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { CausalConv1d, causalConv1d } from './causal-conv1d';

const steps = 6;
const batch = 2;
const channels = 3;
const filters = 4;
const taps = 3;

/**
 * tf.conv1d on a batch-major copy, left-padded: the stock causal convolution. A dilated kernel is
 * spelled out with zeros between its taps, because tfjs cannot differentiate dilated convolutions.
 */
function referenceConv(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor, dilation: number): tf.Tensor {
  const batchMajor = tf.transpose(tf.reshape(x, [steps, batch, channels]), [1, 0, 2]) as tf.Tensor3D;
  const padded = tf.pad(batchMajor, [[0, 0], [(taps - 1) * dilation, 0], [0, 0]]);
  // Tap j looks j·dilation steps back; conv1d's filter position m looks (taps−1−m)·dilation back.
  const reversed = tf.unstack(tf.reverse(tf.reshape(kernel, [taps, channels, filters]), 0));
  const gap = tf.zeros([dilation - 1, channels, filters]);
  const spelled = reversed.flatMap((tap, m) => (m < taps - 1 && dilation > 1 ? [tf.expandDims(tap, 0), gap] : [tf.expandDims(tap, 0)]));
  const filter = tf.concat(spelled, 0) as tf.Tensor3D;
  const out = tf.add(tf.conv1d(padded, filter, 1, 'valid', 'NWC', 1), bias);
  return tf.reshape(tf.transpose(out, [1, 0, 2]), [steps * batch, filters]);
}

describe.each(testBackends)('causalConv1d on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([1, 2])('computes what tf.conv1d computes (dilation %i)', (dilation) => {
    const xs = [randomInput([steps * batch, channels], 1), randomInput([taps * channels, filters], 2), randomInput([filters], 3)];
    const actual = causalConv1d(xs[0] as tf.Tensor2D, xs[1] as tf.Tensor2D, xs[2] as tf.Tensor1D, { steps, dilation });
    const expected = referenceConv(xs[0] as tf.Tensor, xs[1] as tf.Tensor, xs[2] as tf.Tensor, dilation);
    expect(relativeError(actual, expected)).toBeLessThan(1e-5);
    tf.dispose([...xs, actual, expected]);
  });
});

describe('causalConv1d gradients (cpu: tfjs-wasm cannot differentiate conv1d)', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([1, 2])('match tf.conv1d autodiff (dilation %i)', (dilation) => {
    const xs = [randomInput([steps * batch, channels], 4), randomInput([taps * channels, filters], 5), randomInput([filters], 6)];
    const result = compareWithReference(
      (x, k, b) => causalConv1d(x as tf.Tensor2D, k as tf.Tensor2D, b as tf.Tensor1D, { steps, dilation }),
      (x, k, b) => referenceConv(x as tf.Tensor, k as tf.Tensor, b as tf.Tensor, dilation),
      xs,
    );
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });
});

describe('CausalConv1d', () => {
  beforeAll(() => useBackend('wasm'));

  it('never lets a step see the future', () => {
    const conv = new CausalConv1d({ inputSize: channels, filters, kernelSize: taps, dilation: 2, seed: 1 });
    const x = randomInput([steps * batch, channels], 7) as tf.Tensor2D;
    const changed = tf.concat([tf.slice(x, [0, 0], [4 * batch, -1]), tf.add(tf.slice(x, [4 * batch, 0], [-1, -1]), 5)], 0) as tf.Tensor2D;
    const a = conv.apply(x, steps);
    const b = conv.apply(changed, steps);
    expect(relativeError(tf.slice(a, [0, 0], [4 * batch, -1]), tf.slice(b, [0, 0], [4 * batch, -1]))).toBe(0);
    expect(relativeError(a, b)).toBeGreaterThan(0.01);
    tf.dispose([x, changed, a, b]);
    conv.dispose();
  });

  it('learns a delayed copy of its input (seeded, loss falls, no leaks)', async () => {
    const conv = new CausalConv1d({ inputSize: 1, filters: 1, kernelSize: 3, seed: 2 });
    const x = randomInput([8 * 4, 1], 8, 1) as tf.Tensor2D;
    const target = tf.concat([tf.zeros([2 * 4, 1]), tf.slice(x, [0, 0], [6 * 4, -1])], 0);
    const before = tf.memory().numTensors;
    const losses = await trainLosses(() => tf.losses.meanSquaredError(target, conv.apply(x, 8)) as tf.Scalar, Object.values(conv.variables), 60, 0.05);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.1);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, target]);
    conv.dispose();
  });
});
