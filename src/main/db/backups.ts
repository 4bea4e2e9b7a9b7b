// Rolling backups of montage.db in <data>/backups, made with SQLite's online backup API
// (better-sqlite3 `db.backup()`: a consistent copy while the host keeps writing), and the way back
// from a damaged database. One at start when the newest is older than a day, then daily while
// the host runs; the newest five are kept. Backups are 0600 in a 0700 folder like the database.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './database';
import { privateDirMode, privateFileMode, tighten, tightenDatabaseFiles } from './file-modes';

export const backupKeep = 5;
export const backupEveryMs = 24 * 60 * 60 * 1000;
/** How often a running host checks whether a backup is due (a laptop may sleep through a timer). */
const checkEveryMs = 60 * 60 * 1000;

const namePattern = /^montage-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/;

export interface BackupInfo {
  path: string;
  /** When it was made (ms since the epoch, from its name). */
  at: number;
}

export function backupsDirFor(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups');
}

const stamp = (at: number): string => new Date(at).toISOString().replace(/[:.]/g, '-');
const parseStamp = (name: string): number => {
  const m = /^montage-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.db$/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : Number.NaN;
};

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => namePattern.test(n))
    .map((n) => ({ path: join(dir, n), at: parseStamp(n) }))
    .sort((a, b) => b.at - a.at);
}

/** Makes one backup now and keeps the newest `keep`. Resolves with its path. */
export async function makeBackup(db: Db, dir: string, now = Date.now(), keep = backupKeep): Promise<string> {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
  tighten(dir, privateDirMode);
  const path = join(dir, `montage-${stamp(now)}.db`);
  const partial = `${path}.partial`;
  try {
    await db.backup(partial);
    tighten(partial, privateFileMode);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  for (const old of listBackups(dir).slice(keep)) rmSync(old.path, { force: true });
  return path;
}

/** Backs up when there is no backup yet or the newest is older than `everyMs`. */
export async function backupIfDue(db: Db, dir: string, now = Date.now(), everyMs = backupEveryMs): Promise<string | null> {
  const newest = listBackups(dir)[0];
  if (newest && now - newest.at < everyMs) return null;
  return makeBackup(db, dir, now);
}

/**
 * Starts the rolling backups for an open database: one now if due, then a check every hour.
 * Failures are logged, never thrown: a backup that cannot be made must not stop the studio.
 */
export function startBackups(db: Db, databaseFile: string, log: (message: string) => void = (m) => console.error(m)): { stop(): void; first: Promise<string | null> } {
  const dir = backupsDirFor(databaseFile);
  let stopped = false;
  const run = (): Promise<string | null> =>
    backupIfDue(db, dir).catch((err: unknown) => {
      if (!stopped) log(`montage: could not back up ${databaseFile} to ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
  const first = run();
  const timer = setInterval(() => void run(), checkEveryMs);
  timer.unref();
  return {
    first,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export interface IntegrityReport {
  exists: boolean;
  ok: boolean;
  /** "ok", or the first problem SQLite's quick_check found, or why the file could not be read. */
  detail: string;
}

/** Runs PRAGMA quick_check on a file through a read-only connection (changes nothing). */
export function checkIntegrity(file: string, nativeBinding?: string): IntegrityReport {
  if (!existsSync(file)) return { exists: false, ok: true, detail: 'not created yet' };
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return { exists: true, ok: problems.length === 0, detail: problems.length === 0 ? 'ok' : problems.slice(0, 3).join('; ') };
  } catch (err) {
    return { exists: true, ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the damaged database went (with its -wal/-shm beside it), or null if there was none. */
  movedAside: string | null;
}

/**
 * Replaces the database with the newest backup that passes quick_check. The current file (and
 * its -wal/-shm) is moved aside to montage.db.damaged-<time>, never deleted. Refuses when the
 * current database is healthy unless `force`. The host must not be running meanwhile.
 */
export function restoreNewestGoodBackup(databaseFile: string, options: { force?: boolean; now?: number } = {}): RestoreResult {
  const dir = backupsDirFor(databaseFile);
  const current = checkIntegrity(databaseFile);
  if (current.exists && current.ok && !options.force) {
    throw new Error(`${databaseFile} passes its integrity check; nothing to restore. Use --force to replace it with the newest backup anyway (it is moved aside, not deleted).`);
  }
  const good = listBackups(dir).find((b) => checkIntegrity(b.path).ok);
  if (!good) {
    const count = listBackups(dir).length;
    throw new Error(
      count === 0
        ? `There are no backups in ${dir}. Move ${databaseFile} aside to start fresh.`
        : `None of the ${count} backups in ${dir} passes its integrity check. Move ${databaseFile} aside to start fresh.`,
    );
  }
  let movedAside: string | null = null;
  if (existsSync(databaseFile)) {
    movedAside = `${databaseFile}.damaged-${stamp(options.now ?? Date.now())}`;
    renameSync(databaseFile, movedAside);
  }
  // The -wal and -shm belong to the damaged file; beside a restored one they would corrupt it.
  for (const suffix of ['-wal', '-shm']) {
    const companion = `${databaseFile}${suffix}`;
    if (!existsSync(companion)) continue;
    if (movedAside) renameSync(companion, `${movedAside}${suffix}`);
    else rmSync(companion);
  }
  copyFileSync(good.path, databaseFile);
  tightenDatabaseFiles(databaseFile);
  return { restoredFrom: good.path, movedAside };
}

/** For messages: "3 backups, newest 2024-…". */
export function describeBackups(dir: string): { count: number; newest: string | null } {
  const all = listBackups(dir);
  const newest = all[0];
  return { count: all.length, newest: newest ? new Date(newest.at).toISOString() : null };
}
