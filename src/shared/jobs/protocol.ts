// The worker protocol: messages between the host and a worker process over the child-process IPC
// channel. A discriminated union keyed by `type`; every job message carries the job `id`.
// Tensors never cross it: only plain JSON.
import type { BenchmarkConfig, BenchmarkMeasurement } from '../api/benchmarks';
import type { SerializedStudioError } from '../api/errors';
import type { MetricPoint } from '../api/jobs';
import type { BackendReport } from '../api/system';

/** What a worker is asked to do. Later capabilities add members here (train, sample, render…). */
export type WorkerTask =
  | { task: 'probe' }
  | { task: 'benchmark'; config: BenchmarkConfig };

export type HostToWorker =
  | { type: 'start'; id: string; job: WorkerTask }
  | { type: 'cancel'; id: string };

export type WorkerToHost =
  /** Sent once when the worker has chosen its ML backend. */
  | { type: 'ready'; backend: BackendReport }
  | { type: 'progress'; id: string; fraction: number; text: string; point?: MetricPoint }
  | { type: 'message'; id: string; text: string }
  | { type: 'result'; id: string; result: WorkerResult }
  | { type: 'error'; id: string; error: SerializedStudioError }
  | { type: 'cancelled'; id: string };

export type WorkerResult =
  | { task: 'probe'; backend: BackendReport }
  | ({ task: 'benchmark' } & BenchmarkMeasurement);

const hostToWorkerTypes = new Set(['start', 'cancel']);
const workerToHostTypes = new Set(['ready', 'progress', 'message', 'result', 'error', 'cancelled']);

/** Cheap structural checks for messages arriving over IPC (the other side may be broken). */
export function isHostToWorker(m: unknown): m is HostToWorker {
  return typeof m === 'object' && m !== null && hostToWorkerTypes.has((m as { type?: unknown }).type as string);
}
export function isWorkerToHost(m: unknown): m is WorkerToHost {
  return typeof m === 'object' && m !== null && workerToHostTypes.has((m as { type?: unknown }).type as string);
}
