// Migration 9 lets documents be scripts: a version-8 database keeps its songs, their log and
// snapshots (the rebuild must not cascade into them), and accepts a script afterwards.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { migrations } from './index';

describe('migration 0009-scripts', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('keeps a version-8 song with its log and snapshot, and accepts scripts, but no other kind', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 8) });
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    old.prepare("INSERT INTO documents (id, project_id, kind, name, rev, created_at, updated_at) VALUES ('d1', 'p1', 'song', 'Verse', 1, 1, 2)").run();
    old.prepare("INSERT INTO document_snapshots (doc_id, rev, content_json) VALUES ('d1', 0, '{}')").run();
    old.prepare("INSERT INTO document_ops (doc_id, rev, ops_json, inverse_json, label, kind, at) VALUES ('d1', 1, '[]', '[]', 'Edit', 'edit', 2)").run();
    expect(() => old.prepare("INSERT INTO documents (id, project_id, kind, name, created_at, updated_at) VALUES ('d2', 'p1', 'script', 'Pilot', 1, 1)").run()).toThrow(
      /CHECK constraint/,
    );
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(9);
    expect(db.prepare('SELECT id, kind, name, rev FROM documents').all()).toEqual([{ id: 'd1', kind: 'song', name: 'Verse', rev: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM document_ops').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM document_snapshots').get()).toEqual({ n: 1 });
    db.prepare("INSERT INTO documents (id, project_id, kind, name, created_at, updated_at) VALUES ('d2', 'p1', 'script', 'Pilot', 1, 1)").run();
    expect(() => db!.prepare("INSERT INTO documents (id, project_id, kind, name, created_at, updated_at) VALUES ('d3', 'p1', 'poem', 'X', 1, 1)").run()).toThrow(/CHECK constraint/);
    // Deleting the project still takes its documents and their rows with it.
    db.prepare("DELETE FROM projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM document_ops').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
