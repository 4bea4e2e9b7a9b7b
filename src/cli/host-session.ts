// How a CLI command that writes (doctor's benchmark job, `projects create`) reaches a host: the
// one already running for the data folder, over its WebSocket API with the port and token from the
// data folder's lock file, or else a host of its own (which takes the lock for the command's
// length). Never a second host beside a running one: that is what failed the running host's jobs
// and raced it on SQLite. A running host it cannot talk to (the Electron window, which serves no
// WebSocket, or one that does not answer) is a clear refusal.
import { StudioError, type StudioEventName, type StudioEvents } from '../shared/api';
import { createHost, type Host } from '../main/host';
import { describeHolder, InstanceLockedError, lockFileName, readInstanceLock, type LockHolder } from '../main/instance-lock';
import { WsStudioClient } from '../main/server/ws-client';
import { join } from 'node:path';

export interface StudioSession {
  /** 'running': the host already serving this data folder; 'own': one started for this command. */
  readonly kind: 'running' | 'own';
  readonly dataDir: string;
  call(service: string, method: string, args: unknown): Promise<unknown>;
  on<K extends StudioEventName>(name: K, cb: (payload: StudioEvents[K]) => void): () => void;
  close(): void;
}

/** A refusal the CLI prints as one line and exits 1 with. */
export class CliRefusal extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A serve host records its port right after it starts listening; give it that moment. */
async function settledHolder(dataDir: string): Promise<LockHolder | undefined> {
  let holder = readInstanceLock(dataDir);
  for (let i = 0; i < 50 && holder?.shell === 'serve' && holder.port === undefined; i++) {
    await sleep(100);
    holder = readInstanceLock(dataDir);
  }
  return holder;
}

async function toRunning(dataDir: string, holder: LockHolder, doing: string): Promise<StudioSession> {
  const lockFile = join(dataDir, lockFileName);
  if (holder.port === undefined || holder.token === undefined) {
    const where = holder.shell === 'electron' ? 'in its desktop window' : holder.shell === 'cli' ? 'in another montage command' : 'in serve mode';
    throw new CliRefusal(
      `Montage is running for this data folder ${where} (pid ${holder.pid}) and cannot take commands from here; ${doing} there, or close it and try again.`,
    );
  }
  let client: WsStudioClient;
  try {
    client = await WsStudioClient.connect(holder.port, holder.token);
  } catch (err) {
    throw new CliRefusal(
      `Montage is running for this data folder (pid ${holder.pid}) but did not answer at 127.0.0.1:${holder.port} (${err instanceof Error ? err.message : String(err)}). ` +
        `Try again, or stop it; if it is not running, delete ${lockFile}.`,
    );
  }
  return {
    kind: 'running',
    dataDir,
    call: (service, method, args) => client.raw(service, method, args),
    on: (name, cb) => client.on(name, cb),
    close: () => client.close(),
  };
}

function toOwn(host: Host): StudioSession {
  return {
    kind: 'own',
    dataDir: host.paths.root,
    call: (service, method, args) => host.dispatch(service, method, args),
    on: (name, cb) => host.bus.on(name, cb),
    close: () => host.close(),
  };
}

/** `doing` completes the refusal sentence, e.g. "run the benchmark". */
export async function openStudioSession(dataDir: string, doing: string): Promise<StudioSession> {
  for (let attempt = 0; ; attempt++) {
    const holder = await settledHolder(dataDir);
    if (holder) return toRunning(dataDir, holder, doing);
    try {
      const host = createHost({ dataDir, shell: 'cli', probe: false });
      // The models that ship with Montage are registered in the background at start-up; a CLI
      // verb may ask for one at once (generate on a fresh data folder), so it waits for the scan.
      await host.shippedModels;
      return toOwn(host);
    } catch (err) {
      // A host started between our look and our own start: talk to it instead.
      if (!(err instanceof InstanceLockedError) || attempt >= 2) throw err instanceof InstanceLockedError ? new CliRefusal(describeHolder(err.holder, err.lockFile)) : err;
    }
  }
}

export const isBadUsage = (err: unknown): boolean => err instanceof StudioError && err.code === 'invalid-argument';

/**
 * The exit for an error from a studio session: a refusal fails (1), a request the API refused as
 * malformed is bad usage (2), anything else failed (1).
 */
export function sessionFailure(err: unknown): number {
  if (err instanceof CliRefusal) return fail(1, err.message);
  const e = StudioError.from(err);
  return fail(e.code === 'invalid-argument' ? 2 : 1, e.message);
}

/** Prints `montage: <message>` on stderr as one line and returns the exit code, for `return fail(1, …)`. */
export function fail(code: number, message: string): number {
  console.error(`montage: ${message.replace(/\s*\n\s*/g, ' ')}`);
  return code;
}
