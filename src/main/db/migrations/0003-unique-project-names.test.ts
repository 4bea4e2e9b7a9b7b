import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion } from '../database';
import { migrations } from './index';

describe('migration 0003: unique project names', () => {
  let home: ReturnType<typeof tempHome>;
  afterEach(() => home?.remove());

  it('renames the later duplicates of a version-2 database, then enforces the index', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const v2 = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 2) });
    const add = v2.prepare('INSERT INTO projects (id, name, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?)');
    add.run('a', 'Demo', 1, 1, null);
    add.run('b', 'demo', 2, 2, null);
    add.run('c', 'Demo (2)', 3, 3, null);
    add.run('d', 'DEMO', 4, 4, 99); // trashed: keeps its name; restoring it later answers 'conflict'
    add.run('e', ' DEMO ', 5, 5, null);
    add.run('f', 'Caf\u00e9', 6, 6, null);
    add.run('g', 'Cafe\u0301', 7, 7, null); // the same name, decomposed
    add.run('h', 'x'.repeat(120), 8, 8, null);
    add.run('i', 'X'.repeat(120), 9, 9, null);
    v2.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    const names = Object.fromEntries(db.prepare<[], { id: string; name: string }>('SELECT id, name FROM projects').all().map((r) => [r.id, r.name]));
    expect(names).toEqual({
      a: 'Demo',
      b: 'demo (3)',
      c: 'Demo (2)',
      d: 'DEMO',
      e: 'DEMO (4)',
      f: 'Caf\u00e9',
      g: 'Cafe\u0301 (2)',
      h: 'x'.repeat(120),
      i: `${'X'.repeat(116)} (2)`,
    });
    expect(() => db.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('z', 'DEMO', 'demo', 1, 1)").run()).toThrow(/UNIQUE/);
    // Trashed rows do not count.
    db.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at, deleted_at) VALUES ('y', 'demo', 'demo', 1, 1, 5)").run();
    db.close();
  });

  it('pages the list from an index, not a sort of every project', () => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'));
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM projects WHERE deleted_at IS NULL
         ORDER BY max(coalesce(last_opened_at, 0), updated_at) DESC, name COLLATE NOCASE, id LIMIT 10 OFFSET 0`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX projects_list_order/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
