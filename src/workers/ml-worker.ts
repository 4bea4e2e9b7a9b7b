// Entry of the ML worker process (dist/workers/ml-worker.js), forked by the host once per job.
// Owns only the process glue: it picks the ML backend, speaks the job protocol over the IPC
// channel and turns outcomes into messages and exit codes. The work itself lives in tasks/: each
// job kind is an entry of tasks/registry.ts (config check + run), which tests and bench scripts
// call in-process. The channel is structured clone (the host forks with serialization
// 'advanced'), so results may carry typed arrays.
//
// Lifecycle: select a backend → 'ready' → one 'start' → progress… → 'result' (then the channel is
// closed and the process exits 0), 'cancelled' (exit 0) or 'error' (exit 1). If the host goes
// away the process exits at once. When the backend forced by MONTAGE_ML_BACKEND cannot run there
// is no 'ready': the reason goes to stderr and the first 'start' is answered with an 'error' —
// except for a job that forces a backend itself (the host sets MONTAGE_ML_BACKEND to it): that
// job selects again and its error says "requested by the job", so a stderr line blaming the
// variable, which the user never set, would only repeat the failure with the wrong cause.
import * as tf from '@tensorflow/tfjs';
import { StudioError, type SerializedStudioError } from '../shared/api/errors';
import type { BackendReport } from '../shared/api/system';
import { isHostToWorker, type WorkerResult, type WorkerTask, type WorkerToHost } from '../shared/jobs/protocol';
import { backendOverrideEnv, backendOverrideFromEnv, BackendUnavailableError, selectBackend } from './backend/select-backend';
import { findTask } from './tasks/registry';
import { TaskCancelledError, TaskFailedError, type TaskContext } from './tasks/task-context';

/** Resolves once the message is handed to the channel, so exiting afterwards does not drop it. */
function send(message: WorkerToHost): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function exitAfter(message: WorkerToHost, code: number): Promise<never> {
  await send(message);
  process.exit(code);
}

function toSerializedError(err: unknown): SerializedStudioError {
  if (err instanceof BackendUnavailableError) return new StudioError('unavailable', err.message).toJSON();
  if (err instanceof StudioError) return err.toJSON();
  // The engine's failures (a diverged loss …) are TaskFailedErrors too: their message is for users.
  if (err instanceof TaskFailedError) return new StudioError('internal', err.message).toJSON();
  const detail = err instanceof Error ? err.message : String(err);
  return new StudioError('internal', `The ML worker failed unexpectedly: ${detail}`).toJSON();
}

function describeBackend(report: BackendReport, forced: boolean): string {
  return `Backend: ${report.name} (${report.detail}${forced ? ', forced by the job' : ''}), tfjs ${report.tfjsVersion}`;
}

if (!process.send) {
  console.error('montage ml-worker: start this file with child_process.fork (it talks over the IPC channel).');
  process.exit(2);
}

// PROD mode silences tfjs's console advice ("install tfjs-node…") in the host's log and skips
// debug-only checks.
tf.enableProdMode();

const startup: Promise<BackendReport | Error> = (async () => {
  try {
    const backend = await selectBackend({ force: backendOverrideFromEnv(), forcedBy: backendOverrideEnv });
    await send({ type: 'ready', backend });
    return backend;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
})();

let current: { id: string; abort: AbortController } | null = null;

async function execute(id: string, job: WorkerTask, signal: AbortSignal): Promise<WorkerResult> {
  const started = await startup;
  const failedToStart = (error: Error): never => {
    console.error(`montage ml-worker: ${error.message}`);
    throw error;
  };
  if (job.task === 'probe') {
    if (started instanceof Error) failedToStart(started);
    return { task: 'probe', backend: started as BackendReport };
  }
  // The host sent a kind of the shared list, unless it is another version or broken: check.
  const task = findTask(job.task);
  if (!task) throw new StudioError('invalid-argument', `This worker does not run "${String(job.task)}" jobs.`);
  const config = task.parse(job.config);
  const forced = task.forcedBackend?.(config);
  let backend: BackendReport;
  if (forced && (started instanceof Error || started.name !== forced)) backend = await selectBackend({ force: forced, forcedBy: 'the job' });
  else if (started instanceof Error) backend = failedToStart(started);
  else backend = started;

  const context: TaskContext = {
    signal,
    progress: (p) => void send({ type: 'progress', id, ...p }),
    message: (text) => void send({ type: 'message', id, text }),
  };
  context.message(describeBackend(backend, forced !== undefined));
  return task.run(config, context, { backendName: backend.name });
}

async function run(id: string, job: WorkerTask, abort: AbortController): Promise<void> {
  try {
    const result = await execute(id, job, abort.signal);
    await send({ type: 'result', id, result });
    // Closing the channel lets the host see every message, then 'disconnect' below exits.
    process.disconnect();
  } catch (err) {
    if (err instanceof TaskCancelledError) await exitAfter({ type: 'cancelled', id }, 0);
    else await exitAfter({ type: 'error', id, error: toSerializedError(err) }, 1);
  }
}

process.on('message', (message: unknown) => {
  if (!isHostToWorker(message)) return;
  if (message.type === 'cancel') {
    if (current?.id === message.id) current.abort.abort();
    return;
  }
  if (current) {
    const error = new StudioError('conflict', `This worker is already running job ${current.id}; start one worker per job.`);
    void send({ type: 'error', id: message.id, error: error.toJSON() });
    return;
  }
  current = { id: message.id, abort: new AbortController() };
  void run(message.id, message.job, current.abort);
});

// The host died or closed the channel: nobody is left to report to.
process.on('disconnect', () => process.exit(0));

const crash = (err: unknown): void => {
  const id = current?.id ?? '';
  void exitAfter({ type: 'error', id, error: toSerializedError(err) }, 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
