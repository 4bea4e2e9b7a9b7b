// Starts one model session process and turns its IPC traffic and its death into typed callbacks.
// The channel uses structured clone (`serialization: 'advanced'`), so typed arrays arrive as typed
// arrays; every message is validated (parseSessionToHost) before it reaches the manager.
import { fork, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parseSessionToHost, type HostToSession, type SessionToHost } from '../../shared/sessions/protocol';

export interface SessionProcessCallbacks {
  onMessage(message: SessionToHost): void;
  /** The process sent something that is not a session message (a broken or foreign program). */
  onMalformed(why: string): void;
  /** The process is gone. `stderrTail` holds its last output, for the error message. */
  onExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}

export interface SessionProcess {
  readonly pid: number | undefined;
  send(message: HostToSession): void;
  kill(signal?: NodeJS.Signals): void;
}

/** How the manager starts a session process; tests substitute a fake. */
export type StartSessionProcess = (entry: string, callbacks: SessionProcessCallbacks, env: NodeJS.ProcessEnv) => SessionProcess;

const stderrKeep = 4096;

/**
 * Forks the session program. `entry` is the built file inside the installed package
 * (dist/workers/model-session.js); it is never written at run time, so nothing is started from a
 * temp folder another user could write into.
 */
export const startSessionProcess: StartSessionProcess = (entry, callbacks, env) => {
  if (!isAbsolute(entry)) throw new Error(`The model session program path must be absolute (got ${entry}).`);
  let isFile = false;
  try {
    isFile = statSync(entry).isFile();
  } catch {
    // Reported below.
  }
  if (!isFile) throw new Error(`The model session program ${entry} is missing. Run \`npm run build\` (or reinstall Montage).`);
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
    const parsed = parseSessionToHost(m);
    if (parsed.ok) callbacks.onMessage(parsed.value);
    else callbacks.onMalformed(parsed.why);
  });
  child.on('exit', exit);
  child.on('error', (err) => {
    stderrTail += `\n${err.message}`;
    // A failed spawn emits 'error' and no 'exit'.
    if (child.pid === undefined) exit(null, null);
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      // A process that is going away may have closed its channel: its exit reports the rest.
      if (child.connected) child.send(message, (err) => void err);
    },
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!exited) child.kill(signal);
    },
  };
};

/** "killed by SIGKILL" / "exit code 1; last output: …", for messages about a session that died. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
  const lastLine = stderrTail.split('\n').filter(Boolean).at(-1)?.trim();
  return lastLine ? `${how}; last output: ${lastLine.slice(0, 300)}` : how;
}
