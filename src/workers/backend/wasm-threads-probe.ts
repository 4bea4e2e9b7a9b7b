// Test support, run as a child process by wasm-threads.test.ts: selects the wasm backend (with
// MONTAGE_WASM_THREADS from the environment) and prints its report and a matmul result as JSON.
// It deliberately does not call process.exit: the test checks that the thread pool lets the
// process end by itself.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './select-backend';

const report = await selectBackend({ force: 'wasm' });
const a = tf.randomUniform([64, 300], -1, 1, 'float32', 1);
const b = tf.randomUniform([300, 500], -1, 1, 'float32', 2);
const product = Array.from(tf.matMul(a, b).dataSync().slice(0, 2000));
process.stdout.write(JSON.stringify({ detail: report.detail, product }));
