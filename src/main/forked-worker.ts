// One forked worker program (a job's worker, a model session): the IPC channel uses structured
// clone (`serialization: 'advanced'`), so typed arrays travel as typed arrays; its stderr passes
// through to the host's while the last 4 KiB are kept for error messages; and its end is reported
// once, whether it exits, is killed or never starts.
import { fork, type ChildProcess } from 'node:child_process';

export interface ForkedWorkerEvents {
  /** Every message, unchecked: the caller validates it against its protocol. */
  onMessage(message: unknown): void;
  /** The process is gone. `stderrTail` holds its last output, for the error message. */
  onExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}

export interface ForkedWorker {
  readonly pid: number | undefined;
  /** Sends when the channel is open; a process that is going away reports the rest by its exit. */
  send(message: unknown): void;
  kill(signal?: NodeJS.Signals): void;
}

const stderrKeep = 4096;

export function forkWorker(entry: string, env: NodeJS.ProcessEnv, events: ForkedWorkerEvents): ForkedWorker {
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
    events.onExit(code, signal, stderrTail.trim());
  };
  child.on('message', (m: unknown) => events.onMessage(m));
  child.on('exit', exit);
  child.on('error', (err) => {
    stderrTail += `\n${err.message}`;
    // A failed spawn emits 'error' and no 'exit'.
    if (child.exitCode === null && child.signalCode === null && child.pid === undefined) exit(null, null);
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (child.connected) child.send(message as never, (err) => void err);
    },
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!exited) child.kill(signal);
    },
  };
}
