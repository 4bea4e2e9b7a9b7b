// Adam with global-norm gradient clipping and a learning-rate schedule, over named variables, with
// its state (moments and step) exportable for checkpoints. Written here rather than using
// tf.train.adam because tfjs's optimizer state is matched to variables by position and by tfjs's
// auto-generated variable names (which differ between processes, so a resumed run could pair
// moments with the wrong weights), its rate cannot follow a schedule cleanly, and it launches
// ~12 kernels per variable where kernels/adam-kernels.ts launches one. Same update rule as
// tf.train.adam (tests compare the two); tables named in lazyRows follow LazyAdam's rule instead.
import * as tf from '@tensorflow/tfjs';
import { adamUpdateMany, sparseAdamRows, sumOfSquares } from '../kernels/adam-kernels';
import type { RowGradient } from '../kernels/gather-kernels';
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
  /**
   * Names of 2-D variables (embedding tables) updated lazily, as TensorFlow's LazyAdam and
   * PyTorch's SparseAdam do: a row whose gradient is all zero this step (an id not in the batch)
   * keeps its weights and moments, instead of decaying its moments and moving by them as dense
   * Adam does. Not the same optimiser as dense Adam; much cheaper for big tables.
   */
  lazyRows?: readonly string[];
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
    for (const name of options.lazyRows ?? []) {
      const v = variables[name];
      if (!v || v.rank !== 2) throw new Error(`lazyRows names "${name}", which is not a 2-D variable of this optimizer.`);
    }
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
  gradientNorm(grads: tf.NamedTensorMap, rowGrads: Readonly<Record<string, RowGradient>> = {}): tf.Scalar {
    return tf.tidy(() => tf.sqrt(sumOfSquares(Object.keys(this.variables).map((name) => rowGrads[name]?.rows ?? this.gradient(grads, name)))));
  }

  /**
   * Applies one update, given the norm read from gradientNorm(). `rowGrads` holds the sparse
   * gradients of lazyRows tables (the Trainer captures them; their dense entries in `grads` are
   * then ignored); a lazyRows table without one is updated from its dense gradient, skipping
   * all-zero rows. Disposes nothing of the caller's.
   */
  apply(grads: tf.NamedTensorMap, gradientNorm: number, rowGrads: Readonly<Record<string, RowGradient>> = {}): AdamStepReport {
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
    const lazy = new Set(this.options.lazyRows ?? []);
    const all = Object.entries(this.variables).map(([name, variable]) => ({ name, variable, state: this.moments.get(name) as { m: tf.Tensor; v: tf.Tensor } }));
    const sparse = all.filter(({ name }) => lazy.has(name) && rowGrads[name] !== undefined);
    const entries = all
      .filter(({ name }) => !(lazy.has(name) && rowGrads[name] !== undefined))
      .map((e) => ({ ...e, w: e.variable as tf.Tensor, g: this.gradient(grads, e.name), m: e.state.m, v: e.state.v, lazyRows: lazy.has(e.name) }));
    const updated = [
      ...adamUpdateMany(entries, attrs),
      ...sparse.map(({ name, variable, state }) => {
        const g = rowGrads[name] as RowGradient;
        // In place: the variable and moments are replaced just below.
        return sparseAdamRows(variable, state.m, state.v, g.ids, g.rows, attrs, true);
      }),
    ];
    [...entries, ...sparse].forEach(({ variable, state }, i) => {
      const [w, m, v] = updated[i] as [tf.Tensor, tf.Tensor, tf.Tensor];
      variable.assign(w);
      w.dispose();
      state.m.dispose();
      state.v.dispose();
      state.m = tf.keep(m);
      state.v = tf.keep(v);
    });
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
