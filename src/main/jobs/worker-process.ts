// Starts one worker process for one job and turns its IPC traffic and its death into typed
// callbacks. A worker that crashes, is killed or sends garbage fails only its own job. The IPC
// channel uses structured clone (serialization 'advanced'), not JSON: typed arrays in a message
// (samples, audio) arrive as typed arrays, without a detour through number lists.
import { existsSync } from 'node:fs';
import { forkWorker } from '../forked-worker';
import { isWorkerToHost, type HostToWorker, type WorkerTask, type WorkerToHost } from '../../shared/jobs/protocol';

export interface WorkerCallbacks {
  onMessage(message: WorkerToHost): void;
  /** The process is gone. `stderrTail` holds its last output, for the error message. */
  onExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}

export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: HostToWorker): void;
  kill(signal?: NodeJS.Signals): void;
}

export function startWorker(entry: string, id: string, job: WorkerTask, callbacks: WorkerCallbacks, env: NodeJS.ProcessEnv = process.env): WorkerHandle {
  if (!existsSync(entry)) {
    throw new Error(`The worker program ${entry} is missing. Run \`npm run build\` (or reinstall Montage).`);
  }
  const worker = forkWorker(entry, env, {
    onMessage: (m) => {
      if (isWorkerToHost(m)) callbacks.onMessage(m);
    },
    onExit: callbacks.onExit,
  });
  worker.send({ type: 'start', id, job } satisfies HostToWorker);
  return worker;
}

/** A sentence for a worker that died without saying why. */
export function describeWorkerDeath(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `was killed (${signal})` : `exited with code ${code ?? 'unknown'}`;
  const lastLine = stderrTail.split('\n').filter(Boolean).at(-1);
  return `The worker process ${how} before finishing the job.${lastLine ? ` Last output: ${lastLine}` : ''} Montage itself is fine; you can run the job again.`;
}
