// `montage restore-backup [--force] [--json]`: puts back the newest backup of montage.db that
// passes SQLite's quick_check, after moving the current (damaged) file aside as
// montage.db.damaged-<time>. Nothing is ever deleted. The message of a damaged database names
// this command. Montage must not be running on the data folder meanwhile.
import { restoreNewestGoodBackup } from '../main/db/backups';
import { dataPaths, defaultDataDir } from '../main/paths';

export interface RestoreFlags {
  json?: boolean;
  force?: boolean;
  dataDir?: string;
}

export function restoreCommand(flags: RestoreFlags): number {
  const paths = dataPaths(flags.dataDir ?? defaultDataDir());
  try {
    const result = restoreNewestGoodBackup(paths.database, { force: Boolean(flags.force) });
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
