// The data-folder lock: one Montage host (Electron, `montage serve`, or a CLI command that writes)
// per data folder. Without it a second host's start-up clean-up failed the first one's running job
// and two writers raced on the same SQLite file.
//
// The lock is a file, <data>/montage.lock, mode 0600: it holds the holder's pid, shell, start time
// and, once serving, its port, URL and per-launch token, so a second start can hand over ("already
// running at http://…") and CLI commands can talk to the running host over its WebSocket API. The
// token is why the file is private to the user.
//
// Creation is atomic and complete: the JSON is written to a private temp file and hard-linked to
// montage.lock, which fails with EEXIST if any lock exists (O_EXCL semantics, and a reader never
// sees a half-written file). Filesystems without hard links (FAT) fall back to open(…, 'wx').
//
// Liveness: process.kill(pid, 0). Pids are reused, so on Linux the lock also records the process's
// start time from /proc/<pid>/stat and a live pid with another start time is stale. Elsewhere a
// reused pid keeps a stale lock "live": the message names the lock file so the user can delete it
// (accepted risk: it needs a crash, then the same pid handed to another long-running process).
// A lock written on another machine (a data folder on a shared drive) cannot be checked and counts
// as live.
//
// Taking over a stale lock: deleting it and creating ours is two steps, and two starters that both
// judged it stale could each delete the other's fresh lock. So only the starter that creates the
// takeover guard montage.lock.takeover-<hash of the stale content> (with 'wx') may delete that
// stale lock, and only if it still holds exactly the content judged stale. Everyone else retries
// from the top and finds the winner's live lock. A guard left by a starter that died inside that
// window (a few syscalls) is removed once its owner is dead.
import { createHash, randomUUID } from 'node:crypto';
import { linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, closeSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SystemInfo } from '../shared/api';

export const lockFileName = 'montage.lock';

export interface LockHolder {
  pid: number;
  shell: SystemInfo['shell'];
  /** When the lock was taken (epoch ms). */
  startedAt: number;
  /** The holder's /proc start time (Linux), to tell a reused pid from the holder. */
  procStart?: string;
  hostname: string;
  /** Unique per acquisition: release deletes the file only if it is still ours. */
  nonce: string;
  /** Set once the host serves (montage serve). */
  port?: number;
  /** The link with the token, as `montage serve` prints it. */
  url?: string;
  token?: string;
}

/** A live Montage host holds the data folder. */
export class InstanceLockedError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly lockFile: string,
  ) {
    super(describeHolder(holder, lockFile));
    this.name = 'InstanceLockedError';
  }
}

export function describeHolder(holder: LockHolder, lockFile: string): string {
  const what =
    holder.shell === 'electron' ? 'in its desktop window' : holder.shell === 'serve' ? (holder.url ? `at ${holder.url}` : 'in serve mode (starting)') : 'in a montage command';
  return `Montage is already running for this data folder ${what} (pid ${holder.pid}, lock ${lockFile}). If that is wrong, delete the lock file.`;
}

export interface InstanceLock {
  readonly file: string;
  holder(): LockHolder;
  /** Records where the host serves; the file is replaced atomically (rename). */
  update(patch: Pick<LockHolder, 'port' | 'url' | 'token'>): void;
  release(): void;
}

/** The start time of a process from /proc (Linux), or undefined where there is none. */
function procStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after the ")" of the command name start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(raw: string): LockHolder | undefined {
  try {
    const h = JSON.parse(raw) as LockHolder;
    return Number.isInteger(h.pid) && h.pid > 0 && typeof h.nonce === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote this lock (or guard) still runs. */
export function holderAlive(h: LockHolder): boolean {
  if (h.hostname !== hostname()) return true;
  if (!pidAlive(h.pid)) return false;
  if (h.procStart === undefined) return true;
  const now = procStartOf(h.pid);
  return now === undefined || now === h.procStart;
}

function readRaw(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The live holder of the data folder's lock, or undefined when none (or a stale one) is there. */
export function readInstanceLock(dataDir: string): LockHolder | undefined {
  const raw = readRaw(join(dataDir, lockFileName));
  const h = raw === undefined ? undefined : parse(raw);
  return h && holderAlive(h) ? h : undefined;
}

/** Creates `file` with `content` only if it does not exist. False on EEXIST. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  } finally {
    unlinkSync(tmp);
  }
  // No hard links here: O_EXCL create, then write (a reader may briefly see it empty: see below).
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

const unlinkQuietly = (file: string): void => {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
};

export interface AcquireOptions {
  shell: SystemInfo['shell'];
  /** Seam for tests: called between reading a stale lock and the takeover. */
  beforeTakeover?: () => void;
}

/** Takes the data folder's lock or throws InstanceLockedError naming the live holder. */
export function acquireInstanceLock(dataDir: string, options: AcquireOptions): InstanceLock {
  const file = join(dataDir, lockFileName);
  const procStart = procStartOf(process.pid);
  let holder: LockHolder = {
    pid: process.pid,
    shell: options.shell,
    startedAt: Date.now(),
    ...(procStart !== undefined ? { procStart } : {}),
    hostname: hostname(),
    nonce: randomUUID(),
  };
  const content = (): string => `${JSON.stringify(holder, null, 2)}\n`;

  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, content())) break;
    const raw = readRaw(file);
    if (raw === undefined) continue; // released meanwhile: try again
    const other = parse(raw);
    // An empty file can only be a fallback ('wx') create still writing: give it a moment.
    if (other === undefined && raw === '' && attempt < 50) {
      pause(10);
      continue;
    }
    if (other && holderAlive(other)) throw new InstanceLockedError(other, file);
    if (attempt > 400) throw new Error(`Montage could not take over the stale lock ${file}; delete it and start again.`);
    options.beforeTakeover?.();
    if (!takeOverStale(file, raw, holder)) pause(5); // another starter is taking over: let it finish
  }

  let released = false;
  const onExit = (): void => release();
  function release(): void {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    const current = parse(readRaw(file) ?? '');
    if (current?.nonce === holder.nonce) unlinkQuietly(file);
  }
  // SIGKILL and crashes skip this; the next start finds the pid dead and takes over.
  process.on('exit', onExit);
  return {
    file,
    holder: () => holder,
    update(patch) {
      if (released) return;
      holder = { ...holder, ...patch };
      const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
      writeFileSync(tmp, content(), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, file);
    },
    release,
  };
}

/** A short synchronous pause: acquiring happens once, at start-up, before anything else runs. */
const pause = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Deletes the stale lock whose content is `staleRaw` if this process wins its takeover guard.
 * False when another starter holds the guard.
 */
function takeOverStale(file: string, staleRaw: string, me: LockHolder): boolean {
  const guard = `${file}.takeover-${createHash('sha256').update(staleRaw).digest('hex').slice(0, 16)}`;
  if (!createExclusive(guard, JSON.stringify(me))) {
    const owner = parse(readRaw(guard) ?? '');
    if (owner && !holderAlive(owner)) unlinkQuietly(guard);
    return false; // someone else is taking over: the caller re-reads the lock
  }
  try {
    // Still the very lock judged stale? Then no one else can have replaced it: only the guard's
    // owner deletes it, and a new lock cannot be created while it exists.
    if (readRaw(file) === staleRaw) unlinkQuietly(file);
  } finally {
    unlinkQuietly(guard);
  }
  return true;
}
