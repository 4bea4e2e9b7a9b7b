import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference, randomInput, testBackends, useBackend } from '../testing/gradient-check';
import { concatColumns, sliceRows, splitColumns } from './row-kernels';

describe.each(testBackends)('row kernels on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the engine kernel rather than the stock fallback', () => {
    expect(tf.getKernel('MontageSliceRows', backend)).toBeDefined();
    expect(tf.getKernel('MontageSplitColumns', backend)).toBeDefined();
  });

  it('sliceRows copies a block of rows, and its gradient pads back', () => {
    const x = [randomInput([6, 3], 1)];
    expect(Array.from(sliceRows(x[0] as tf.Tensor2D, 2, 3).dataSync())).toEqual(Array.from(tf.slice(x[0] as tf.Tensor2D, [2, 0], [3, -1]).dataSync()));
    const result = compareWithReference((t) => sliceRows(t as tf.Tensor2D, 2, 3), (t) => tf.slice(t as tf.Tensor2D, [2, 0], [3, -1]), x);
    expect(Math.max(result.value, ...result.gradients)).toBe(0);
    tf.dispose(x);
  });

  it('splitColumns splits into equal column blocks, and its gradient concatenates back', () => {
    const x = [randomInput([4, 6], 2)];
    const parts = splitColumns(x[0] as tf.Tensor2D, 3);
    const expected = tf.split(x[0] as tf.Tensor2D, 3, 1);
    parts.forEach((p, i) => expect(Array.from(p.dataSync())).toEqual(Array.from((expected[i] as tf.Tensor).dataSync())));
    // Weighting the parts differently makes every part's gradient matter.
    const weighted = (ps: tf.Tensor[]) => tf.addN(ps.map((p, i) => tf.mul(p, i + 1)));
    const result = compareWithReference((t) => weighted(splitColumns(t as tf.Tensor2D, 3)), (t) => weighted(tf.split(t, 3, 1)), x);
    expect(Math.max(result.value, ...result.gradients)).toBe(0);
    tf.dispose([...x, ...parts, ...expected]);
  });

  it('concatColumns joins blocks of any widths like tf.concat, and its gradient splits them back', () => {
    const xs = [randomInput([3, 2], 3), randomInput([3, 5], 4), randomInput([3, 1], 5)];
    expect(Array.from(concatColumns(xs as tf.Tensor2D[]).dataSync())).toEqual(Array.from(tf.concat(xs, 1).dataSync()));
    const result = compareWithReference((a, b, c) => concatColumns([a, b, c] as tf.Tensor2D[]), (a, b, c) => tf.concat([a, b, c] as tf.Tensor2D[], 1), xs);
    expect(Math.max(result.value, ...result.gradients)).toBe(0);
    expect(() => concatColumns([xs[0] as tf.Tensor2D, tf.zeros<tf.Rank.R2>([2, 2])])).toThrow(RangeError);
    tf.dispose(xs);
  });

  it('rejects rows or splits that do not fit', () => {
    const x = tf.zeros<tf.Rank.R2>([4, 6]);
    expect(() => sliceRows(x, 3, 2)).toThrow(RangeError);
    expect(() => splitColumns(x, 4)).toThrow(RangeError);
    x.dispose();
  });
});
