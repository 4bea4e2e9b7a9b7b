// Migration 10 lets the model registry keep scene models: a version-9 database keeps its music
// models (with their project link and indexes) and accepts kind 'scenes' afterwards, but no other.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { migrations } from './index';

const insert = (id: string, kind: string, name: string, dir: string): string =>
  `INSERT INTO models (id, name, name_key, kind, config_name, config_json, vocabulary, steps, data_json, curve_json, metrics_json, dir, origin, source, manifest_hash, project_id, created_at)
   VALUES ('${id}', '${name}', '${name.toLowerCase()}', '${kind}', 'c', '{}', 10, 32, '{}', '{}', '{}', '${dir}', 'trained', NULL, '${'a'.repeat(64)}', 'p1', 1)`;

describe('migration 0010-scene-models', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('keeps a version-9 music model and accepts scene models, but no other kind', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 9) });
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    old.prepare(insert('m1', 'melody', 'Tunes', 'm1')).run();
    expect(() => old.prepare(insert('m2', 'scenes', 'Scenes', 'm2')).run()).toThrow(/CHECK constraint/);
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    expect(db.prepare('SELECT id, kind, name, project_id FROM models').all()).toEqual([{ id: 'm1', kind: 'melody', name: 'Tunes', project_id: 'p1' }]);
    db.prepare(insert('m2', 'scenes', 'Scenes', 'm2')).run();
    expect(() => db!.prepare(insert('m3', 'poems', 'Poems', 'm3')).run()).toThrow(/CHECK constraint/);
    // Names stay unique per kind; the project link still nulls on purge.
    expect(() => db!.prepare(insert('m4', 'scenes', 'scenes', 'm4')).run()).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM models WHERE project_id IS NULL').get()).toEqual({ n: 2 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
