// A fully connected layer: y = activation(x·W + b), with the engine's transpose-free gradients.
import * as tf from '@tensorflow/tfjs';
import { activate, type ActivationName } from './activations';
import { constantVariable, glorotVariable, type Layer } from './layer';
import { affine, fusedAffine, matMul } from './mat-mul';

export interface DenseSpec {
  inputSize: number;
  units: number;
  /** Seeds the kernel initialiser. */
  seed: number;
  activation?: ActivationName;
  /** Defaults to true. */
  useBias?: boolean;
}

export class Dense implements Layer {
  readonly variables: { kernel: tf.Variable; bias?: tf.Variable };
  readonly activation: ActivationName;

  constructor(readonly spec: DenseSpec) {
    this.activation = spec.activation ?? 'linear';
    this.variables = { kernel: glorotVariable([spec.inputSize, spec.units], spec.seed) };
    if (spec.useBias ?? true) this.variables.bias = constantVariable(new Float32Array(spec.units));
  }

  /** x [rows, inputSize] → [rows, units]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const kernel = this.variables.kernel as tf.Tensor2D;
      const bias = this.variables.bias as tf.Tensor1D | undefined;
      // ReLU and linear layers with a bias run forward as one fused kernel.
      if (bias && (this.activation === 'relu' || this.activation === 'linear')) return fusedAffine(x, kernel, bias, this.activation);
      const z = bias ? affine(x, kernel, bias) : matMul(x, kernel);
      return activate(z, this.activation);
    });
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v?.dispose();
  }
}
