// Migration 3: project names are unique in the schema, not just in a service check, so two writers
// (two hosts before the data-folder lock, or any future second connection) cannot both create
// "Demo". The key is computed in JS (projectNameKey) because SQLite's lower() folds ASCII only;
// it is stored in `name_key` and a partial UNIQUE index covers live projects (trashed ones may share
// a name until restored, which then answers 'conflict'). Databases written before this migration may
// already hold duplicates: later ones are renamed "Name (2)", "Name (3)"… first, oldest keeps its name.
import type { Db } from '../database';
import { projectNameKey } from '../project-name-key';

const maxNameLength = 120;

export function up(db: Db): void {
  db.exec('ALTER TABLE projects ADD COLUMN name_key TEXT');
  const rows = db
    .prepare<[], { id: string; name: string; deleted_at: number | null }>('SELECT id, name, deleted_at FROM projects ORDER BY created_at, id')
    .all();
  const setKey = db.prepare('UPDATE projects SET name = ?, name_key = ? WHERE id = ?');
  // Every name that keeps its place is reserved first, so a renamed duplicate never takes the name
  // of a later project ("demo" becomes "demo (3)" when "Demo (2)" already exists).
  const taken = new Set<string>();
  const renames: { id: string; name: string }[] = [];
  for (const r of rows) {
    const key = projectNameKey(r.name);
    if (r.deleted_at !== null || !taken.has(key)) {
      if (r.deleted_at === null) taken.add(key);
      setKey.run(r.name, key, r.id);
    } else {
      renames.push(r);
    }
  }
  for (const r of renames) {
    let name = r.name;
    let key = projectNameKey(name);
    for (let n = 2; taken.has(key); n++) {
      const suffix = ` (${n})`;
      name = `${r.name.trim().slice(0, maxNameLength - suffix.length)}${suffix}`;
      key = projectNameKey(name);
    }
    taken.add(key);
    setKey.run(name, key, r.id);
  }
  db.exec(`
    CREATE UNIQUE INDEX projects_live_name ON projects (name_key) WHERE deleted_at IS NULL;
    -- The list's order as an index over live projects, so a page is an index walk. The trash index
    -- becomes partial (trashed rows only): otherwise SQLite, without statistics, searched it for
    -- "deleted_at IS NULL" and sorted every live project for each page.
    DROP INDEX projects_deleted;
    CREATE INDEX projects_trashed ON projects (deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE INDEX projects_list_order ON projects (max(coalesce(last_opened_at, 0), updated_at) DESC, name COLLATE NOCASE, id)
      WHERE deleted_at IS NULL;
  `);
}
