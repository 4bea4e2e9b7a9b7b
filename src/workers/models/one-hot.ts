// One-hot float encodings of integer tokens, as the models feed them to their layers.
import * as tf from '@tensorflow/tfjs';

/**
 * indices [n] → [n, depth] float32. tfjs-wasm 4.22's OneHot kernel ignores a float32 dtype and
 * writes integer bits into a float tensor (1 reads as 1.4e-45), so it is asked for int32 and cast.
 */
export function oneHotFloat(indices: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(indices, depth), 'float32') as tf.Tensor2D;
}
