import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamUpdate, adamUpdateMany, sparseAdamRows } from '../kernels/adam-kernels';
import { scatterAddRows, segmentSumRows } from '../kernels/gather-kernels';
import { captureRowGradients, Embedding } from '../layers/embedding';
import { collectVariables } from '../layers/layer';
import { randomInput, relativeError, testBackends, useBackend } from '../testing/gradient-check';
import { Trainer } from './trainer';

const attrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.19, correction2: 0.002, gradientScale: 0.5 };

describe.each(testBackends)('lazy (row-sparse) Adam on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('segmentSumRows sums repeated ids over all parts into one row per distinct id', () => {
    const a = { ids: tf.tensor1d([2, 0, 2], 'int32'), values: tf.tensor2d([[1, 2], [10, 20], [100, 200]]) };
    const b = { ids: tf.tensor1d([5, 0], 'int32'), values: tf.tensor2d([[3, 3], [1000, 1000]]) };
    const g = segmentSumRows([a, b], 6);
    expect(Array.from(g.ids.dataSync())).toEqual([2, 0, 5]);
    expect(Array.from(g.rows.dataSync())).toEqual([101, 202, 1010, 1020, 3, 3]);
    tf.dispose([a.ids, a.values, b.ids, b.values, g.ids, g.rows]);
  });

  it('updates only the rows with a gradient: the sparse kernel, the dense-mask path and dense Adam agree on those rows', () => {
    const [w, m, v] = [1, 2, 3].map((seed) => tf.abs(randomInput([6, 3], seed))) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const ids = tf.tensor1d([4, 1], 'int32');
    const rows = randomInput([2, 3], 4) as tf.Tensor2D;
    const dense = scatterAddRows(rows, ids, 6);
    const sparse = sparseAdamRows(w, m, v, ids, rows, attrs);
    const [masked] = adamUpdateMany([{ w, g: dense, m, v, lazyRows: true }], attrs) as [[tf.Tensor, tf.Tensor, tf.Tensor]];
    const full = adamUpdate(w, dense, m, v, attrs);
    for (let k = 0; k < 3; k++) {
      const s = (sparse[k] as tf.Tensor).arraySync() as number[][];
      const before = ([w, m, v][k] as tf.Tensor).arraySync() as number[][];
      const after = (full[k] as tf.Tensor).arraySync() as number[][];
      expect(relativeError(sparse[k] as tf.Tensor, masked[k] as tf.Tensor)).toBeLessThan(1e-6);
      for (const r of [0, 2, 3, 5]) expect(s[r]).toEqual(before[r]);
      for (const r of [1, 4]) (s[r] as number[]).forEach((x, j) => expect(x).toBeCloseTo((after[r] as number[])[j] as number, 6));
    }
    tf.dispose([w, m, v, ids, rows, dense, ...sparse, ...masked, ...full]);
  });

  it('the Trainer takes lazy tables sparse: same steps as Adam with dense gradients and the lazy rule, nothing leaked', async () => {
    const run = async (capture: boolean) => {
      const table = new Embedding({ vocabSize: 9, dim: 4, seed: 1 });
      const head = new Embedding({ vocabSize: 9, dim: 4, seed: 2 });
      const variables = collectVariables({ table, head });
      const ids = tf.tensor1d([3, 1, 3, 7], 'int32');
      const target = randomInput([4, 4], 5);
      const loss = () => tf.losses.meanSquaredError(target, tf.mul(table.apply(ids), head.apply(tf.tensor1d([0, 0, 2, 2], 'int32')))) as tf.Scalar;
      const trainer = new Trainer({ variables, loss }, { learningRate: 0.05, lazyRows: ['table/table', 'head/table'] });
      const before = tf.memory().numTensors;
      for (let s = 0; s < 3; s++) {
        if (capture) await trainer.trainStep(undefined);
        else {
          // The same update from dense gradients (the lazy rule's mask path).
          const { value, grads } = tf.variableGrads(loss, Object.values(variables));
          const named = { 'table/table': grads[table.variables.table.name] as tf.Tensor, 'head/table': grads[head.variables.table.name] as tf.Tensor };
          trainer.optimizer.apply(named, (await trainer.optimizer.gradientNorm(named).data())[0] as number);
          tf.dispose([value, ...Object.values(grads)]);
        }
      }
      const leaked = tf.memory().numTensors - before;
      const out = [table.variables.table.arraySync() as number[][], head.variables.table.arraySync() as number[][]];
      trainer.dispose();
      table.dispose();
      head.dispose();
      tf.dispose([ids, target]);
      return { out, leaked };
    };
    const sparse = await run(true);
    const dense = await run(false);
    expect(sparse.leaked).toBeLessThanOrEqual(0);
    const initial = new Embedding({ vocabSize: 9, dim: 4, seed: 1 });
    const start = initial.variables.table.arraySync() as number[][];
    initial.dispose();
    for (let r = 0; r < 9; r++) {
      if ([1, 3, 7].includes(r)) expect(sparse.out[0]?.[r]).not.toEqual(start[r]);
      else expect(sparse.out[0]?.[r]).toEqual(start[r]);
      sparse.out[0]?.[r]?.forEach((x, j) => expect(x).toBeCloseTo(dense.out[0]?.[r]?.[j] as number, 5));
    }
  });

  it('captureRowGradients gives the dense gradient to tables it does not capture, and frees what it captured', () => {
    const a = new Embedding({ vocabSize: 5, dim: 2, seed: 3 });
    const b = new Embedding({ vocabSize: 5, dim: 2, seed: 4 });
    const ids = tf.tensor1d([1, 1, 4], 'int32');
    const before = tf.memory().numTensors;
    const { result, rows } = captureRowGradients([a.variables.table], () => tf.variableGrads(() => tf.sum(tf.add(a.apply(ids), b.apply(ids)))));
    const ga = result.grads[a.variables.table.name] as tf.Tensor;
    const gb = result.grads[b.variables.table.name] as tf.Tensor;
    expect(Array.from(ga.dataSync())).toEqual(new Array(10).fill(0));
    expect(Array.from(gb.dataSync())).toEqual([0, 0, 2, 2, 0, 0, 0, 0, 1, 1]);
    const captured = rows.get(a.variables.table);
    expect(Array.from(captured?.ids.dataSync() ?? [])).toEqual([1, 4]);
    expect(Array.from(captured?.rows.dataSync() ?? [])).toEqual([2, 2, 1, 1]);
    tf.dispose([result.value, ...Object.values(result.grads), captured?.ids, captured?.rows].filter((t): t is tf.Tensor => t !== undefined));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids]);
    a.dispose();
    b.dispose();
  });
});

