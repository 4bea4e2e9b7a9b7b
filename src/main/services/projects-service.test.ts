import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError, type StudioEvents } from '../../shared/api';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { EventLog } from './event-log';
import { createProjectsRepo, type ProjectsRepo } from '../db/projects-repo';
import { tempHome } from '../test/temp-home';
import { createEventBus } from './event-bus';
import { createProjectsService, trashKeepMs } from './projects-service';

describe('projects service on a real SQLite file', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let clock: number;
  let seen: StudioEvents['onProjectsChanged'][];
  let service: ReturnType<typeof createProjectsService>;
  let log: EventLog;

  beforeEach(() => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    clock = 1_000;
    seen = [];
    const bus = createEventBus();
    bus.on('onProjectsChanged', (e) => seen.push(e));
    log = new EventLog(createEventsRepo(db));
    service = createProjectsService(createProjectsRepo(db), log, bus, () => clock++);
  });
  afterEach(() => {
    db.close();
    home.remove();
  });

  it('creates, lists, renames, opens and deletes', async () => {
    const a = await service.create({ name: 'Night drive' });
    const b = await service.create({ name: 'Pilot episode' });
    expect((await service.list({})).items.map((p) => p.name)).toEqual(['Pilot episode', 'Night drive']);

    await service.open({ id: a.id });
    expect((await service.list({})).items[0]?.id).toBe(a.id);
    expect((await service.recent({ limit: 5 })).map((p) => p.id)).toEqual([a.id]);

    const renamed = await service.rename({ id: b.id, name: 'Pilot, draft 2' });
    expect(renamed.name).toBe('Pilot, draft 2');
    expect(renamed.updatedAt).toBeGreaterThan(b.updatedAt);

    await service.delete({ id: a.id });
    expect(await service.list({})).toMatchObject({ items: [{ name: 'Pilot, draft 2' }], total: 1 });
    expect(seen.map((e) => e.reason)).toEqual(['created', 'created', 'opened', 'renamed', 'deleted']);
    const history = log.list({ limit: 10 }).map((e) => e.type);
    expect(history).toEqual(['project.deleted', 'project.renamed', 'project.opened', 'project.created', 'project.created']);
  });

  it('refuses a duplicate name, case-insensitively, with a conflict error', async () => {
    await service.create({ name: 'Demo' });
    await expect(service.create({ name: 'demo' })).rejects.toMatchObject({ code: 'conflict' });
    const other = await service.create({ name: 'Other' });
    await expect(service.rename({ id: other.id, name: 'DEMO' })).rejects.toBeInstanceOf(StudioError);
  });

  it('restores a deleted project (Undo), unless its name was taken meanwhile', async () => {
    const p = await service.create({ name: 'Demo tape' });
    await service.delete({ id: p.id });
    expect(await service.list({})).toEqual({ items: [], total: 0 });
    const back = await service.restore({ id: p.id });
    expect(back).toMatchObject({ id: p.id, name: 'Demo tape' });
    expect((await service.list({})).items.map((x) => x.id)).toEqual([p.id]);
    await expect(service.restore({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });

    await service.delete({ id: p.id });
    await service.create({ name: 'demo TAPE' });
    await expect(service.restore({ id: p.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(seen.map((e) => e.reason)).toEqual(['created', 'deleted', 'restored', 'deleted', 'created']);
  });

  it('removes trashed projects for good a day later, when the host starts', async () => {
    const p = await service.create({ name: 'Old idea' });
    await service.delete({ id: p.id });
    const later = createProjectsService(createProjectsRepo(db), new EventLog(createEventsRepo(db)), createEventBus(), () => clock + trashKeepMs + 1);
    await expect(later.restore({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM projects').get()).toEqual({ n: 0 });
  });

  it('says not-found for a deleted project', async () => {
    const p = await service.create({ name: 'Gone soon' });
    await service.delete({ id: p.id });
    await expect(service.open({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.rename({ id: p.id, name: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });
  it('treats names that differ only in case, accents’ encoding or ß/SS as the same name', async () => {
    await service.create({ name: 'Caf\u00e9 STRASSE' });
    // The same name with a decomposed é (as macOS file names come) and a sharp s.
    await expect(service.create({ name: 'cafe\u0301 stra\u00dfe' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
    expect((await service.create({ name: 'Cafe STRASSE' })).name).toBe('Cafe STRASSE');
  });

  it('pages the list with a total, most recent first', async () => {
    for (let i = 0; i < 25; i++) await service.create({ name: `Song ${String(i).padStart(2, '0')}` });
    const first = await service.list({ limit: 10 });
    expect(first.total).toBe(25);
    expect(first.items.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Song ${String(24 - i).padStart(2, '0')}`));
    const last = await service.list({ limit: 10, offset: 20 });
    expect(last).toMatchObject({ total: 25 });
    expect(last.items.map((p) => p.name)).toEqual(['Song 04', 'Song 03', 'Song 02', 'Song 01', 'Song 00']);
    expect(await service.list({ offset: 100 })).toEqual({ items: [], total: 25 });
    // The default page is 200.
    expect((await service.list({})).items).toHaveLength(25);
  });

  it('creates and renames without reading the project list (the unique index checks the name)', async () => {
    const repo = createProjectsRepo(db);
    let listed = 0;
    const counting: ProjectsRepo = { ...repo, page: (limit, offset) => (listed++, repo.page(limit, offset)) };
    const s = createProjectsService(counting, new EventLog(createEventsRepo(db)), createEventBus(), () => clock++);
    const p = await s.create({ name: 'One' });
    await s.rename({ id: p.id, name: 'Two' });
    await expect(s.create({ name: 'two' })).rejects.toMatchObject({ code: 'conflict' });
    expect(listed).toBe(0);
  });

  it('never renames a project that a delete on another connection trashed between the read and the write', async () => {
    // Two connections to one file, as two hosts had before the data-folder lock. The delete is
    // slipped in right after the rename's first read; it must either wait for the rename's
    // transaction or the rename must report not-found and leave the row alone.
    const other = openDatabase(join(home.dir, 'montage.db'));
    other.pragma('busy_timeout = 0');
    try {
      const p = await service.create({ name: 'Before' });
      const repo = createProjectsRepo(db);
      let interleaved = false;
      let deleteBlocked = false;
      const racing: ProjectsRepo = {
        ...repo,
        get(id) {
          const found = repo.get(id);
          if (!interleaved) {
            interleaved = true;
            try {
              createProjectsRepo(other).trash(id, clock++);
            } catch (err) {
              deleteBlocked = (err as { code?: string }).code === 'SQLITE_BUSY';
            }
          }
          return found;
        },
      };
      const s = createProjectsService(racing, new EventLog(createEventsRepo(db)), createEventBus(), () => clock++);
      const outcome = await s.rename({ id: p.id, name: 'After' }).then(
        () => 'renamed',
        (e: StudioError) => e.code,
      );
      expect(interleaved).toBe(true);
      const row = db.prepare('SELECT name, deleted_at FROM projects WHERE id = ?').get(p.id) as { name: string; deleted_at: number | null };
      // Whatever the interleaving, what the caller is told matches what happened to the row.
      expect({ outcome, name: row.name }).toEqual(outcome === 'renamed' ? { outcome, name: 'After' } : { outcome: 'not-found', name: 'Before' });
      if (outcome === 'renamed') expect({ deleteBlocked, trashed: row.deleted_at !== null }).toEqual({ deleteBlocked: true, trashed: false });
    } finally {
      other.close();
    }
  });

  it('refuses to rename a trashed row at the SQL level', async () => {
    const p = await service.create({ name: 'Trashed' });
    await service.delete({ id: p.id });
    expect(createProjectsRepo(db).rename(p.id, 'Renamed anyway', clock++)).toBe(false);
    expect(db.prepare('SELECT name FROM projects WHERE id = ?').get(p.id)).toEqual({ name: 'Trashed' });
  });

  it('two processes racing 1,000 creates of the same names on one file leave no duplicates', async () => {
    const count = 1000;
    const children = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'projects-race-child.ts'), join(home.dir, 'montage.db'), String(count)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = children.map((c) => {
      const out: string[] = [];
      let buf = '';
      c.stdout.setEncoding('utf8');
      c.stdout.on('data', (d: string) => {
        buf += d;
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        out.push(...parts);
      });
      return out;
    });
    await expect.poll(() => lines.every((l) => l.includes('ready')), { timeout: 30_000 }).toBe(true);
    for (const c of children) c.stdin.write('go\n');
    await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
    const results = lines.map((l) => JSON.parse(l.at(-1) as string) as { created: number; conflicts: number; failures: string[] });
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(count);
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBe(count);
    const dupes = db.prepare('SELECT name, COUNT(*) AS n FROM projects GROUP BY lower(name) HAVING n > 1').all();
    expect(dupes).toEqual([]);
    expect((await service.list({ limit: 1 })).total).toBe(count);
  });
});
