// Migration 4 rebuilds jobs and benchmark_runs (SQLite's 12-step procedure). The danger it guards
// against: with foreign keys on, DROP TABLE jobs would cascade-delete every benchmark run.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../test/temp-home';
import { openDatabase, schemaVersion } from '../database';
import { migrations } from './index';

describe('migration 0004-jobs-interrupted', () => {
  let home: ReturnType<typeof tempHome>;
  afterEach(() => home?.remove());

  it('keeps every job and benchmark run of an older database, allows "interrupted", and drops the run → job dependency', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const before = migrations.filter((m) => m.version < 4);
    const old = openDatabase(file, { migrations: before });
    const job = old.prepare(
      `INSERT INTO jobs (id, kind, title, status, params_json, created_at, error_json, series_json)
       VALUES (?, 'benchmark', ?, ?, '{}', ?, ?, ?)`,
    );
    job.run('j-ok', 'Done', 'succeeded', 1, null, '[{"step":1,"elapsedMs":5}]');
    job.run('j-crash', 'Crashed', 'failed', 2, JSON.stringify({ code: 'unavailable', message: 'Montage closed before this job finished. Run it again to get a result.' }), null);
    job.run('j-bad', 'Really failed', 'failed', 3, JSON.stringify({ code: 'internal', message: 'out of memory' }), null);
    old.prepare(
      `INSERT INTO benchmark_runs (id, job_id, created_at, backend, config_json, steps_per_sec, sequences_per_sec, initial_loss,
         final_loss, duration_ms, loss_json) VALUES ('r1', 'j-ok', 1, 'wasm', '{}', 3.5, 100, 2, 1, 1000, '[2,1]')`,
    ).run();
    expect(() => old.prepare("UPDATE jobs SET status = 'interrupted' WHERE id = 'j-ok'").run()).toThrow(/CHECK constraint/);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(4);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, status FROM jobs ORDER BY created_at').all()).toEqual([
      { id: 'j-ok', status: 'succeeded' },
      { id: 'j-crash', status: 'interrupted' },
      { id: 'j-bad', status: 'failed' },
    ]);
    expect(db.prepare("SELECT series_json FROM jobs WHERE id = 'j-ok'").get()).toEqual({ series_json: '[{"step":1,"elapsedMs":5}]' });
    expect(db.prepare('SELECT id, job_id, steps_per_sec, loss_json FROM benchmark_runs').all()).toEqual([
      { id: 'r1', job_id: 'j-ok', steps_per_sec: 3.5, loss_json: '[2,1]' },
    ]);
    // 'interrupted' is allowed now; deleting a job keeps its run.
    db.prepare("UPDATE jobs SET status = 'interrupted' WHERE id = 'j-ok'").run();
    db.prepare("DELETE FROM jobs WHERE id = 'j-ok'").run();
    expect(db.prepare('SELECT id FROM benchmark_runs').all()).toEqual([{ id: 'r1' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('jobs', 'benchmark_runs')").all();
    expect(indexes).toEqual(expect.arrayContaining([{ name: 'jobs_created' }, { name: 'benchmark_runs_created' }]));
    db.close();
  });

  it('rolls a table rebuild back and turns foreign keys on again when it would break a reference', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    openDatabase(file).close();
    const version = (migrations.at(-1)?.version ?? 0) + 1;
    // A broken rebuild: copies the runs, but "forgets" the jobs they reference.
    const broken = {
      version,
      name: 'broken',
      rebuildsTables: true,
      up: `CREATE TABLE t_parent (id TEXT PRIMARY KEY);
           CREATE TABLE t_child (id TEXT PRIMARY KEY, parent TEXT REFERENCES t_parent (id));
           INSERT INTO t_child VALUES ('c', 'missing');`,
    };
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow(/broken reference/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(version - 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't_child'").all()).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
