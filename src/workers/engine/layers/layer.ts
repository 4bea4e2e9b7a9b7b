// What every engine block shares: its weights as named tf.Variables, created in the constructor
// (so they exist before any optimizer.minimize/variableGrads call, which gives no gradients to
// variables created inside it), and dispose(). Models collect their blocks' variables under path
// names ("encoder/forward/kernel") for the optimizer and for checkpoints.
import * as tf from '@tensorflow/tfjs';

export type NamedVariables = Record<string, tf.Variable>;

export interface Layer {
  /** The block's own weights by short name ("kernel", "bias", …). */
  readonly variables: NamedVariables;
  dispose(): void;
}

/** Flattens blocks (or already-named variable maps) into one map keyed "block/name". */
export function collectVariables(blocks: Record<string, Layer | NamedVariables>): NamedVariables {
  const out: NamedVariables = {};
  for (const [prefix, block] of Object.entries(blocks)) {
    const vars: NamedVariables = isLayer(block) ? block.variables : block;
    for (const [name, v] of Object.entries(vars)) {
      const key = `${prefix}/${name}`;
      if (key in out) throw new Error(`Two variables are both named "${key}".`);
      out[key] = v;
    }
  }
  return out;
}

/** Total number of weights in a variable map. */
export function countParameters(variables: NamedVariables): number {
  return Object.values(variables).reduce((n, v) => n + v.size, 0);
}

/** Disposes every variable in the map. */
export function disposeVariables(variables: NamedVariables): void {
  for (const v of Object.values(variables)) v.dispose();
}

function isLayer(x: Layer | NamedVariables): x is Layer {
  return typeof (x as Layer).dispose === 'function' && typeof (x as Layer).variables === 'object';
}

/**
 * A seeded Glorot-uniform variable (Keras' default kernel initialiser), so runs repeat for a
 * seed. `fanIn`/`fanOut` override the shape's when a kernel packs several gates side by side.
 */
export function glorotVariable(shape: [number, number], seed: number, fans?: { fanIn: number; fanOut: number }): tf.Variable {
  const [fanIn, fanOut] = fans ? [fans.fanIn, fans.fanOut] : shape;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() => tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed)));
}

/** A variable holding the given values (biases, gains). */
export function constantVariable(values: Float32Array | number[], shape?: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values instanceof Float32Array ? values : Float32Array.from(values), shape ?? [values.length])));
}
