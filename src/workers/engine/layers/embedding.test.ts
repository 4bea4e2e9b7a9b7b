import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherRows, scatterAddRows } from '../kernels/gather-kernels';
import { compareWithReference, randomInput, testBackends, trainLosses, useBackend } from '../testing/gradient-check';
import { Embedding, embeddingLookup } from './embedding';

describe.each(testBackends)('embeddingLookup on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches a one-hot product and its autodiff gradient, repeated ids included', () => {
    const table = randomInput([7, 3], 1);
    const ids = tf.tensor1d([0, 3, 3, 6, 1, 3], 'int32');
    const engine = (t: tf.Tensor) => embeddingLookup(t as tf.Tensor2D, ids);
    const reference = (t: tf.Tensor) => tf.matMul(tf.cast(tf.oneHot(ids, 7), 'float32'), t as tf.Tensor2D);
    const result = compareWithReference(engine as (...x: tf.Tensor[]) => tf.Tensor, reference as (...x: tf.Tensor[]) => tf.Tensor, [table]);
    expect(result.value).toBe(0);
    expect(result.gradients[0]).toBeLessThan(1e-6);
    tf.dispose([table, ids]);
  });

  it('sums the gradient of repeated ids into their row and leaves unused rows at zero', () => {
    const values = tf.tensor2d([[1, 2], [10, 20], [100, 200]]);
    const ids = tf.tensor1d([2, 0, 2], 'int32');
    const summed = scatterAddRows(values, ids, 4);
    expect(Array.from(summed.dataSync())).toEqual([10, 20, 0, 0, 101, 202, 0, 0]);
    tf.dispose([values, ids, summed]);
  });

  it('rejects ids outside the table', () => {
    const table = tf.zeros<tf.Rank.R2>([3, 2]);
    const ids = tf.tensor1d([1, 3], 'int32');
    expect(() => gatherRows(table, ids)).toThrow(/outside a table of 3 rows|not in \[0, 2\]/);
    tf.dispose([table, ids]);
  });
});

describe('Embedding', () => {
  beforeAll(() => useBackend('wasm'));

  it('trains its table without leaking tensors (seeded, loss falls)', async () => {
    const layer = new Embedding({ vocabSize: 10, dim: 4, seed: 5 });
    const ids = tf.tensor1d([1, 2, 3, 4, 5, 6], 'int32');
    const target = randomInput([6, 4], 2, 1);
    const before = tf.memory().numTensors;
    const loss = () => tf.losses.meanSquaredError(target, layer.apply(ids)) as tf.Scalar;
    const losses = await trainLosses(loss, [layer.variables.table], 30, 0.05);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.2);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids, target]);
    layer.dispose();
  });
});
