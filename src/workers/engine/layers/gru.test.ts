import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, tensorsLeftByBackward, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { referenceGru } from '../testing/reference-recurrent';
import { Gru } from './gru';
import { gruSequence } from './gru-sequence';

const steps = 5;
const batch = 3;
const inputSize = 4;
const units = 6;

type Six = [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];

function inputs(seed: number, n = steps): tf.Tensor[] {
  return [
    randomInput([n * batch, inputSize], seed),
    randomInput([batch, units], seed + 1),
    randomInput([inputSize, 3 * units], seed + 2),
    randomInput([units, 3 * units], seed + 3),
    randomInput([3 * units], seed + 4),
    randomInput([3 * units], seed + 5),
  ];
}

describe.each(testBackends)('gruSequence on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([
    [false, steps],
    [true, steps],
    [false, 1],
  ])('matches the stock-op GRU and its autodiff gradients (reverse: %s, %i steps)', (reverse, n) => {
    const xs = inputs(20, n);
    const engine = (...t: tf.Tensor[]) => gruSequence(...(t as Six), { steps: n, reverse });
    const reference = (...t: tf.Tensor[]) => referenceGru(...(t as Six), n, reverse);
    const result = compareWithReference(engine, reference, xs);
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    expect(result.gradients).toHaveLength(6);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });

  it('leaves no tensors behind after forward and backward', () => {
    const layer = new Gru({ inputSize, units, seed: 1 });
    const x = randomInput([steps * batch, inputSize], 3) as tf.Tensor2D;
    expect(tensorsLeftByBackward(() => tf.sum(layer.apply(x, { steps })))).toBe(0);
    x.dispose();
    layer.dispose();
  });
});

describe('Gru', () => {
  beforeAll(() => useBackend('wasm'));

  it('steps one at a time to the same state as the whole-sequence pass', () => {
    const layer = new Gru({ inputSize, units, seed: 2 });
    const x = randomInput([steps * batch, inputSize], 5) as tf.Tensor2D;
    const whole = layer.apply(x, { steps });
    let h: tf.Tensor2D = tf.zeros([batch, units]);
    for (let t = 0; t < steps; t++) {
      const next = layer.step(tf.slice(x, [t * batch, 0], [batch, -1]), h);
      h.dispose();
      h = next;
    }
    const last = tf.slice(whole, [(steps - 1) * batch, 0], [batch, -1]);
    expect(tf.max(tf.abs(tf.sub(last, h))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, whole, last, h]);
    layer.dispose();
  });

  it('learns to output the running sign of its input (seeded, loss falls)', async () => {
    const layer = new Gru({ inputSize: 1, units: 8, seed: 3 });
    const x = randomInput([6 * 8, 1], 11, 1) as tf.Tensor2D;
    const target = tf.sign(tf.cumsum(tf.reshape(x, [6, 8]), 0)).reshape([6 * 8, 1]);
    const readout = tf.variable(tf.fill([8, 1], 0.1));
    const loss = () => tf.losses.meanSquaredError(target, tf.matMul(layer.apply(x, { steps: 6 }), readout)) as tf.Scalar;
    const losses = await trainLosses(loss, [...Object.values(layer.variables), readout], 40, 0.05);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.5);
    tf.dispose([x, target, readout]);
    layer.dispose();
  });
});
