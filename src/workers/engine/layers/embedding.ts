// An embedding table: integer ids → rows of a [vocabSize, dim] variable. The gradient is a
// dense [vocabSize, dim] scatter-add of the output gradient (kernels/gather-kernels.ts), so Adam
// updates the whole table as PyTorch's non-sparse nn.Embedding does — unless the table is one of
// Adam's lazyRows: then the Trainer takes its gradient as rows (captureRowGradients) and only the
// batch's rows are updated (see the engine README).
import * as tf from '@tensorflow/tfjs';
import { gatherRows, scatterAddRows, segmentSumRows, type RowGradient } from '../kernels/gather-kernels';
import type { Layer } from './layer';

export interface EmbeddingSpec {
  vocabSize: number;
  dim: number;
  seed: number;
  /** Initial values are uniform in ±scale (default 0.05, Keras' default). */
  scale?: number;
}

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

/** Tables whose gradients captureRowGradients is taking as rows, with what reached each lookup. */
const capturing = new Map<tf.Tensor, { ids: tf.Tensor1D; values: tf.Tensor2D }[]>();

/** table [rows, dim], ids int32 [count] → [count, dim], differentiable in the table. */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const rows = table.shape[0];
  const op = tf.customGrad((...args: GradArgs) => {
    const [t, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([ids]);
    return {
      value: gatherRows(t, ids),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const parts = capturing.get(table);
        if (!parts) return [scatterAddRows(dy as tf.Tensor2D, saved[0] as tf.Tensor1D, rows)];
        // Kept past the gradient's scope; captureRowGradients sums and frees them.
        parts.push({ ids: tf.keep((saved[0] as tf.Tensor1D).clone()), values: tf.keep(dy as tf.Tensor2D) });
        return [tf.zerosLike(table)];
      },
    };
  });
  return op(table) as tf.Tensor2D;
}

/**
 * Runs `run` (which takes gradients, e.g. tf.variableGrads) with the gradients of the given
 * tables taken as rows: embeddingLookup's backward then gives those tables an all-zero dense
 * gradient and records the rows that reached them instead, returned here summed per distinct id
 * (the caller disposes them). Tables never looked up in `run` are absent from the map. The
 * engine's Trainer uses it for Adam's lazyRows tables, so a step never builds their dense gradient.
 */
export function captureRowGradients<T>(tables: readonly tf.Variable[], run: () => T): { result: T; rows: Map<tf.Variable, RowGradient> } {
  for (const table of tables) {
    if (capturing.has(table)) throw new Error(`captureRowGradients: table "${table.name}" is already being captured.`);
    capturing.set(table, []);
  }
  const rows = new Map<tf.Variable, RowGradient>();
  try {
    const result = run();
    for (const table of tables) {
      const parts = capturing.get(table) ?? [];
      if (parts.length > 0) rows.set(table, segmentSumRows(parts, table.shape[0] as number));
    }
    return { result, rows };
  } catch (err) {
    for (const g of rows.values()) tf.dispose([g.ids, g.rows]);
    throw err;
  } finally {
    for (const table of tables) {
      for (const p of capturing.get(table) ?? []) tf.dispose([p.ids, p.values]);
      capturing.delete(table);
    }
  }
}

export class Embedding implements Layer {
  readonly variables: { table: tf.Variable };

  constructor(readonly spec: EmbeddingSpec) {
    const scale = spec.scale ?? 0.05;
    this.variables = { table: tf.tidy(() => tf.variable(tf.randomUniform([spec.vocabSize, spec.dim], -scale, scale, 'float32', spec.seed))) };
  }

  /** ids int32 [count] → [count, dim]. */
  apply(ids: tf.Tensor1D): tf.Tensor2D {
    return embeddingLookup(this.variables.table as tf.Tensor2D, ids);
  }

  dispose(): void {
    this.variables.table.dispose();
  }
}
