import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, tensorsLeftByBackward, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { referenceLstm } from '../testing/reference-recurrent';
import { Lstm } from './lstm';
import { lstmSequence } from './lstm-sequence';

const steps = 5;
const batch = 3;
const inputSize = 4;
const units = 6;

function inputs(seed: number): tf.Tensor[] {
  return [
    randomInput([steps * batch, inputSize], seed),
    randomInput([batch, units], seed + 1),
    randomInput([batch, units], seed + 2),
    randomInput([inputSize, 4 * units], seed + 3),
    randomInput([units, 4 * units], seed + 4),
    randomInput([4 * units], seed + 5),
  ];
}

describe.each(testBackends)('lstmSequence on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([false, true])('matches the stock-op LSTM and its autodiff gradients (reverse: %s)', (reverse) => {
    const xs = inputs(10);
    const engine = (...t: tf.Tensor[]) =>
      lstmSequence(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, { steps, reverse });
    const reference = (...t: tf.Tensor[]) =>
      referenceLstm(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, steps, reverse);
    const result = compareWithReference(engine, reference, xs);
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    // x, h0, c0, kernel, recurrent kernel, bias
    expect(result.gradients).toHaveLength(6);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });

  it('matches the stock-op LSTM fed [x, context] at every step, context gradients included', () => {
    const contextSize = 2;
    const xs = [...inputs(30), randomInput([batch, contextSize], 40), randomInput([contextSize, 4 * units], 41)];
    const engine = (...t: tf.Tensor[]) =>
      lstmSequence(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, {
        steps,
        context: { input: t[6] as tf.Tensor2D, kernel: t[7] as tf.Tensor2D },
      });
    const reference = (...t: tf.Tensor[]) => {
      const tiled = tf.tile(t[6] as tf.Tensor2D, [steps, 1]);
      const x = tf.concat([t[0] as tf.Tensor2D, tiled], 1) as tf.Tensor2D;
      const kernel = tf.concat([t[3] as tf.Tensor2D, t[7] as tf.Tensor2D], 0) as tf.Tensor2D;
      return referenceLstm(x, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, kernel, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, steps);
    };
    const result = compareWithReference(engine, reference, xs);
    tf.dispose(xs);
    expect(result.value).toBeLessThan(1e-5);
    expect(result.gradients).toHaveLength(8);
    for (const e of result.gradients) expect(e).toBeLessThan(1e-4);
  });

  it('skips the input gradient when asked, and only that', () => {
    const xs = inputs(50);
    const run = (inputGradient: boolean) =>
      tf.grads((...t: tf.Tensor[]) =>
        tf.sum(lstmSequence(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, { steps, inputGradient })),
      )(xs);
    const [withInput, without] = [run(true), run(false)];
    expect(tf.max(tf.abs(without[0] as tf.Tensor)).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(withInput[0] as tf.Tensor)).dataSync()[0]).toBeGreaterThan(0);
    for (let k = 1; k < 6; k++) expect(Array.from((without[k] as tf.Tensor).dataSync())).toEqual(Array.from((withInput[k] as tf.Tensor).dataSync()));
    tf.dispose([...xs, ...withInput, ...without]);
  });

  it('handles a single step', () => {
    const one = [randomInput([batch, inputSize], 1), randomInput([batch, units], 2), randomInput([batch, units], 3), randomInput([inputSize, 4 * units], 4), randomInput([units, 4 * units], 5), randomInput([4 * units], 6)];
    const engine = (...t: tf.Tensor[]) =>
      lstmSequence(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, { steps: 1 });
    const reference = (...t: tf.Tensor[]) =>
      referenceLstm(t[0] as tf.Tensor2D, t[1] as tf.Tensor2D, t[2] as tf.Tensor2D, t[3] as tf.Tensor2D, t[4] as tf.Tensor2D, t[5] as tf.Tensor1D, 1);
    const result = compareWithReference(engine, reference, one);
    tf.dispose(one);
    expect(Math.max(result.value, ...result.gradients)).toBeLessThan(1e-4);
  });

  it('leaves no tensors behind after forward and backward', () => {
    const layer = new Lstm({ inputSize, units, seed: 1 });
    const x = randomInput([steps * batch, inputSize], 3) as tf.Tensor2D;
    expect(tensorsLeftByBackward(() => tf.sum(layer.apply(x, { steps })))).toBe(0);
    x.dispose();
    layer.dispose();
  });
});

describe('Lstm', () => {
  beforeAll(() => useBackend('wasm'));

  it('computes what tf.layers.lstm computes with the same weights', () => {
    const layer = new Lstm({ inputSize, units, seed: 4 });
    const stock = tf.layers.lstm({ units, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [steps, inputSize] });
    const batchMajor = randomInput([batch, steps, inputSize], 9) as tf.Tensor3D;
    stock.apply(batchMajor);
    stock.setWeights([layer.variables.kernel, layer.variables.recurrentKernel, layer.variables.bias]);
    const expected = stock.apply(batchMajor) as tf.Tensor3D;
    const timeMajor = tf.reshape(tf.transpose(batchMajor, [1, 0, 2]), [steps * batch, inputSize]) as tf.Tensor2D;
    const actual = tf.transpose(tf.reshape(layer.apply(timeMajor, { steps }), [steps, batch, units]), [1, 0, 2]);
    expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([batchMajor, expected, timeMajor, actual]);
    stock.dispose();
    layer.dispose();
  });

  it('steps one at a time to the same states as the whole-sequence pass, context included', () => {
    const layer = new Lstm({ inputSize, units, seed: 2, contextSize: 3 });
    const x = randomInput([steps * batch, inputSize], 5) as tf.Tensor2D;
    const context = randomInput([batch, 3], 6) as tf.Tensor2D;
    const whole = layer.apply(x, { steps, context });
    expect(() => layer.apply(x, { steps })).toThrow(/needs a context/);
    let state = layer.zeroState(batch);
    for (let t = 0; t < steps; t++) {
      const next = layer.step(tf.slice(x, [t * batch, 0], [batch, -1]), state, context);
      tf.dispose([state.h, state.c]);
      state = next;
    }
    const last = tf.slice(whole, [(steps - 1) * batch, 0], [batch, -1]);
    expect(tf.max(tf.abs(tf.sub(last, state.h))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, context, whole, last, state.h, state.c]);
    layer.dispose();
  });

  it('learns to output the running sign of its input (seeded, loss falls)', async () => {
    const layer = new Lstm({ inputSize: 1, units: 8, seed: 3 });
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
