// One benchmark configuration (a tfjs backend, a thread count) in the current process: every
// workload with stock tfjs layers and with the engine's blocks. engine-bench.ts runs this in a
// fresh child process per configuration, so backends and thread pools never share a process.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/workers/backend/select-backend';
import { engineLstmLayer, stockLstmLayer, type Workload } from './lstm-layer-workload';
import { EngineNeuMf, ncfBatches, ncfData, StockNeuMf, type NcfWorkload } from './neumf-workload';
import { StockMelodyVae } from './stock-melody-vae';
import { skipped, timeIt, type Timing } from './timing';
import { engineMelodyVae, randomTokens, vaeShape, type MelodyVaeWorkload } from './vae-shape';

export type WorkloadName = 'lstmLayer' | 'vaeStep' | 'sample' | 'neumfEpoch';
export type Flavour = 'stock' | 'engine';

export interface ConfigResult {
  backend: string;
  detail: string;
  results: Record<WorkloadName, Record<Flavour, Timing>>;
  neumfStepsPerEpoch: number;
}

interface Plan {
  quick: boolean;
  /** The pure-JS backend runs each workload once, and skips the stock recurrent ones (minutes per step). */
  slow: boolean;
}

async function timeWorkload(make: () => Workload, warmup: number, iterations: number, budgetMs: number): Promise<Timing> {
  let workload: Workload | null = null;
  try {
    workload = make();
    const w = workload;
    return await timeIt(() => w.run(), { warmup, iterations, budgetMs });
  } catch (err) {
    return { ms: null, iterations: 0, note: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  } finally {
    workload?.dispose();
  }
}

async function timeVae(make: () => MelodyVaeWorkload, plan: Plan, stock: boolean): Promise<{ step: Timing; sample: Timing }> {
  const model = make();
  const tokens = randomTokens(1);
  try {
    const steps = plan.slow || stock ? 1 : plan.quick ? 2 : 5;
    const step = await timeIt(() => model.trainStep(tokens), { warmup: plan.slow ? 0 : 1, iterations: steps, budgetMs: plan.quick ? 10_000 : 30_000 });
    const sample = await timeIt(() => model.sample(8, vaeShape.steps), { warmup: 2, iterations: plan.slow ? 3 : plan.quick ? 5 : 20, budgetMs: 15_000 });
    return { step, sample };
  } finally {
    model.dispose();
  }
}

async function timeNeuMf(make: () => NcfWorkload, plan: Plan, stock: boolean): Promise<{ epoch: Timing; stepsPerEpoch: number }> {
  const batches = ncfBatches(ncfData(1), 1);
  let model: NcfWorkload | null = null;
  try {
    model = make();
    const m = model;
    // Stock NeuMF on the pure-JS backend takes ~7 s a step (its UnsortedSegmentSum), so 3 steps.
    const warmup = plan.slow ? 1 : 10;
    const measured = plan.slow ? (stock ? 3 : 20) : plan.quick ? 100 : 400;
    let step = 0;
    const run = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const batch = batches.batchAt(step++);
        try {
          await m.trainStep(batch);
        } finally {
          tf.dispose(batch as unknown as tf.TensorContainer);
        }
      }
    };
    await run(warmup);
    const t0 = performance.now();
    await run(measured);
    const stepMs = (performance.now() - t0) / measured;
    return { epoch: { ms: stepMs * batches.stepsPerEpoch, iterations: measured, note: `${measured} steps × ${batches.stepsPerEpoch}` }, stepsPerEpoch: batches.stepsPerEpoch };
  } catch (err) {
    return { epoch: { ms: null, iterations: 0, note: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` }, stepsPerEpoch: batches.stepsPerEpoch };
  } finally {
    model?.dispose();
  }
}

export async function runConfig(backend: 'wasm' | 'cpu', quick: boolean): Promise<ConfigResult> {
  const report = await selectBackend({ force: backend });
  tf.enableProdMode();
  const plan: Plan = { quick, slow: backend === 'cpu' };
  const tooSlow = skipped('the pure-JS backend takes minutes per step with stock layers');

  const lstmStock = plan.slow ? tooSlow : await timeWorkload(stockLstmLayer, 1, quick ? 2 : 3, 15_000);
  const lstmEngine = await timeWorkload(engineLstmLayer, plan.slow ? 0 : 2, plan.slow ? 1 : quick ? 3 : 10, 15_000);
  const stockVae = plan.slow ? { step: tooSlow, sample: tooSlow } : await timeVae(() => new StockMelodyVae(), plan, true);
  const engineVae = await timeVae(() => engineMelodyVae(1), plan, false);
  const stockNcf = await timeNeuMf(() => new StockNeuMf(), plan, true);
  const engineNcf = await timeNeuMf(() => new EngineNeuMf(), plan, false);
  return {
    backend: report.name,
    detail: report.detail,
    neumfStepsPerEpoch: engineNcf.stepsPerEpoch,
    results: {
      lstmLayer: { stock: lstmStock, engine: lstmEngine },
      vaeStep: { stock: stockVae.step, engine: engineVae.step },
      sample: { stock: stockVae.sample, engine: engineVae.sample },
      neumfEpoch: { stock: stockNcf.epoch, engine: engineNcf.epoch },
    },
  };
}
