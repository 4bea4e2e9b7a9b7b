// The GRU layer: weights as variables, a whole-sequence apply() with a hand-written backward pass
// (gru-sequence.ts) and a single step for sampling. Sequences are time-major (sequence-layout.ts).
import * as tf from '@tensorflow/tfjs';
import { gruSequence, gruStep } from './gru-sequence';
import { constantVariable, glorotVariable, type Layer } from './layer';
import { sequenceShape } from './sequence-layout';

export interface GruSpec {
  inputSize: number;
  units: number;
  seed: number;
}

export interface GruApplyOptions {
  steps: number;
  /** Defaults to zeros [batch, units]. */
  initialState?: tf.Tensor2D;
  reverse?: boolean;
}

export class Gru implements Layer {
  readonly variables: { kernel: tf.Variable; recurrentKernel: tf.Variable; bias: tf.Variable; recurrentBias: tf.Variable };

  constructor(readonly spec: GruSpec) {
    const { inputSize, units, seed } = spec;
    this.variables = {
      kernel: glorotVariable([inputSize, 3 * units], seed, { fanIn: inputSize, fanOut: units }),
      recurrentKernel: glorotVariable([units, 3 * units], seed + 1, { fanIn: units, fanOut: units }),
      bias: constantVariable(new Float32Array(3 * units)),
      recurrentBias: constantVariable(new Float32Array(3 * units)),
    };
  }

  get units(): number {
    return this.spec.units;
  }

  /** x [steps·batch, inputSize] time-major → hidden states [steps·batch, units], time order. */
  apply(x: tf.Tensor2D, options: GruApplyOptions): tf.Tensor2D {
    return tf.tidy(() => {
      const { batch } = sequenceShape(x, options.steps);
      const h0 = options.initialState ?? tf.zeros<tf.Rank.R2>([batch, this.units]);
      const v = this.variables;
      return gruSequence(x, h0, v.kernel as tf.Tensor2D, v.recurrentKernel as tf.Tensor2D, v.bias as tf.Tensor1D, v.recurrentBias as tf.Tensor1D, {
        steps: options.steps,
        reverse: options.reverse ?? false,
      });
    });
  }

  /** One step for inference: x [batch, inputSize], h [batch, units] → the next h. */
  step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const v = this.variables;
      const projected = tf.add(tf.matMul(x, v.kernel as tf.Tensor2D), v.bias) as tf.Tensor2D;
      return gruStep(projected, h, v.recurrentKernel as tf.Tensor2D, v.recurrentBias as tf.Tensor1D).h;
    });
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v.dispose();
  }
}
