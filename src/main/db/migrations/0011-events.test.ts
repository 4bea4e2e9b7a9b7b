// Migration 11 merges the old event and generation-history tables into one event log: old rows
// keep their time, type and data, get an item key and a weight, and the new table takes the
// columns and limits of the API.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion, type Db } from '../database';
import { migrations } from './index';

describe('migration 0011-events', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('carries version-10 events and generation history over as items with weights', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 10) });
    old.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    const ev = old.prepare('INSERT INTO events (at, type, subject_id, data_json) VALUES (?, ?, ?, ?)');
    ev.run(10, 'project.created', 'p1', '{}');
    ev.run(20, 'document.created', 'd1', '{"projectId":"p1","kind":"song"}');
    ev.run(30, 'document.imported', 'd2', '{"projectId":"p1","kind":"script","format":"fdx"}');
    ev.run(40, 'benchmark.started', 'j1', '{"steps":3}');
    old.prepare("INSERT INTO history (at, project_id, kind, model_id, payload_json) VALUES (50, 'p1', 'generation.kept', 'm1', '{\"mode\":\"generate\",\"index\":1}')").run();
    old.prepare("INSERT INTO history (at, project_id, kind, model_id, payload_json) VALUES (60, NULL, 'generation.discarded', NULL, '{\"mode\":\"continue\"}')").run();
    old.close();

    db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(11);
    expect(db.prepare('SELECT at, profile, type, item, project_id, session_id, weight, data_json FROM events ORDER BY at').all()).toEqual([
      { at: 10, profile: 'local', type: 'project.created', item: 'project:p1', project_id: 'p1', session_id: null, weight: 1, data_json: '{}' },
      { at: 20, profile: 'local', type: 'document.created', item: 'song:d1', project_id: 'p1', session_id: null, weight: 2, data_json: '{"projectId":"p1","kind":"song"}' },
      { at: 30, profile: 'local', type: 'document.imported', item: 'script:d2', project_id: 'p1', session_id: null, weight: 2, data_json: '{"projectId":"p1","kind":"script","format":"fdx"}' },
      { at: 40, profile: 'local', type: 'benchmark.started', item: 'job:j1', project_id: null, session_id: null, weight: 0, data_json: '{"steps":3}' },
      { at: 50, profile: 'local', type: 'generation.kept', item: 'model:m1', project_id: 'p1', session_id: null, weight: 3, data_json: '{"mode":"generate","index":1}' },
      { at: 60, profile: 'local', type: 'generation.discarded', item: null, project_id: null, session_id: null, weight: 0, data_json: '{"mode":"continue"}' },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('history', 'settings') ORDER BY name").all()).toEqual([{ name: 'settings' }]);
    const insert = db.prepare('INSERT INTO events (at, type, item, weight, data_json) VALUES (1, ?, ?, ?, ?)');
    expect(() => insert.run('song.played', 'x', 1, '{}')).toThrow(/CHECK/);
    expect(() => insert.run('song.played', 'song:a', -1, '{}')).toThrow(/CHECK/);
    expect(() => insert.run('song.played', 'song:a', 1, 'not json')).toThrow(/CHECK/);
    // The History view's pages and the item filter use their indexes.
    const plan = (sql: string) => (db!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM events ORDER BY at DESC, id DESC LIMIT 100')).toContain('events_at');
    expect(plan("SELECT * FROM events WHERE item = 'song:a' ORDER BY at DESC LIMIT 100")).toContain('events_by_item');
    expect(plan("SELECT * FROM events WHERE type = 'song.played' ORDER BY at DESC LIMIT 100")).toContain('events_by_type');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
