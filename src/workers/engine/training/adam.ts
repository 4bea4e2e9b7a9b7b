// Adam with global-norm gradient clipping and a learning-rate schedule, over named variables, with
// its state (moments and step) exportable for checkpoints. Written here rather than using
// tf.train.adam because tfjs's optimizer state is matched to variables by position and by tfjs's
// auto-generated variable names (which differ between processes, so a resumed run could pair
// moments with the wrong weights), its rate cannot follow a schedule cleanly, and it launches
// ~12 kernels per variable where kernels/adam-kernels.ts launches one. Same update rule as
// tf.train.adam (tests compare the two).
import * as tf from '@tensorflow/tfjs';
import { adamUpdate, sumOfSquares } from '../kernels/adam-kernels';
import type { NamedVariables } from '../layers/layer';
import { constantRate, type LearningRateSchedule } from './lr-schedule';

export interface AdamOptions {
  learningRate: number | LearningRateSchedule;
  beta1?: number;
  beta2?: number;
  /** tfjs's default for float32 (PyTorch's is 1e-8). */
  epsilon?: number;
  /** Rescale all gradients together when their global L2 norm exceeds this. */
  clipNorm?: number;
}

export interface AdamStepReport {
  /** Global gradient norm before clipping. */
  gradientNorm: number;
  learningRate: number;
}

export class Adam {
  private readonly schedule: LearningRateSchedule;
  private readonly moments = new Map<string, { m: tf.Tensor; v: tf.Tensor }>();
  private updates = 0;

  constructor(
    readonly variables: NamedVariables,
    readonly options: AdamOptions,
  ) {
    this.schedule = typeof options.learningRate === 'number' ? constantRate(options.learningRate) : options.learningRate;
    for (const [name, v] of Object.entries(variables)) this.moments.set(name, { m: tf.zerosLike(v), v: tf.zerosLike(v) });
  }

  /** Updates applied so far (the step a resumed run continues from). */
  get step(): number {
    return this.updates;
  }

  /**
   * The global norm of the gradients, as a scalar the caller reads (one read per step serves both
   * clipping and the NaN check). Gradients are keyed like `variables`.
   */
  gradientNorm(grads: tf.NamedTensorMap): tf.Scalar {
    return tf.tidy(() => tf.sqrt(sumOfSquares(Object.keys(this.variables).map((name) => this.gradient(grads, name)))));
  }

  /** Applies one update, given the norm read from gradientNorm(). Disposes nothing of the caller's. */
  apply(grads: tf.NamedTensorMap, gradientNorm: number): AdamStepReport {
    const beta1 = this.options.beta1 ?? 0.9;
    const beta2 = this.options.beta2 ?? 0.999;
    const learningRate = this.schedule(this.updates);
    const clip = this.options.clipNorm;
    const t = this.updates + 1;
    const attrs = {
      learningRate,
      beta1,
      beta2,
      epsilon: this.options.epsilon ?? 1e-7,
      correction1: 1 - beta1 ** t,
      correction2: 1 - beta2 ** t,
      gradientScale: clip !== undefined && gradientNorm > clip ? clip / gradientNorm : 1,
    };
    for (const [name, variable] of Object.entries(this.variables)) {
      const state = this.moments.get(name) as { m: tf.Tensor; v: tf.Tensor };
      const [w, m, v] = adamUpdate(variable, this.gradient(grads, name), state.m, state.v, attrs);
      variable.assign(w);
      w.dispose();
      state.m.dispose();
      state.v.dispose();
      state.m = tf.keep(m);
      state.v = tf.keep(v);
    }
    this.updates = t;
    return { gradientNorm, learningRate };
  }

  /** Moments as "name/m", "name/v" (clones the caller must dispose) and the step. */
  exportState(): { tensors: tf.NamedTensorMap; step: number } {
    const tensors: tf.NamedTensorMap = {};
    for (const [name, s] of this.moments) {
      tensors[`${name}/m`] = s.m.clone();
      tensors[`${name}/v`] = s.v.clone();
    }
    return { tensors, step: this.updates };
  }

  /** Restores exported state; every variable's moments must be present with matching shapes. */
  importState(tensors: tf.NamedTensorMap, step: number): void {
    for (const [name, s] of this.moments) {
      const m = tensors[`${name}/m`];
      const v = tensors[`${name}/v`];
      if (!m || !v || !tf.util.arraysEqual(m.shape, s.m.shape) || !tf.util.arraysEqual(v.shape, s.v.shape)) {
        throw new Error(`The optimizer state has no moments of the right shape for "${name}".`);
      }
      s.m.dispose();
      s.v.dispose();
      s.m = tf.keep(m.clone());
      s.v = tf.keep(v.clone());
    }
    this.updates = step;
  }

  dispose(): void {
    for (const s of this.moments.values()) tf.dispose([s.m, s.v]);
    this.moments.clear();
  }

  private gradient(grads: tf.NamedTensorMap, name: string): tf.Tensor {
    const g = grads[name];
    if (!g) throw new Error(`No gradient for variable "${name}".`);
    return g;
  }
}
