// `montage restore-backup [--force] [--json]`: puts back the newest backup of montage.db that
// passes SQLite's quick_check, after moving the current (damaged) file aside as
// montage.db.damaged-<time>. Nothing is ever deleted. The message of a damaged database names
// this command. It holds the data folder's instance lock while it works, so it refuses while a
// Montage runs on the folder and no host can start halfway through.
import { restoreNewestGoodBackup } from '../main/db/backups';
import { acquireInstanceLock } from '../main/instance-lock';
import { dataPaths, defaultDataDir } from '../main/paths';

export interface RestoreFlags {
  json?: boolean;
  force?: boolean;
  dataDir?: string;
}

export function restoreCommand(flags: RestoreFlags): number {
  const paths = dataPaths(flags.dataDir ?? defaultDataDir());
  try {
    const lock = acquireInstanceLock(paths.root, { shell: 'cli' });
    let result: ReturnType<typeof restoreNewestGoodBackup>;
    try {
      result = restoreNewestGoodBackup(paths.database, { force: Boolean(flags.force) });
    } finally {
      lock.release();
    }
    if (flags.json) console.log(JSON.stringify({ ok: true, database: paths.database, ...result }, null, 2));
    else {
      console.log(`Restored ${paths.database} from ${result.restoredFrom}.`);
      if (result.movedAside) console.log(`The previous file is kept as ${result.movedAside}.`);
    }
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (flags.json) console.log(JSON.stringify({ ok: false, database: paths.database, error: message }, null, 2));
    else console.error(`montage: ${message}`);
    return 1;
  }
}
