import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInput, relativeError, testBackends, useBackend } from '../testing/gradient-check';
import { adamUpdate, fusedAdamLimit, sumOfSquares } from '../kernels/adam-kernels';
import { Adam } from './adam';

/** A least-squares problem with two weight tensors; gradients from autodiff. */
function problem(seed: number) {
  const x = randomInput([8, 3], seed, 1) as tf.Tensor2D;
  const y = randomInput([8, 2], seed + 1, 1) as tf.Tensor2D;
  const loss = (w: tf.Tensor, b: tf.Tensor) => tf.losses.meanSquaredError(y, tf.add(tf.matMul(x, w as tf.Tensor2D), b)) as tf.Scalar;
  return { x, y, loss };
}

describe.each(testBackends)('Adam on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('follows the same trajectory as tf.train.adam', () => {
    const { x, y, loss } = problem(1);
    const mine = { w: tf.variable(randomInput([3, 2], 3)), b: tf.variable(tf.zeros([2])) };
    const theirs = { w: tf.variable(mine.w.clone()), b: tf.variable(mine.b.clone()) };
    const adam = new Adam(mine, { learningRate: 0.05 });
    const reference = tf.train.adam(0.05);
    for (let s = 0; s < 15; s++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(mine.w, mine.b), [mine.w, mine.b]);
        adam.apply({ w: grads[mine.w.name] as tf.Tensor, b: grads[mine.b.name] as tf.Tensor }, 0);
      });
      reference.minimize(() => loss(theirs.w, theirs.b), false, [theirs.w, theirs.b]);
    }
    expect(adam.step).toBe(15);
    expect(relativeError(mine.w, theirs.w)).toBeLessThan(1e-5);
    expect(relativeError(mine.b, theirs.b)).toBeLessThan(1e-5);
    adam.dispose();
    reference.dispose();
    tf.dispose([x, y, mine.w, mine.b, theirs.w, theirs.b]);
  });

  it('clips by the global norm: an update equals Adam on the rescaled gradients', () => {
    const start = randomInput([4], 5);
    const g = tf.mul(randomInput([4], 6), 100);
    const clipped = { w: tf.variable(start.clone()) };
    const manual = { w: tf.variable(start.clone()) };
    const a = new Adam(clipped, { learningRate: 0.1, clipNorm: 1 });
    const b = new Adam(manual, { learningRate: 0.1 });
    const norm = a.gradientNorm({ w: g });
    const n = norm.dataSync()[0] as number;
    expect(n).toBeCloseTo(tf.norm(g).dataSync()[0] as number, 3);
    a.apply({ w: g }, n);
    const rescaled = tf.div(g, n);
    b.apply({ w: rescaled }, 1);
    // One Adam step moves by ≈ lr·sign(g) whatever the scale, so compare the second step too.
    a.apply({ w: g }, n);
    b.apply({ w: rescaled }, 1);
    expect(relativeError(clipped.w, manual.w)).toBeLessThan(1e-5);
    a.dispose();
    b.dispose();
    tf.dispose([start, g, norm, rescaled, clipped.w, manual.w]);
  });
});

describe('Adam state', () => {
  beforeAll(() => useBackend('wasm'));

  it('exports and imports its moments and step, so a restored optimizer continues identically', () => {
    const { x, y, loss } = problem(2);
    const init = randomInput([3, 2], 4);
    const straight = { w: tf.variable(init.clone()), b: tf.variable(tf.zeros([2])) };
    const resumed = { w: tf.variable(init.clone()), b: tf.variable(tf.zeros([2])) };
    const step = (adam: Adam, vars: { w: tf.Variable; b: tf.Variable }) =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(vars.w, vars.b), [vars.w, vars.b]);
        adam.apply({ w: grads[vars.w.name] as tf.Tensor, b: grads[vars.b.name] as tf.Tensor }, 0);
      });
    const a = new Adam(straight, { learningRate: 0.05 });
    for (let s = 0; s < 6; s++) step(a, straight);

    const first = new Adam(resumed, { learningRate: 0.05 });
    for (let s = 0; s < 3; s++) step(first, resumed);
    const state = first.exportState();
    first.dispose();
    const second = new Adam(resumed, { learningRate: 0.05 });
    second.importState(state.tensors, state.step);
    tf.dispose(Object.values(state.tensors));
    for (let s = 0; s < 3; s++) step(second, resumed);

    expect(second.step).toBe(6);
    expect(Array.from(resumed.w.dataSync())).toEqual(Array.from(straight.w.dataSync()));
    expect(() => second.importState({}, 1)).toThrow(/no moments of the right shape for "w"/);
    a.dispose();
    second.dispose();
    tf.dispose([x, y, init, straight.w, straight.b, resumed.w, resumed.b]);
  });
});

describe('adamUpdate kernels', () => {
  beforeAll(() => useBackend('wasm'));

  it('give the same update through the fused kernel (small tensors) and stock ops (large ones)', () => {
    const n = fusedAdamLimit + 808;
    const [w, g, m, v] = [1, 2, 3, 4].map((seed) => tf.abs(randomInput([n], seed)));
    const attrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.19, correction2: 0.002, gradientScale: 0.5 };
    const whole = adamUpdate(w as tf.Tensor, g as tf.Tensor, m as tf.Tensor, v as tf.Tensor, attrs);
    const cut = (t: tf.Tensor, begin: number, size: number) => tf.slice(t, [begin], [size]);
    const pieces = [0, fusedAdamLimit].map((begin) => {
      const size = begin === 0 ? fusedAdamLimit : n - fusedAdamLimit;
      return adamUpdate(cut(w as tf.Tensor, begin, size), cut(g as tf.Tensor, begin, size), cut(m as tf.Tensor, begin, size), cut(v as tf.Tensor, begin, size), attrs);
    });
    for (let k = 0; k < 3; k++) {
      const joined = tf.concat(pieces.map((p) => p[k] as tf.Tensor));
      expect(relativeError(joined, whole[k] as tf.Tensor)).toBeLessThan(1e-6);
    }
    const squares = sumOfSquares([g as tf.Tensor, cut(g as tf.Tensor, 0, 10)]);
    const expected = tf.add(tf.sum(tf.square(g as tf.Tensor)), tf.sum(tf.square(cut(g as tf.Tensor, 0, 10))));
    expect(relativeError(squares, expected)).toBeLessThan(1e-5);
  });
});
