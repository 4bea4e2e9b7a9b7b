import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError, type StudioEvents } from '../../shared/api';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { createProjectsRepo } from '../db/projects-repo';
import { tempHome } from '../test/temp-home';
import { createEventBus } from './event-bus';
import { createProjectsService, trashKeepMs } from './projects-service';

describe('projects service on a real SQLite file', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let clock: number;
  let seen: StudioEvents['onProjectsChanged'][];
  let service: ReturnType<typeof createProjectsService>;

  beforeEach(() => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    clock = 1_000;
    seen = [];
    const bus = createEventBus();
    bus.on('onProjectsChanged', (e) => seen.push(e));
    service = createProjectsService(createProjectsRepo(db), createEventsRepo(db), bus, () => clock++);
  });
  afterEach(() => {
    db.close();
    home.remove();
  });

  it('creates, lists, renames, opens and deletes', async () => {
    const a = await service.create({ name: 'Night drive' });
    const b = await service.create({ name: 'Pilot episode' });
    expect((await service.list({})).map((p) => p.name)).toEqual(['Pilot episode', 'Night drive']);

    await service.open({ id: a.id });
    expect((await service.list({}))[0]?.id).toBe(a.id);
    expect((await service.recent({ limit: 5 })).map((p) => p.id)).toEqual([a.id]);

    const renamed = await service.rename({ id: b.id, name: 'Pilot, draft 2' });
    expect(renamed.name).toBe('Pilot, draft 2');
    expect(renamed.updatedAt).toBeGreaterThan(b.updatedAt);

    await service.delete({ id: a.id });
    expect((await service.list({})).map((p) => p.name)).toEqual(['Pilot, draft 2']);
    expect(seen.map((e) => e.reason)).toEqual(['created', 'created', 'opened', 'renamed', 'deleted']);
    const history = createEventsRepo(db).latest(10).map((e) => e.type);
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
    expect(await service.list({})).toEqual([]);
    const back = await service.restore({ id: p.id });
    expect(back).toMatchObject({ id: p.id, name: 'Demo tape' });
    expect((await service.list({})).map((x) => x.id)).toEqual([p.id]);
    await expect(service.restore({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });

    await service.delete({ id: p.id });
    await service.create({ name: 'demo TAPE' });
    await expect(service.restore({ id: p.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(seen.map((e) => e.reason)).toEqual(['created', 'deleted', 'restored', 'deleted', 'created']);
  });

  it('removes trashed projects for good a day later, when the host starts', async () => {
    const p = await service.create({ name: 'Old idea' });
    await service.delete({ id: p.id });
    const later = createProjectsService(createProjectsRepo(db), createEventsRepo(db), createEventBus(), () => clock + trashKeepMs + 1);
    await expect(later.restore({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM projects').get()).toEqual({ n: 0 });
  });

  it('says not-found for a deleted project', async () => {
    const p = await service.create({ name: 'Gone soon' });
    await service.delete({ id: p.id });
    await expect(service.open({ id: p.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.rename({ id: p.id, name: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
