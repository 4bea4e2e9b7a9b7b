// The history service on a real SQLite file (migration 8): entries round-trip as API records,
// `list` filters by project and kind newest first, an unknown project is stored as none, a purged
// project's entries stay (project NULL), a lock held by another program is waited out and then
// answered `unavailable` naming the file, a full disk likewise, and the table is pruned.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyArgs, type HistoryPayload, type HistoryService, type StudioError } from '../../shared/api';
import { openDatabase, type Db } from '../db/database';
import { createHistoryRepo } from '../db/history-repo';
import { StorageError } from '../db/storage-errors';
import { tempHome } from '../test/temp-home';
import { createHistoryService } from './history-service';

const payload: HistoryPayload = {
  mode: 'generate',
  args: { count: 4, temperature: 1, key: { tonic: 0, mode: 'major' } },
  clip: { notes: 12, density: 6, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: 1 },
  index: 2,
  via: 'button',
};

describe('history service', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    home?.remove();
    home = undefined;
  });
  const start = (options: Parameters<typeof createHistoryService>[1] = {}) => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'));
    open.push(db);
    let clock = 1000;
    const service = createHistoryService(createHistoryRepo(db), { now: () => clock++, ...options });
    return { db, service };
  };
  // As dispatch does: the contract's schema first.
  const record = (service: HistoryService, args: unknown) => service.record(historyArgs.record.parse(args));
  const list = (service: HistoryService, args: unknown) => service.list(historyArgs.list.parse(args));
  const addProject = (db: Db): string => {
    const id = randomUUID();
    db.prepare('INSERT INTO projects (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, 1, 1)').run(id, `P ${id}`, `p ${id}`);
    return id;
  };

  it('records entries and lists them newest first, by project and kind', async () => {
    const { db, service } = start();
    const p1 = addProject(db);
    const p2 = addProject(db);
    const model = randomUUID();
    const a = await record(service, { kind: 'generation.requested', projectId: p1, modelId: model, payload: { mode: 'generate', args: { count: 4 } } });
    const b = await record(service, { kind: 'generation.kept', projectId: p1, modelId: model, payload });
    const c = await record(service, { kind: 'generation.discarded', projectId: p2, modelId: model, payload: { ...payload, via: 'key' } });
    expect(b).toEqual({ id: b.id, at: 1001, projectId: p1, kind: 'generation.kept', modelId: model, payload });
    expect((await list(service, {})).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    expect((await list(service, { projectId: p1 })).map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await list(service, { kind: 'generation.kept' })).map((e) => e.id)).toEqual([b.id]);
    expect((await list(service, { projectId: p2, kind: 'generation.discarded' }))[0]?.payload.via).toBe('key');
    expect(await list(service, { projectId: p2, kind: 'generation.kept' })).toEqual([]);
    expect(await list(service, { limit: 1 })).toHaveLength(1);
  });

  it('stores an unknown project as none, and keeps entries when a project is purged', async () => {
    const { db, service } = start();
    const gone = await record(service, { kind: 'generation.kept', projectId: randomUUID(), payload });
    expect(gone.projectId).toBeNull();
    const p = addProject(db);
    const kept = await record(service, { kind: 'generation.kept', projectId: p, payload });
    db.prepare('DELETE FROM projects WHERE id = ?').run(p);
    const after = await list(service, {});
    expect(after.find((e) => e.id === kept.id)?.projectId).toBeNull();
    expect(after).toHaveLength(2);
  });

  it('refuses malformed arguments at the contract', () => {
    expect(() => historyArgs.record.parse({ kind: 'generation.liked', payload })).toThrow();
    expect(() => historyArgs.record.parse({ kind: 'generation.kept', payload: { ...payload, notes: [] } })).toThrow();
    expect(() => historyArgs.record.parse({ kind: 'generation.kept', payload: { mode: 'generate', clip: { ...payload.clip, highPitch: 200 } } })).toThrow();
    expect(() => historyArgs.list.parse({ limit: 0 })).toThrow();
    expect(historyArgs.list.parse({}).limit).toBe(100);
  });

  it('waits out a brief lock, and answers unavailable naming the file when it lasts', async () => {
    const { db, service } = start();
    const other = new Database(db.name);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');
    // Released while the service is retrying: the write goes through.
    setTimeout(() => other.exec('ROLLBACK'), 120);
    const saved = await record(service, { kind: 'generation.kept', payload });
    expect(saved.id).toBeGreaterThan(0);

    other.exec('BEGIN IMMEDIATE');
    let caught: unknown;
    try {
      await record(service, { kind: 'generation.discarded', payload });
    } catch (err) {
      caught = err;
    }
    other.exec('ROLLBACK');
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StudioError).code).toBe('unavailable');
    expect((caught as StudioError).message).toContain(db.name);
    expect(await list(service, {})).toHaveLength(1);
  });

  it('answers a full disk as unavailable with the fix', async () => {
    const { db, service } = start();
    // max_page_count at the current size: the next page the insert needs makes SQLite report SQLITE_FULL.
    const pages = (db.pragma('page_count', { simple: true }) as number) + 0;
    db.pragma(`max_page_count = ${pages}`);
    const big = { ...payload, args: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'x'.repeat(190)])) };
    let caught: unknown;
    try {
      for (let i = 0; i < 50; i++) await record(service, { kind: 'generation.kept', payload: big });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).problem).toBe('full');
    expect((caught as StudioError).message).toMatch(/disk is full/);
  });

  it('keeps the newest entries only', async () => {
    const { service } = start({ maxEntries: 5, pruneEvery: 3 });
    for (let i = 0; i < 12; i++) await record(service, { kind: 'generation.requested', payload: { mode: 'generate', index: i } });
    const left = await list(service, { limit: 100 });
    expect(left.length).toBeLessThanOrEqual(7);
    expect(left[0]?.payload.index).toBe(11);
  });
});
