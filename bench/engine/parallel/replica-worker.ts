// Data-parallel experiment, worker side: one worker_thread with its own single-threaded
// tfjs-wasm that builds the melody VAE, and for each step takes the current weights and its
// share of the batch and returns its loss and gradients (transferred, not copied).
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../../../src/workers/backend/select-backend';
import { EngineMelodyVae } from '../engine-melody-vae';
import { vaeShape } from '../vae-shape';

interface StepMessage {
  weights: Float32Array[];
  tokens: Int32Array;
}

const port = parentPort;
if (!port) throw new Error('replica-worker runs as a worker_thread');

await selectBackend({ force: 'wasm' });
tf.enableProdMode();
const replica = new EngineMelodyVae(1);
port.postMessage({ type: 'ready', shapes: replica.variableList().map((v) => v.shape) });

port.on('message', (msg: StepMessage) => {
  (vaeShape as { batch: number }).batch = msg.tokens.length / vaeShape.steps;
  const variables = replica.variableList();
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(msg.weights[i] as Float32Array, v.shape))));
  const { value, grads } = tf.variableGrads(() => replica.lossOf(msg.tokens), variables);
  const arrays = variables.map((v) => grads[v.name]?.dataSync() as Float32Array);
  const loss = value.dataSync()[0] as number;
  tf.dispose([value, ...Object.values(grads)]);
  port.postMessage({ type: 'grads', loss, grads: arrays }, arrays.map((a) => a.buffer as ArrayBuffer));
});
