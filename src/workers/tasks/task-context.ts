// What a worker task gets from whoever runs it (the worker process, a test, a bench script). It
// builds on the training engine's run context (engine/training/run-context.ts): a task hands its
// context straight to the engine's runTraining, and the engine never imports this layer. Keeps
// tasks free of IPC so they can run in-process.
import {
  quietRunContext,
  TrainingCancelledError,
  TrainingFailedError,
  yieldForCancel,
  type RunContext,
  type RunProgress,
} from '../engine/training/run-context';

export type TaskProgress = RunProgress;

/** A cancel signal, progress updates and lines a user cares about ("Model: LSTM 128 units, 70k parameters"). */
export type TaskContext = RunContext;

/**
 * The engine's errors under the task layer's names, the same classes: a task cancelled inside
 * runTraining and one cancelled in its own loop both throw TaskCancelledError, and a
 * TaskFailedError (the engine's TrainingDivergedError included) carries a message written for
 * users, which the worker passes on as is.
 */
export { TrainingCancelledError as TaskCancelledError, TrainingFailedError as TaskFailedError, yieldForCancel };

/** A context that ignores progress and messages, for callers that only want the result. */
export const quietTaskContext: (signal?: AbortSignal) => TaskContext = quietRunContext;
