// The worker protocol: messages between the host and a worker process over the child-process IPC
// channel. A discriminated union keyed by `type`; every job message carries the job `id`. Tasks
// and results are discriminated by `task` and derived from the one list of kinds in
// task-kinds.ts. The channel uses structured clone (fork with serialization 'advanced'), so a
// message may carry typed arrays (BinaryArray) as binary; tensors never cross it.
import type { SerializedStudioError } from '../api/errors';
import type { MetricPoint } from '../api/jobs';
import type { BackendReport } from '../api/system';
import { isWorkerTaskKind, type WorkerTaskConfig, type WorkerTaskKind, type WorkerTaskResult } from './task-kinds';

export { isWorkerTaskKind, workerTaskConfigs, workerTaskKinds } from './task-kinds';
export type { BinaryArray, WorkerTaskConfig, WorkerTaskKind, WorkerTaskResult, WorkerTaskResults } from './task-kinds';

/** What a worker is asked to do: 'probe' (report the backend) or one of the registered kinds. */
export type WorkerTask = { task: 'probe' } | { [K in WorkerTaskKind]: { task: K; config: WorkerTaskConfig<K> } }[WorkerTaskKind];

export type WorkerResult =
  | { task: 'probe'; backend: BackendReport }
  | { [K in WorkerTaskKind]: { task: K } & WorkerTaskResult<K> }[WorkerTaskKind];

/** The result a task of this kind answers with. */
export type WorkerResultOf<K extends WorkerTask['task']> = Extract<WorkerResult, { task: K }>;

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

const hostToWorkerTypes = new Set(['start', 'cancel']);
const workerToHostTypes = new Set(['ready', 'progress', 'message', 'result', 'error', 'cancelled']);

/** Whether a task name is one a worker runs ('probe' or a registered kind). */
export const isWorkerTaskName = (s: unknown): s is WorkerTask['task'] => s === 'probe' || isWorkerTaskKind(s);

/** Cheap structural checks for messages arriving over IPC (the other side may be broken). */
export function isHostToWorker(m: unknown): m is HostToWorker {
  return typeof m === 'object' && m !== null && hostToWorkerTypes.has((m as { type?: unknown }).type as string);
}
export function isWorkerToHost(m: unknown): m is WorkerToHost {
  return typeof m === 'object' && m !== null && workerToHostTypes.has((m as { type?: unknown }).type as string);
}
