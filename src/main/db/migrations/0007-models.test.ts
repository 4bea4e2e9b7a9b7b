// Migration 7 adds the model registry to an existing database, and the schema itself keeps names
// unique per kind (case-insensitively), one row per shipped folder, JSON columns valid, and a
// model alive when its project is purged.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { projectNameKey } from '../project-name-key';
import { migrations } from './index';

const hash = 'a'.repeat(64);

function insertModel(db: Db, fields: Partial<Record<string, unknown>> = {}): string {
  const id = (fields.id as string | undefined) ?? randomUUID();
  const row = {
    id,
    name: 'Lullabies',
    kind: 'melody',
    config_name: 'melody-2bar',
    config_json: '{"latentSize":128}',
    vocabulary: 90,
    steps: 32,
    data_json: '{"examples":10,"skipped":[],"sources":[]}',
    curve_json: '{"steps":[1],"loss":[2],"kl":[],"accuracy":[]}',
    metrics_json: '{"accuracy":0.5}',
    dir: id,
    origin: 'trained',
    source: null,
    manifest_hash: hash,
    project_id: null,
    created_at: 1,
    ...fields,
  };
  db.prepare(
    `INSERT INTO models (id, name, name_key, kind, config_name, config_json, vocabulary, steps, data_json, curve_json, metrics_json, dir, origin,
       source, manifest_hash, project_id, created_at)
     VALUES (@id, @name, @name_key, @kind, @config_name, @config_json, @vocabulary, @steps, @data_json, @curve_json, @metrics_json, @dir, @origin,
       @source, @manifest_hash, @project_id, @created_at)`,
  ).run({ ...row, name_key: projectNameKey(row.name as string) });
  return id;
}

describe('migration 0007-models', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('adds the models table and its indexes to a version-6 database and keeps what was there', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 6) });
    expect(schemaVersion(old)).toBe(6);
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(7);
    expect(db.prepare('SELECT id, name FROM projects').all()).toEqual([{ id: 'p1', name: 'Demo' }]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'models' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(indexes).toEqual([{ name: 'models_by_project' }, { name: 'models_name' }, { name: 'models_shipped' }]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps names unique per kind, ignoring case and accents’ composition, but lets kinds share a name', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    insertModel(db, { name: 'Straße' });
    expect(() => insertModel(db!, { name: 'STRASSE' })).toThrow(/UNIQUE constraint failed: models\.kind, models\.name_key/);
    expect(() => insertModel(db!, { name: 'Straße', kind: 'drums' })).not.toThrow();
    insertModel(db, { name: 'Caf\u00e9' });
    expect(() => insertModel(db!, { name: 'cafe\u0301' })).toThrow(/UNIQUE constraint failed/);
    expect(db.prepare('SELECT count(*) AS n FROM models').get()).toEqual({ n: 3 });
  });

  it('allows one row per shipped folder and requires a source exactly for shipped models', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    insertModel(db, { name: 'A', origin: 'shipped', source: 'melody-basic' });
    expect(() => insertModel(db!, { name: 'B', origin: 'shipped', source: 'melody-basic' })).toThrow(/UNIQUE constraint failed: models\.source/);
    expect(() => insertModel(db!, { name: 'C', origin: 'shipped', source: null })).toThrow(/CHECK constraint/);
    expect(() => insertModel(db!, { name: 'D', origin: 'trained', source: 'x' })).toThrow(/CHECK constraint/);
  });

  it('refuses invalid JSON, unknown kinds and origins, and folders outside models/', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    expect(() => insertModel(db!, { metrics_json: '{oops' })).toThrow(/CHECK constraint/);
    expect(() => insertModel(db!, { kind: 'bass' })).toThrow(/CHECK constraint/);
    expect(() => insertModel(db!, { origin: 'downloaded' })).toThrow(/CHECK constraint/);
    expect(() => insertModel(db!, { dir: '../elsewhere' })).toThrow(/CHECK constraint/);
    expect(() => insertModel(db!, { dir: '/abs' })).toThrow(/CHECK constraint/);
  });

  it('keeps a model when its project is purged (project_id becomes null)', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    db.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    const id = insertModel(db, { project_id: 'p1' });
    db.prepare("DELETE FROM projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT project_id FROM models WHERE id = ?').get(id)).toEqual({ project_id: null });
  });
});
