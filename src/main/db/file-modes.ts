// Owner-only permissions for everything in the data folder: projects, job history and backups are
// private to the user, so folders are 0700 and the database files 0600. Existing files from older
// versions (0755/0644) are tightened at start. No-ops on Windows, where modes mean little.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

const posix = process.platform !== 'win32';

/** chmod, ignoring files that vanished or belong to someone else (then the open fails clearly). */
export function tighten(path: string, mode: number): void {
  if (!posix || !existsSync(path)) return;
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change; the database open reports a real access problem itself.
  }
}

/** The database file and SQLite's companions (-wal, -shm, -journal). */
export function tightenDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) tighten(`${file}${suffix}`, privateFileMode);
}

/**
 * Creates an empty file 0600 if missing, so SQLite (which copies the database file's mode onto
 * its -wal and -shm) never creates anything readable by others, not even for a moment.
 */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'a', privateFileMode));
  } catch {
    // Let SQLite's own open report the problem with its message.
  }
}