describe('sparseAdamRows in place', () => {
  beforeAll(() => useBackend('wasm'));

  it('updates memory in place only when asked and nothing else holds it (a tensor sharing it keeps its values)', () => {
    const w = tf.ones([4, 2]);
    const m = tf.zeros([4, 2]);
    const v = tf.zeros([4, 2]);
    const shared = tf.reshape(m, [8]);
    const ids = tf.tensor1d([2], 'int32');
    const g = tf.tensor2d([[1, -1]]);
    const [w2, m2, v2] = sparseAdamRows(w, m, v, ids, g, attrs, true);
    // m's memory is shared by a reshape, so it was copied and still reads zeros; w was reused.
    expect(Array.from(shared.dataSync())).toEqual(new Array(8).fill(0));
    expect(m2.dataId).not.toBe(m.dataId);
    expect(w2.dataId).toBe(w.dataId);
    expect(Array.from(m2.dataSync()).map((x) => Math.round(x * 1e4) / 1e4)).toEqual([0, 0, 0, 0, 0.05, -0.05, 0, 0]);
    const row = Array.from(w2.dataSync());
    expect(row.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(row[4]).toBeLessThan(1);
    tf.dispose([w, m, v, shared, ids, g, w2, m2, v2]);
  });
});

describe('adamUpdateMany', () => {
  beforeAll(() => useBackend('wasm'));

  it('gives the stock update for big and small tensors in one launch (SIMD on single-threaded wasm), lazy rows too', () => {
    const big = [1, 2, 3, 4].map((seed) => tf.abs(randomInput([3000, 7], seed))) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const small = [5, 6, 7, 8].map((seed) => tf.abs(randomInput([5, 3], seed))) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const ids = tf.tensor1d([0, 2999, 17], 'int32');
    const rows = randomInput([3, 7], 9) as tf.Tensor2D;
    const many = adamUpdateMany(
      [big, small].map(([w, g, m, v]) => ({ w, g, m, v })),
      attrs,
    );
    [big, small].forEach(([w, g, m, v], i) => {
      const reference = adamUpdate(w, g, m, v, attrs);
      for (let k = 0; k < 3; k++) expect(relativeError((many[i] as tf.Tensor[])[k] as tf.Tensor, reference[k] as tf.Tensor)).toBeLessThan(1e-5);
      tf.dispose(reference);
    });
    const [w, , m, v] = big;
    const sparse = sparseAdamRows(w, m, v, ids, rows, attrs);
    const [masked] = adamUpdateMany([{ w, g: scatterAddRows(rows, ids, 3000), m, v, lazyRows: true }], attrs) as [[tf.Tensor, tf.Tensor, tf.Tensor]];
    for (let k = 0; k < 3; k++) expect(relativeError(sparse[k] as tf.Tensor, masked[k] as tf.Tensor)).toBeLessThan(1e-6);
    tf.dispose([...big, ...small, ids, rows, ...many.flat(), ...sparse, ...masked]);
  });
});
