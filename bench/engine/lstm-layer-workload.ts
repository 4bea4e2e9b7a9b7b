// Workload 1: an LSTM(256) layer forward + backward, batch 64, 32 steps, 90 inputs; the loss is
// Σ output ⊙ w so every output gets a gradient. Stock: tf.layers.lstm (batch-major). Engine:
// the engine's Lstm (time-major). Gradients with respect to the weights, as PyTorch computes.
import * as tf from '@tensorflow/tfjs';
import { Lstm } from '../../src/workers/engine/layers/lstm';

export const lstmShape = { batch: 64, steps: 32, inputs: 90, units: 256 };

export interface Workload {
  run(): void;
  dispose(): void;
}

export function stockLstmLayer(): Workload {
  const { batch, steps, inputs, units } = lstmShape;
  const layer = tf.layers.lstm({ units, returnSequences: true, recurrentActivation: 'sigmoid' });
  const x = tf.randomNormal([batch, steps, inputs]);
  const w = tf.randomNormal([batch, steps, units]);
  layer.apply(x);
  const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  return {
    run() {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, w)), vars);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    },
    dispose() {
      layer.dispose();
      tf.dispose([x, w]);
    },
  };
}

export function engineLstmLayer(): Workload {
  const { batch, steps, inputs, units } = lstmShape;
  const layer = new Lstm({ inputSize: inputs, units, seed: 1 });
  const x = tf.randomNormal([steps * batch, inputs]) as tf.Tensor2D;
  const w = tf.randomNormal([steps * batch, units]);
  const vars = Object.values(layer.variables);
  return {
    run() {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { steps }), w)), vars);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    },
    dispose() {
      layer.dispose();
      tf.dispose([x, w]);
    },
  };
}
