// Migration 12 adds the transcripts of audio assets: a version-11 database keeps its assets and
// takes transcripts afterwards, one per asset, checked JSON words, gone with their asset and with
// a purged project.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { migrations } from './index';

const asset = (id: string) =>
  `INSERT INTO assets (id, project_id, kind, name, mime, bytes, hash, created_at) VALUES ('${id}', 'p1', 'audio', '${id}.wav', 'audio/wav', 10, '${'a'.repeat(64)}', 1)`;
const transcript = (assetId: string, words = '[{"word":"go","start":0.4,"end":0.6}]') =>
  `INSERT INTO transcripts (asset_id, engine, duration_seconds, seconds, words_json, text, note, created_at) VALUES ('${assetId}', 'pocketsphinx', 2.8, 0.8, '${words}', 'go', NULL, 2)`;

describe('migration 0012-transcripts', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('keeps version-11 assets and stores one transcript per asset, removed with the asset or its project', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 11) });
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    old.prepare(asset('a1')).run();
    old.prepare(asset('a2')).run();
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'transcripts'").all()).toEqual([]);
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(12);
    expect(db.prepare('SELECT id FROM assets ORDER BY id').all()).toEqual([{ id: 'a1' }, { id: 'a2' }]);
    db.prepare(transcript('a1')).run();
    db.prepare(transcript('a2')).run();
    // One per asset; only for an asset that exists; the words must be a JSON array.
    expect(() => db!.prepare(transcript('a1')).run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db!.prepare(transcript('nope')).run()).toThrow(/FOREIGN KEY/);
    expect(() => db!.prepare(transcript('a1', '{"word":"go"}')).run()).toThrow(/CHECK constraint/);
    db.prepare("DELETE FROM assets WHERE id = 'a1'").run();
    expect(db.prepare('SELECT asset_id FROM transcripts').all()).toEqual([{ asset_id: 'a2' }]);
    db.prepare("DELETE FROM projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM transcripts').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
