// An embedding table: integer ids → rows of a [vocabSize, dim] variable. The gradient is a
// dense [vocabSize, dim] scatter-add of the output gradient (kernels/gather-kernels.ts), so Adam
// updates the whole table as PyTorch's non-sparse nn.Embedding does.
import * as tf from '@tensorflow/tfjs';
import { gatherRows, scatterAddRows } from '../kernels/gather-kernels';
import type { Layer } from './layer';

export interface EmbeddingSpec {
  vocabSize: number;
  dim: number;
  seed: number;
  /** Initial values are uniform in ±scale (default 0.05, Keras' default). */
  scale?: number;
}

type GradArgs = (tf.Tensor | tf.GradSaveFunc)[];

/** table [rows, dim], ids int32 [count] → [count, dim], differentiable in the table. */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const rows = table.shape[0];
  const op = tf.customGrad((...args: GradArgs) => {
    const [t, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([ids]);
    return {
      value: gatherRows(t, ids),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [scatterAddRows(dy as tf.Tensor2D, saved[0] as tf.Tensor1D, rows)],
    };
  });
  return op(table) as tf.Tensor2D;
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
