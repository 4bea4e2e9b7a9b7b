// Turns SQLite's storage failures (locked by another program, disk full, I/O error, read-only
// file, damaged file) into StudioErrors that name the database file and say what to do, and
// retries the transient ones without blocking the host's event loop.
//
// Why: better-sqlite3 is synchronous. A long busy_timeout freezes the whole host while another
// program (a DB browser, a backup tool) holds the write lock, and an SqliteError thrown from a
// worker callback used to be uncaught and kill the host. So the connection waits only briefly
// (see database.ts), every repo call maps these errors to a StorageError (a StudioError with code
// 'unavailable', never 'internal'), and async callers (the job manager) retry with setTimeout.
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../../shared/api';

export type StorageProblem = 'busy' | 'full' | 'io' | 'readonly' | 'damaged';

/** The storage problem behind an SqliteError (by its extended code), or null for anything else. */
export function storageProblem(err: unknown): StorageProblem | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  return null;
}

/** One sentence a user can act on, naming the file. */
export function describeStorageProblem(problem: StorageProblem, file: string, detail: string): string {
  switch (problem) {
    case 'busy':
      return `Montage could not save to its database ${file}: another program is holding it locked (${detail}). Close it (a database browser or backup tool?) and try again.`;
    case 'full':
      return `Montage could not save to its database ${file}: the disk is full (${detail}). Free some space and try again.`;
    case 'io':
      return `Montage could not save to its database ${file}: a disk I/O error (${detail}). Check the disk (is it still attached?) and try again.`;
    case 'readonly':
      return `Montage cannot write to its database ${file}: the file or its folder is read-only (${detail}). Make both writable by you (e.g. \`chmod u+w "${file}" "${dirname(file)}"\`), or set MONTAGE_HOME to a writable folder.`;
    case 'damaged':
      return `Montage cannot use its database ${file}: the file is damaged (${detail}). Run \`montage restore-backup\` to move it aside and restore the newest good backup from ${dirname(file)}/backups, or move it aside to start fresh.`;
  }
}

/** A storage failure as the API reports it: code 'unavailable', a message naming the file. */
export class StorageError extends StudioError {
  readonly problem: StorageProblem;
  readonly file: string;

  constructor(problem: StorageProblem, file: string, detail: string) {
    super('unavailable', describeStorageProblem(problem, file, detail));
    this.problem = problem;
    this.file = file;
  }

  /** Whether waiting a moment may help (a lock, a flaky disk), as opposed to a full or read-only one. */
  get transient(): boolean {
    return this.problem === 'busy' || this.problem === 'io';
  }
}

/** `err` as a StorageError if it is a storage failure of `file`, else null. */
export function asStorageError(err: unknown, file: string): StorageError | null {
  if (err instanceof StorageError) return err;
  const problem = storageProblem(err);
  if (!problem) return null;
  return new StorageError(problem, file, err instanceof Error ? err.message : String(err));
}

/**
 * Wraps every method of a repo so that storage failures surface as StorageErrors. Synchronous
 * callers (the services) get a clear StudioError after the connection's short busy_timeout.
 */
export function guardStorage<T extends Record<string, unknown>>(file: string, repo: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repo)) {
    if (typeof value !== 'function') {
      guarded[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    guarded[name] = (...args: unknown[]): unknown => {
      try {
        return fn.apply(repo, args);
      } catch (err) {
        throw asStorageError(err, file) ?? err;
      }
    };
  }
  return guarded as T;
}

/**
 * Total wait between tries, ~1.5 s: long enough for a backup tool's brief lock or a checkpoint,
 * short enough that a job does not sit "finishing" for long.
 */
export const defaultRetryDelaysMs: readonly number[] = [25, 50, 100, 200, 300, 400, 450];

/**
 * Runs a synchronous write, retrying transient storage failures after async pauses (the event
 * loop keeps running meanwhile). Other errors, and the last failure, are thrown.
 */
export async function retryStorageWrite<T>(write: () => T, delaysMs: readonly number[] = defaultRetryDelaysMs): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (err) {
      const delay = delaysMs[attempt];
      if (!(err instanceof StorageError) || !err.transient || delay === undefined) throw err;
      await sleep(delay);
    }
  }
}
