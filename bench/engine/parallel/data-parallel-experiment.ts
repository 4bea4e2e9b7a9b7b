// Data-parallel experiment for issue 3 (CPU parallelism): the melody VAE training step split over
// two worker_threads, each with its own single-threaded tfjs-wasm computing half the batch; the
// main thread averages the gradients and runs Adam, then sends the new weights. Compared in one
// process run with one engine step on the whole batch. Run: tsx bench/engine/parallel/data-parallel-experiment.ts
import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';
import { selectBackend } from '../../../src/workers/backend/select-backend';
import { Adam } from '../../../src/workers/engine/training/adam';
import { engineMelodyVae, randomTokens, vaeShape } from '../vae-shape';

const replicas = 2;
await selectBackend({ force: 'wasm' });
tf.enableProdMode();
const master = engineMelodyVae(1);
const variables = Object.values(master.variables);
const named = Object.fromEntries(variables.map((v, i) => [String(i), v]));
const adam = new Adam(named, { learningRate: vaeShape.learningRate });

const workers = Array.from({ length: replicas }, () => new Worker(new URL('./replica-bootstrap.mjs', import.meta.url), { env: { ...process.env, MONTAGE_WASM_THREADS: '1' } }));
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));

const tokens = randomTokens(1);
const shardSize = tokens.length / replicas;

async function parallelStep(): Promise<{ ms: number; exchangeMs: number }> {
  const t0 = performance.now();
  const weights = variables.map((v) => v.dataSync() as Float32Array);
  const results = await Promise.all(
    workers.map(
      (w, i) =>
        new Promise<{ loss: number; grads: Float32Array[] }>((resolve) => {
          w.once('message', resolve);
          w.postMessage({ weights, tokens: tokens.slice(i * shardSize, (i + 1) * shardSize) });
        }),
    ),
  );
  const t1 = performance.now();
  tf.tidy(() => {
    const grads: tf.NamedTensorMap = {};
    variables.forEach((v, i) => (grads[String(i)] = tf.div(tf.addN(results.map((r) => tf.tensor(r.grads[i] as Float32Array, v.shape))), replicas)));
    const norm = adam.gradientNorm(grads).dataSync()[0] as number;
    adam.apply(grads, norm);
  });
  return { ms: performance.now() - t0, exchangeMs: performance.now() - t1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (let i = 0; i < 2; i++) await parallelStep();
const parallel: number[] = [];
const exchange: number[] = [];
for (let i = 0; i < 6; i++) {
  const r = await parallelStep();
  parallel.push(r.ms);
  exchange.push(r.exchangeMs);
}
await Promise.all(workers.map((w) => w.terminate()));
for (let i = 0; i < 2; i++) await master.trainStep(tokens);
const single: number[] = [];
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  await master.trainStep(tokens);
  single.push(performance.now() - t0);
}
console.log(`melody VAE step, batch ${vaeShape.batch}: one process ${median(single).toFixed(0)} ms; ${replicas} worker_threads × batch ${vaeShape.batch / replicas}: ${median(parallel).toFixed(0)} ms (of which averaging + Adam ${median(exchange).toFixed(0)} ms)`);
process.exit(0);
