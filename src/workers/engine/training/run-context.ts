// What a training run gets from whoever starts it (a worker task, a test, a bench script): a
// cancel signal and callbacks for progress and user-facing messages, plus the two errors a run
// ends with when it does not finish. The engine's own types, so it depends on nothing above it:
// the task layer (src/workers/tasks/task-context.ts) builds its TaskContext on these.
import type { MetricPoint } from '../../../shared/api/jobs';

export interface RunProgress {
  /** 0…1 */
  fraction: number;
  /** One line for people, e.g. "step 12/600 · loss 2.310 · 85 seq/s · ETA 4m 10s". */
  text: string;
  /** A point of the run's metric series (loss plots). */
  point?: MetricPoint;
}

export interface RunContext {
  /** Aborted when the run should stop; the training loop checks it between steps. */
  signal: AbortSignal;
  progress(update: RunProgress): void;
  /** A line a user cares about, e.g. "Resumed from the checkpoint at step 40 of 600." */
  message(text: string): void;
}

/** Thrown by a run that stopped because its signal was aborted. */
export class TrainingCancelledError extends Error {
  constructor() {
    super('Training was cancelled.');
    this.name = 'TrainingCancelledError';
  }
}

/** A failure whose message is written for users (callers pass it on as is). */
export class TrainingFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingFailedError';
  }
}

/**
 * Lets pending I/O callbacks run — in a worker process that is the IPC channel, so a cancel sent
 * during a long loop is seen — then throws TrainingCancelledError if the signal was aborted.
 * setImmediate rather than a resolved promise because microtasks run before I/O and would never
 * let the message in.
 */
export async function yieldForCancel(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new TrainingCancelledError();
}

/** A context that ignores progress and messages, for callers that only want the outcome. */
export function quietRunContext(signal: AbortSignal = new AbortController().signal): RunContext {
  return { signal, progress: () => {}, message: () => {} };
}
