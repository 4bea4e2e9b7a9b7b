import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, relativeError, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { causalSelfAttention, SelfAttention } from './self-attention';

const steps = 5;
const batch = 2;
const dim = 8;
const heads = 2;

/** Attention from stock ops only, batch by batch and head by head, with an explicit causal loop. */
function referenceAttention(x: tf.Tensor, qkvK: tf.Tensor, qkvB: tf.Tensor, outK: tf.Tensor, outB: tf.Tensor): tf.Tensor {
  const headDim = dim / heads;
  const qkv = tf.add(tf.matMul(x as tf.Tensor2D, qkvK as tf.Tensor2D), qkvB);
  const rows: tf.Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) {
      const perHead: tf.Tensor[] = [];
      for (let h = 0; h < heads; h++) {
        const at = (s: number, part: number) => tf.slice(qkv, [s * batch + b, part * dim + h * headDim], [1, headDim]);
        const q = at(t, 0);
        const keys = tf.concat(Array.from({ length: t + 1 }, (_, s) => at(s, 1)), 0);
        const values = tf.concat(Array.from({ length: t + 1 }, (_, s) => at(s, 2)), 0);
        const weights = tf.softmax(tf.div(tf.matMul(q, keys, false, true), Math.sqrt(headDim)));
        perHead.push(tf.matMul(weights, values));
      }
      rows.push(tf.concat(perHead, 1));
    }
  }
  return tf.add(tf.matMul(tf.concat(rows, 0) as tf.Tensor2D, outK as tf.Tensor2D), outB);
}

describe.each(testBackends)('causalSelfAttention on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches per-step stock-op attention and its autodiff gradients', () => {
    const xs = [
      randomInput([steps * batch, dim], 1),
      randomInput([dim, 3 * dim], 2),
      randomInput([3 * dim], 3),
      randomInput([dim, dim], 4),
      randomInput([dim], 5),
    ];
    const engine = (x: tf.Tensor, a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
      causalSelfAttention(x as tf.Tensor2D, { qkvKernel: a as tf.Tensor2D, qkvBias: b as tf.Tensor1D, outKernel: c as tf.Tensor2D, outBias: d as tf.Tensor1D }, heads, steps);
    const result = compareWithReference(engine as (...t: tf.Tensor[]) => tf.Tensor, referenceAttention as (...t: tf.Tensor[]) => tf.Tensor, xs);
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });
});

describe('SelfAttention', () => {
  beforeAll(() => useBackend('wasm'));

  it('never lets a step see the future', () => {
    const layer = new SelfAttention({ dim, heads, seed: 1 });
    const x = randomInput([steps * batch, dim], 7) as tf.Tensor2D;
    const changed = tf.concat([tf.slice(x, [0, 0], [3 * batch, -1]), tf.add(tf.slice(x, [3 * batch, 0], [-1, -1]), 5)], 0) as tf.Tensor2D;
    const a = layer.apply(x, steps);
    const b = layer.apply(changed, steps);
    expect(relativeError(tf.slice(a, [0, 0], [3 * batch, -1]), tf.slice(b, [0, 0], [3 * batch, -1]))).toBeLessThan(1e-6);
    expect(relativeError(a, b)).toBeGreaterThan(0.01);
    tf.dispose([x, changed, a, b]);
    layer.dispose();
  });

  it('learns to copy the first step forward (seeded, loss falls, no leaks)', async () => {
    const layer = new SelfAttention({ dim: 4, heads: 1, seed: 3 });
    const x = randomInput([4 * 3, 4], 9, 1) as tf.Tensor2D;
    const first = tf.slice(x, [0, 0], [3, -1]);
    const target = tf.concat([first, first, first, first], 0);
    const before = tf.memory().numTensors;
    const losses = await trainLosses(() => tf.losses.meanSquaredError(target, layer.apply(x, 4)) as tf.Scalar, Object.values(layer.variables), 60, 0.03);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.5);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, first, target]);
    layer.dispose();
  });
});
