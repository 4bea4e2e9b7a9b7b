// A read-only connection to the database, for CLI commands that only read (`montage projects
// list`) and so may run beside a live host: WAL lets a reader in while the host writes, and a
// read-only connection can neither migrate nor change anything under the host. It never creates
// the file; a missing database is reported as undefined (nothing there yet).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Db } from './database';
import { migrations } from './migrations';

export function openDatabaseReadOnly(file: string): Db | undefined {
  if (!existsSync(file)) return undefined;
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  } catch (err) {
    throw new Error(`Montage cannot read its database ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (version > newest) {
    db.close();
    throw new Error(`Montage cannot read its database ${file}: its schema version ${version} is newer than this Montage understands (${newest}).`);
  }
  if (version < 2) {
    db.close();
    throw new Error(`Montage cannot read its database ${file} yet: start Montage once to upgrade it.`);
  }
  return db;
}
