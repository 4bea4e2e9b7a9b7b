import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../test/temp-home';
import { openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';

describe('openDatabase', () => {
  let home: ReturnType<typeof tempHome>;
  afterEach(() => home?.remove());

  it('creates the file with WAL, foreign keys and every migration applied', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['projects', 'jobs', 'benchmark_runs', 'events']));
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it('reopening does not re-run migrations or lose rows', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const db = openDatabase(file);
    db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'Keep me', 1, 1);
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT name FROM projects').all()).toEqual([{ name: 'Keep me' }]);
    again.close();
  });

  it('upgrades a version-1 file in place and keeps its rows', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const v1 = openDatabase(file, { migrations: migrations.slice(0, 1) });
    v1.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'From v1', 1, 1);
    v1.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    expect(db.prepare('SELECT name, deleted_at FROM projects').all()).toEqual([{ name: 'From v1', deleted_at: null }]);
    db.close();
  });

  it('applies only the migrations newer than the file', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    openDatabase(file).close();
    const version = (migrations.at(-1)?.version ?? 0) + 1;
    const next = [...migrations, { version, name: 'test', up: 'ALTER TABLE projects ADD COLUMN colour TEXT;' }];
    const db = openDatabase(file, { migrations: next });
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT colour FROM projects').all()).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer Montage with a clear message and leaves it untouched', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const db = openDatabase(file);
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/schema version 99 is newer/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt file clearly and does not overwrite it', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const garbage = Buffer.from('this is not an SQLite database, just some bytes '.repeat(200));
    writeFileSync(file, garbage);
    expect(() => openDatabase(file)).toThrow(/Montage cannot use its database .*montage\.db/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});
