// What a worker task gets from whoever runs it (the worker process, a test, a bench script): a
// cancel signal and callbacks for progress and user-facing messages. Keeps tasks free of IPC so
// they can run in-process.
import type { MetricPoint } from '../../shared/api/jobs';

export interface TaskProgress {
  /** 0…1 */
  fraction: number;
  text: string;
  point?: MetricPoint;
}

export interface TaskContext {
  /** Aborted when the job is cancelled; tasks check it between steps. */
  signal: AbortSignal;
  progress(update: TaskProgress): void;
  /** A line a user cares about, e.g. "Model: LSTM 128 units, 70k parameters". */
  message(text: string): void;
}

/** Thrown by a task that stopped because its signal was aborted. */
export class TaskCancelledError extends Error {
  constructor() {
    super('The job was cancelled.');
    this.name = 'TaskCancelledError';
  }
}

/** A failure whose message is written for users (the worker passes it on as is). */
export class TaskFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskFailedError';
  }
}

/**
 * Lets pending I/O callbacks run — in the worker that is the IPC channel, so a 'cancel' sent
 * during a long loop is seen — then throws if the task was cancelled. setImmediate rather than a
 * resolved promise because microtasks run before I/O and would never let the message in.
 */
export async function checkpoint(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new TaskCancelledError();
}

/** A context that ignores progress and messages, for callers that only want the result. */
export function quietTaskContext(signal: AbortSignal = new AbortController().signal): TaskContext {
  return { signal, progress: () => {}, message: () => {} };
}
