// Data-parallel experiment, worker side: one worker_thread with its own single-threaded
// tfjs-wasm that builds the melody VAE, and for each step takes the current weights and its
// share of the batch and returns its loss and gradients (transferred, not copied).
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../../../src/workers/backend/select-backend';
import { engineMelodyVae } from '../vae-shape';

interface StepMessage {
  weights: Float32Array[];
  tokens: Int32Array;
}

const port = parentPort;
if (!port) throw new Error('replica-worker runs as a worker_thread');

await selectBackend({ force: 'wasm' });
tf.enableProdMode();
const replica = engineMelodyVae(1);
const variables = Object.values(replica.variables);
port.postMessage({ type: 'ready', shapes: variables.map((v) => v.shape) });

port.on('message', (msg: StepMessage) => {
  // The model takes its batch size from the token array: half a batch here.
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(msg.weights[i] as Float32Array, v.shape))));
  const { value, grads } = tf.variableGrads(() => replica.loss(msg.tokens), variables);
  const arrays = variables.map((v) => grads[v.name]?.dataSync() as Float32Array);
  const loss = value.dataSync()[0] as number;
  tf.dispose([value, ...Object.values(grads)]);
  port.postMessage({ type: 'grads', loss, grads: arrays }, arrays.map((a) => a.buffer as ArrayBuffer));
});
