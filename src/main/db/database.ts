// Opens the one SQLite database the host owns (better-sqlite3): WAL, foreign keys, numbered
// migrations applied in a transaction each. Nothing outside src/main/db touches SQL.
//
// On open it also: creates the file 0600 (and tightens an older 0644 one with its -wal/-shm),
// runs PRAGMA quick_check so a damaged file is refused with a message naming it and the way back
// (`montage restore-backup`), and turns read-only, locked or full storage into sentences with the
// path and the fix (storage-errors.ts).
import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';
import { backupsDirFor, listBackups } from './backups';
import { createPrivateFile, tightenDatabaseFiles } from './file-modes';
import { describeStorageProblem, storageProblem } from './storage-errors';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** Open read-only (tests use it to get a real SQLITE_READONLY as root, where chmod stops nothing). */
  readonly?: boolean;
}

/**
 * How long one statement waits for another connection's lock. Short on purpose: better-sqlite3
 * waits synchronously, freezing the host's event loop; callers that can wait retry
 * asynchronously instead (retryStorageWrite).
 */
export const busyTimeoutMs = 50;

/** The database is damaged (quick_check failed, or it is not an SQLite file). */
export class DatabaseDamagedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseDamagedError';
  }
}

function damagedMessage(file: string, detail: string): string {
  const backups = listBackups(backupsDirFor(file)).length;
  const way =
    backups > 0
      ? `Run \`montage restore-backup\` to move it aside (it is kept as ${file}.damaged-<time>) and restore the newest good one of its ${backups} backup${backups === 1 ? '' : 's'} in ${backupsDirFor(file)}`
      : `There is no backup in ${backupsDirFor(file)} to restore; move it aside to start fresh (nothing else in the data folder is touched)`;
  return `Montage cannot use its database ${file}: the file is damaged (${detail}). ${way}.`;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  if (!options.readonly) createPrivateFile(file);
  try {
    db = new Database(file, {
      timeout: busyTimeoutMs,
      ...(options.readonly ? { readonly: true } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Montage cannot open its database ${file}: ${reason}`, { cause: err });
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Before anything writes (even the switch to WAL), so a damaged file is left exactly as it was.
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
    // quick_check can report one problem over several lines; the message stays one line.
    if (problems.length > 0) throw new DatabaseDamagedError(damagedMessage(file, problems.slice(0, 3).join('; ').replace(/\s*\n\s*/g, ' ')));
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations ?? allMigrations);
    if (!options.readonly) tightenDatabaseFiles(file);
  } catch (err) {
    db.close();
    if (err instanceof DatabaseDamagedError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const problem = storageProblem(err);
    if (problem === 'damaged') throw new DatabaseDamagedError(damagedMessage(file, reason), { cause: err });
    if (problem) throw new Error(describeStorageProblem(problem, file, reason), { cause: err });
    throw new Error(
      `Montage cannot use its database ${file}: ${reason}. The file may be damaged or from a newer Montage; ` +
        'move it aside to start fresh (nothing else in the data folder is touched).',
      { cause: err },
    );
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`its schema version ${current} is newer than this Montage understands (${newest})`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    applyMigration(db, m);
  }
}

/**
 * One migration in one transaction. A migration that rebuilds tables (`rebuildsTables`) follows
 * SQLite's documented procedure (https://sqlite.org/lang_altertable.html#otheralter): foreign keys
 * off outside the transaction (the pragma is a no-op inside one), so DROP TABLE neither cascades
 * into nor is refused by tables that reference the old one; then foreign_key_check before commit
 * so the rebuild cannot leave a dangling reference; then foreign keys back on.
 */
function applyMigration(db: Db, m: Migration): void {
  if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      if (typeof m.up === 'function') m.up(db);
      else db.exec(m.up);
      if (m.rebuildsTables) {
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0] as { table: string; parent: string };
          throw new Error(`migration ${m.name} would leave ${broken.length} broken reference(s), e.g. ${first.table} → ${first.parent}`);
        }
      }
      db.pragma(`user_version = ${m.version}`);
    })();
  } finally {
    if (m.rebuildsTables) db.pragma('foreign_keys = ON');
  }
}
