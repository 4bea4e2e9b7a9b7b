// The LSTM layer every recurrent model in Montage uses: weights as variables, a whole-sequence
// apply() for training (one op with a hand-written backward pass, see lstm-sequence.ts) and a
// single step for sampling. Sequences are time-major (see sequence-layout.ts).
import * as tf from '@tensorflow/tfjs';
import { constantVariable, glorotVariable, type Layer } from './layer';
import { cellStep, gateScale, type LstmWeights } from './lstm-cell';
import { lstmSequence } from './lstm-sequence';
import { sequenceShape } from './sequence-layout';

export interface LstmSpec {
  inputSize: number;
  units: number;
  /** Seeds the initialisers, so a run repeats for a seed on one backend. */
  seed: number;
  /** Initial forget-gate bias; 1 (the default) lets early gradients flow through time. */
  forgetBias?: number;
  /** Width of a per-sequence context added at every step (a VAE decoder's z); none by default. */
  contextSize?: number;
}

export interface LstmState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

export interface LstmApplyOptions {
  steps: number;
  /** Defaults to zeros. */
  initialState?: LstmState;
  reverse?: boolean;
  /** [batch, contextSize], required when the spec has a contextSize. */
  context?: tf.Tensor2D;
  /** False when x is data that needs no gradient (saves one big product per training step). */
  inputGradient?: boolean;
}

export class Lstm implements Layer {
  readonly variables: { kernel: tf.Variable; recurrentKernel: tf.Variable; bias: tf.Variable; contextKernel?: tf.Variable };
  private scale: tf.Tensor1D | null = null;

  constructor(readonly spec: LstmSpec) {
    const { inputSize, units, seed } = spec;
    const bias = new Float32Array(4 * units);
    bias.fill(spec.forgetBias ?? 1, units, 2 * units);
    // Glorot limits per gate (fan-out = units), as Keras computes them for the packed kernels.
    this.variables = {
      kernel: glorotVariable([inputSize, 4 * units], seed, { fanIn: inputSize, fanOut: units }),
      recurrentKernel: glorotVariable([units, 4 * units], seed + 1, { fanIn: units, fanOut: units }),
      bias: constantVariable(bias),
    };
    if (spec.contextSize) {
      this.variables.contextKernel = glorotVariable([spec.contextSize, 4 * units], seed + 2, { fanIn: spec.contextSize, fanOut: units });
    }
  }

  get units(): number {
    return this.spec.units;
  }

  private get weights(): LstmWeights {
    return {
      kernel: this.variables.kernel as tf.Tensor2D,
      recurrentKernel: this.variables.recurrentKernel as tf.Tensor2D,
      bias: this.variables.bias as tf.Tensor1D,
    };
  }

  zeroState(batch: number): LstmState {
    return { h: tf.zeros([batch, this.units]), c: tf.zeros([batch, this.units]) };
  }

  /** x [steps·batch, inputSize] time-major → hidden states [steps·batch, units], time order. */
  apply(x: tf.Tensor2D, options: LstmApplyOptions): tf.Tensor2D {
    return tf.tidy(() => {
      const { batch } = sequenceShape(x, options.steps);
      const state = options.initialState ?? this.zeroState(batch);
      const w = this.weights;
      return lstmSequence(x, state.h, state.c, w.kernel, w.recurrentKernel, w.bias, {
        steps: options.steps,
        reverse: options.reverse ?? false,
        inputGradient: options.inputGradient ?? true,
        ...(this.contextOf(options.context) ?? {}),
      });
    });
  }

  /** One step for inference: x [batch, inputSize] → the next state (its h is the output). */
  step(x: tf.Tensor2D, state: LstmState, context?: tf.Tensor2D): LstmState {
    return tf.tidy(() => {
      const w = this.weights;
      this.scale ??= tf.keep(gateScale(this.units));
      let projected = tf.add(tf.matMul(x, w.kernel), w.bias) as tf.Tensor2D;
      const ctx = this.contextOf(context);
      if (ctx) projected = tf.add(projected, tf.matMul(ctx.context.input, ctx.context.kernel));
      const next = cellStep(projected, state.h, state.c, w.recurrentKernel, this.scale);
      return { h: next.h, c: next.c };
    });
  }

  private contextOf(context: tf.Tensor2D | undefined): { context: { input: tf.Tensor2D; kernel: tf.Tensor2D } } | null {
    const kernel = this.variables.contextKernel as tf.Tensor2D | undefined;
    if (!kernel && !context) return null;
    if (!kernel || !context) throw new Error(kernel ? 'This LSTM needs a context at every call.' : 'This LSTM was built without a contextSize.');
    return { context: { input: context, kernel } };
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v?.dispose();
    this.scale?.dispose();
  }
}
