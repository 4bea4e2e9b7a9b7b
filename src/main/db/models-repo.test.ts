// The models repo on a real SQLite file: rows round-trip as API records, names clash per kind as
// ModelNameTakenError, a lock held by another program is a StorageError naming the file, and the
// read-only reader tolerates a database from before migration 7.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelId } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { tempHome } from '../test/temp-home';
import { openDatabase, type Db } from './database';
import { migrations } from './migrations';
import { createModelsReader, createModelsRepo, ModelNameTakenError, publicModel, type StoredModel } from './models-repo';
import { StorageError } from './storage-errors';

function model(fields: Partial<StoredModel> = {}): StoredModel {
  const id = randomUUID() as ModelId;
  return {
    id,
    name: 'Lullabies',
    kind: 'melody',
    configName: 'melody-2bar',
    config: { latentSize: 128, nested: { a: [1, 2] } },
    vocabulary: 90,
    steps: 32,
    data: { examples: 312, skipped: [{ reason: 'no notes in the window', label: 'silent', count: 28 }], sources: [{ name: 'groove.mid', examples: 312 }] },
    curve: { steps: [10, 20], loss: [2.5, 1.9], kl: [3, 4], accuracy: [0.3, 0.5] },
    metrics: { accuracy: 0.5, loss: 1.9 },
    origin: 'trained',
    projectId: null,
    createdAt: 1000,
    dir: id,
    source: null,
    manifestHash: 'b'.repeat(64),
    ...fields,
  };
}

describe('models repo', () => {
  let home: ReturnType<typeof tempHome>;
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    home?.remove();
  });
  const start = () => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'));
    open.push(db);
    return { db, repo: createModelsRepo(db) };
  };

  it('stores and reads a model whole, lists newest first and by kind', () => {
    const { repo } = start();
    const a = model({ name: 'Old', createdAt: 1 });
    const b = model({ name: 'New', createdAt: 2 });
    const c = model({ name: 'Beats', kind: 'drums', createdAt: 3 });
    for (const m of [a, b, c]) repo.insert(m);
    expect(repo.get(a.id)).toEqual(a);
    expect(repo.list().map((m) => m.name)).toEqual(['Beats', 'New', 'Old']);
    expect(repo.list('melody').map((m) => m.name)).toEqual(['New', 'Old']);
    expect(publicModel(a)).not.toHaveProperty('dir');
    expect(publicModel(a)).not.toHaveProperty('manifestHash');
    expect(repo.get(randomUUID())).toBeUndefined();
  });

  it('finds models by name as the index compares them, and a shipped one by its folder', () => {
    const { repo } = start();
    const melody = model({ name: 'Straße' });
    const drums = model({ name: 'strasse', kind: 'drums' });
    const shipped = model({ name: 'Basic', origin: 'shipped', source: 'melody-basic' });
    for (const m of [melody, drums, shipped]) repo.insert(m);
    expect(repo.byName(' STRASSE ').map((m) => m.id)).toEqual([drums.id, melody.id]);
    expect(repo.shipped('melody-basic')?.id).toBe(shipped.id);
    expect(repo.shipped('other')).toBeUndefined();
    expect(repo.nameTaken('melody', 'basic')).toBe(true);
    expect(repo.nameTaken('drums', 'basic')).toBe(false);
  });

  it('answers a name clash with ModelNameTakenError on insert and rename', () => {
    const { repo } = start();
    const a = model({ name: 'A' });
    const b = model({ name: 'B' });
    repo.insert(a);
    repo.insert(b);
    expect(() => repo.insert(model({ name: 'a' }))).toThrow(ModelNameTakenError);
    expect(() => repo.rename(b.id, ' A')).toThrow(ModelNameTakenError);
    expect(repo.rename(b.id, 'C')).toBe(true);
    expect(repo.get(b.id)?.name).toBe('C');
    expect(repo.rename(randomUUID(), 'D')).toBe(false);
  });

  it('stores a project id that no longer exists as null, and a live one as it is', () => {
    const { db, repo } = start();
    db.prepare("INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES ('p1', 'Demo', 'demo', 1, 1)").run();
    const kept = model({ name: 'kept', projectId: 'p1' as ProjectId });
    const orphan = model({ name: 'orphan', projectId: randomUUID() as ProjectId });
    repo.insert(kept);
    repo.insert(orphan);
    expect(repo.get(kept.id)?.projectId).toBe('p1');
    expect(repo.get(orphan.id)?.projectId).toBeNull();
  });

  it('updates a model in place and removes it', () => {
    const { repo } = start();
    const m = model({ name: 'Basic', origin: 'shipped', source: 'basic' });
    repo.insert(m);
    expect(repo.update({ ...m, name: 'ignored', metrics: { accuracy: 0.9 }, manifestHash: 'c'.repeat(64) })).toBe(true);
    expect(repo.get(m.id)).toMatchObject({ name: 'Basic', metrics: { accuracy: 0.9 }, manifestHash: 'c'.repeat(64) });
    expect(repo.remove(m.id)).toBe(true);
    expect(repo.remove(m.id)).toBe(false);
    expect(repo.list()).toEqual([]);
  });

  it('turns a lock held by another program into a StorageError that names the file', () => {
    const { db, repo } = start();
    const other = new Database(db.name);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');
    let caught: unknown;
    try {
      repo.insert(model());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).transient).toBe(true);
    expect((caught as StorageError).message).toContain(db.name);
    other.exec('ROLLBACK');
    repo.insert(model());
    expect(repo.list()).toHaveLength(1);
  });

  it('reads nothing from a database older than migration 7', () => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'), { migrations: migrations.filter((m) => m.version <= 6) });
    open.push(db);
    expect(createModelsReader(db).list()).toEqual([]);
  });
});
