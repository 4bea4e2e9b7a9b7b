// Benchmarks service contract: "Benchmark this machine" trains a small LSTM sequence model on
// seeded synthetic melodies in a worker and keeps each run's speed and loss curve.
import { z } from 'zod';
import type { BenchmarkRunId, JobId } from '../ids';
import type { Job } from './jobs';

export const mlBackendNames = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type MlBackendName = (typeof mlBackendNames)[number];

export const benchmarkConfig = z
  .object({
    steps: z.number().int().min(2).max(5000).default(100),
    batchSize: z.number().int().min(1).max(512).default(32),
    sequenceLength: z.number().int().min(4).max(256).default(32),
    hiddenUnits: z.number().int().min(4).max(1024).default(128),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(7),
    /** Force a backend instead of the best available one. */
    backend: z.enum(mlBackendNames).optional(),
  })
  .strict();
export type BenchmarkConfig = z.output<typeof benchmarkConfig>;

/** What a benchmark worker measures; a stored BenchmarkRun adds its identity and config. */
export interface BenchmarkMeasurement {
  backend: string;
  stepsPerSec: number;
  sequencesPerSec: number;
  initialLoss: number;
  finalLoss: number;
  durationMs: number;
  /** Loss per step. */
  loss: number[];
}

export interface BenchmarkRun extends BenchmarkMeasurement {
  id: BenchmarkRunId;
  jobId: JobId;
  createdAt: number;
  config: BenchmarkConfig;
}

export const benchmarkRunId = z.string().uuid('Not a valid benchmark run id.').transform((s) => s as BenchmarkRunId);

export const benchmarksArgs = {
  start: benchmarkConfig,
  listRuns: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
  getRun: z.object({ id: benchmarkRunId }).strict(),
};

export interface BenchmarksService {
  /** Queues a benchmark job and returns it at once; progress arrives as onJobProgress events. */
  start(args: z.input<typeof benchmarksArgs.start>): Promise<Job>;
  /** Past runs, newest first. */
  listRuns(args: z.input<typeof benchmarksArgs.listRuns>): Promise<BenchmarkRun[]>;
  getRun(args: z.input<typeof benchmarksArgs.getRun>): Promise<BenchmarkRun>;
}
