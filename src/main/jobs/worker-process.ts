// Starts one worker process for one job and turns its IPC traffic and its death into typed
// callbacks. A worker that crashes, is killed or sends garbage fails only its own job. The IPC
// channel uses structured clone (serialization 'advanced'), not JSON: typed arrays in a message
// (samples, audio) arrive as typed arrays, without a detour through number lists.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
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

const stderrKeep = 4096;

export function startWorker(entry: string, id: string, job: WorkerTask, callbacks: WorkerCallbacks, env: NodeJS.ProcessEnv = process.env): WorkerHandle {
  if (!existsSync(entry)) {
    throw new Error(`The worker program ${entry} is missing. Run \`npm run build\` (or reinstall Montage).`);
  }
  const child: ChildProcess = fork(entry, [], {
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-stderrKeep);
    process.stderr.write(chunk);
  });
  let exited = false;
  const exit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (exited) return;
    exited = true;
    callbacks.onExit(code, signal, stderrTail.trim());
  };
  child.on('message', (m: unknown) => {
    if (isWorkerToHost(m)) callbacks.onMessage(m);
  });
  child.on('exit', exit);
  child.on('error', (err) => {
    stderrTail += `\n${err.message}`;
    if (child.exitCode === null && child.signalCode === null && child.pid === undefined) exit(null, null);
  });
  const send = (message: HostToWorker): void => {
    if (child.connected) child.send(message);
  };
  send({ type: 'start', id, job });
  return {
    get pid() {
      return child.pid;
    },
    send,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!exited) child.kill(signal);
    },
  };
}

/** A sentence for a worker that died without saying why. */
export function describeWorkerDeath(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `was killed (${signal})` : `exited with code ${code ?? 'unknown'}`;
  const lastLine = stderrTail.split('\n').filter(Boolean).at(-1);
  return `The worker process ${how} before finishing the job.${lastLine ? ` Last output: ${lastLine}` : ''} Montage itself is fine; you can run the job again.`;
}
