// Jobs service contract: long-running work (training, benchmarks, renders) done in worker
// processes. Every job reports progress, can be cancelled and keeps its final state in SQLite.
import { z } from 'zod';
import type { JobId } from '../ids';
import type { SerializedStudioError } from './errors';

export const jobKinds = ['benchmark', 'train-music', 'evaluate-recommenders', 'transcribe', 'train-image-categories'] as const;
export type JobKind = (typeof jobKinds)[number];

/**
 * `interrupted`: the job was running (or queued) when Montage closed or crashed; it did not finish
 * and did not fail on its own. Running it again is the way on.
 */
export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const isFinished = (s: JobStatus): boolean => s !== 'queued' && s !== 'running';

export interface JobMessage {
  at: number;
  text: string;
}

/** One point of a job's metric series, e.g. a training step. */
export interface MetricPoint {
  step: number;
  elapsedMs: number;
  loss?: number;
  stepsPerSec?: number;
  sequencesPerSec?: number;
  /** Training jobs of music models: KL (nats), next-token accuracy 0…1 on the batch. */
  kl?: number;
  accuracy?: number;
  /** On the steps that evaluated the held-out examples. */
  heldOutLoss?: number;
  heldOutAccuracy?: number;
}

export interface Job {
  id: JobId;
  kind: JobKind;
  title: string;
  status: JobStatus;
  /** 0…1 */
  progress: number;
  /** The latest progress line, e.g. "step 12/60 · loss 2.31". */
  progressText: string;
  messages: JobMessage[];
  /** ML backend the worker used, once known. */
  backend: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: SerializedStudioError | null;
  /** Kind-specific summary of the result, e.g. { runId } for a benchmark. */
  result: Record<string, unknown> | null;
}

export const jobId = z.string().uuid('Not a valid job id.').transform((s) => s as JobId);

export const jobsArgs = {
  list: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
  get: z.object({ id: jobId }).strict(),
  series: z.object({ id: jobId }).strict(),
  cancel: z.object({ id: jobId }).strict(),
  clearFinished: z.object({}).strict(),
};

export interface JobsService {
  /** Newest first; running jobs included. */
  list(args: z.input<typeof jobsArgs.list>): Promise<Job[]>;
  get(args: z.input<typeof jobsArgs.get>): Promise<Job>;
  /** The metric series streamed so far (or stored, for finished jobs). */
  series(args: z.input<typeof jobsArgs.series>): Promise<MetricPoint[]>;
  /** Cancels a queued or running job; cancelling a finished job is a no-op that returns it. */
  cancel(args: z.input<typeof jobsArgs.cancel>): Promise<Job>;
  /** Removes every finished job (and its series) from the list; running and queued ones stay. */
  clearFinished(args: z.input<typeof jobsArgs.clearFinished>): Promise<{ removed: number }>;
}
