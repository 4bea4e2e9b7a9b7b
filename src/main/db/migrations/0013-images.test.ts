// Migration 13 lets assets be images and adds what tagging them produces: a version-12 database
// keeps its audio assets, their transcripts and indexes; image rows are accepted afterwards (no
// other kind); tags, embeddings, categories and tagging state go with their asset, a project's
// classifier with its project, and one classifier per scope.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { migrations } from './index';

const asset = (id: string, kind = 'audio') =>
  `INSERT INTO assets (id, project_id, kind, name, mime, bytes, hash, created_at) VALUES ('${id}', 'p1', '${kind}', '${id}', 'x/y', 10, '${'a'.repeat(64)}', 1)`;
const transcript = (assetId: string) =>
  `INSERT INTO transcripts (asset_id, engine, duration_seconds, seconds, words_json, text, note, created_at) VALUES ('${assetId}', 'pocketsphinx', 2.8, 0.8, '[]', 'go', NULL, 2)`;
const classifier = (id: string, project: string | null, method = 'knn') =>
  `INSERT INTO image_classifiers (id, project_id, method, k, dims, labels_json, weights, bias, accuracy, summary_json, trained_at)
   VALUES ('${id}', ${project === null ? 'NULL' : `'${project}'`}, '${method}', ${method === 'knn' ? 3 : 'NULL'}, 2, '["a"]', x'00000000', ${method === 'dense' ? "x'00'" : 'NULL'}, 0.5, '{}', 1)`;
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 0013-images', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('keeps version-12 assets and transcripts, accepts images, and removes image data with its asset', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 12) });
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    old.prepare(asset('a1')).run();
    old.prepare(transcript('a1')).run();
    expect(() => old.prepare(asset('i0', 'image')).run()).toThrow(/CHECK constraint/);
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(13);
    expect(db.prepare('SELECT id, kind FROM assets').all()).toEqual([{ id: 'a1', kind: 'audio' }]);
    expect(db.prepare('SELECT asset_id FROM transcripts').all()).toEqual([{ asset_id: 'a1' }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets' ORDER BY name").all()).toEqual([
      { name: 'assets_by_hash' },
      { name: 'assets_by_project' },
      { name: 'sqlite_autoindex_assets_1' },
    ]);
    db.prepare(asset('i1', 'image')).run();
    expect(() => db!.prepare(asset('v1', 'video')).run()).toThrow(/CHECK constraint/);

    db.prepare("INSERT INTO image_tagging (asset_id, state, error, width, height, thumb_hash, thumb_width, thumb_height, tagging_ms, at) VALUES ('i1', 'tagged', NULL, 768, 576, ?, 256, 192, 320, 2)").run('b'.repeat(64));
    db.prepare("INSERT INTO image_tags (asset_id, label, label_key, score, source, box_x, box_y, box_width, box_height) VALUES ('i1', 'dog', 'dog', 0.4, 'detector', 1, 2, 3, 4)").run();
    db.prepare("INSERT INTO image_tags (asset_id, label, label_key, score, source) VALUES ('i1', 'Pets', 'pets', 0.9, 'custom')").run();
    db.prepare("INSERT INTO image_embeddings (asset_id, dims, vector) VALUES ('i1', 2, x'0000803f00000000')").run();
    db.prepare("INSERT INTO image_categories (asset_id, category, category_key, at) VALUES ('i1', 'Pets', 'pets', 3)").run();
    // A detector tag has a box, a predicted one none; a failure needs its reason; vectors are dims × 4 bytes.
    expect(() => db!.prepare("INSERT INTO image_tags (asset_id, label, label_key, score, source) VALUES ('i1', 'cat', 'cat', 0.4, 'detector')").run()).toThrow(/CHECK constraint/);
    expect(() => db!.prepare("INSERT INTO image_tags (asset_id, label, label_key, score, source) VALUES ('i1', 'cat', 'cat', 1.5, 'custom')").run()).toThrow(/CHECK constraint/);
    expect(() => db!.prepare("INSERT INTO image_tagging (asset_id, state, error, at) VALUES ('a1', 'failed', NULL, 1)").run()).toThrow(/CHECK constraint/);
    expect(() => db!.prepare("INSERT INTO image_embeddings (asset_id, dims, vector) VALUES ('a1', 3, x'00')").run()).toThrow(/CHECK constraint/);
    expect(() => db!.prepare("INSERT INTO image_tags (asset_id, label, label_key, score, source) VALUES ('nope', 'x', 'x', 0.5, 'custom')").run()).toThrow(/FOREIGN KEY/);

    db.prepare("DELETE FROM assets WHERE id = 'i1'").run();
    for (const table of ['image_tagging', 'image_tags', 'image_embeddings', 'image_categories']) expect(count(db, table)).toBe(0);
    expect(count(db, 'transcripts')).toBe(1);
    // The transcripts' foreign key follows the rebuilt table.
    db.prepare("DELETE FROM assets WHERE id = 'a1'").run();
    expect(count(db, 'transcripts')).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps one classifier per scope (a project, or all), gone with its project', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    db.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    db.prepare(classifier('c1', 'p1')).run();
    db.prepare(classifier('c2', null, 'dense')).run();
    expect(() => db!.prepare(classifier('c3', 'p1', 'dense')).run()).toThrow(/UNIQUE/);
    expect(() => db!.prepare(classifier('c4', null)).run()).toThrow(/UNIQUE/);
    expect(() => db!.prepare(classifier('c5', 'gone')).run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT id FROM image_classifiers').all()).toEqual([{ id: 'c2' }]);
  });
});
