// Opens the one SQLite database the host owns (better-sqlite3): WAL, foreign keys, numbered
// migrations applied in a transaction each. Nothing outside src/main/db touches SQL.
import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Montage cannot open its database ${file}: ${reason}`, { cause: err });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations ?? allMigrations);
  } catch (err) {
    db.close();
    const reason = err instanceof Error ? err.message : String(err);
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
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
