// Starts one model session process and turns its IPC traffic and its death into typed callbacks.
// The channel uses structured clone (`serialization: 'advanced'`), so typed arrays arrive as typed
// arrays; every message is validated (parseSessionToHost) before it reaches the manager.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { forkWorker } from '../forked-worker';
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
  return forkWorker(entry, env, {
    onMessage: (m) => {
      const parsed = parseSessionToHost(m);
      if (parsed.ok) callbacks.onMessage(parsed.value);
      else callbacks.onMalformed(parsed.why);
    },
    onExit: callbacks.onExit,
  });
};

/** "killed by SIGKILL" / "exit code 1; last output: …", for messages about a session that died. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
  const lastLine = stderrTail.split('\n').filter(Boolean).at(-1)?.trim();
  return lastLine ? `${how}; last output: ${lastLine.slice(0, 300)}` : how;
}
