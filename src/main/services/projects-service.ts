// Implements ProjectsService over the projects table; records each change in the local history
// and announces it with onProjectsChanged.
import { randomUUID } from 'node:crypto';
import { StudioError, type Project, type ProjectsService, type StudioEvents } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { EventsRepo } from '../db/events-repo';
import type { ProjectsRepo } from '../db/projects-repo';
import type { EventBus } from './event-bus';

/** How long a deleted project can be restored (Undo) before the host removes it for good. */
export const trashKeepMs = 24 * 60 * 60 * 1000;

export function createProjectsService(repo: ProjectsRepo, history: EventsRepo, bus: EventBus, now = Date.now): ProjectsService {
  repo.purgeTrashedBefore(now() - trashKeepMs);
  const mustGet = (id: string): Project => {
    const p = repo.get(id);
    if (!p) throw new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');
    return p;
  };
  const assertNameFree = (name: string, except?: string): void => {
    const taken = repo.list().some((p) => p.id !== except && p.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (taken) throw new StudioError('conflict', `A project named “${name}” already exists. Choose another name.`);
  };
  const changed = (reason: StudioEvents['onProjectsChanged']['reason'], id: string): void => {
    history.record(`project.${reason}`, id);
    bus.emit('onProjectsChanged', { reason, id });
  };

  return {
    async list() {
      return repo.list();
    },
    async recent(args) {
      return repo.recent(args.limit ?? 5);
    },
    async get({ id }) {
      return mustGet(id);
    },
    async create({ name }) {
      assertNameFree(name);
      const at = now();
      const project: Project = { id: randomUUID() as ProjectId, name, createdAt: at, updatedAt: at, lastOpenedAt: null };
      repo.insert(project);
      changed('created', project.id);
      return project;
    },
    async rename({ id, name }) {
      mustGet(id);
      assertNameFree(name, id);
      repo.rename(id, name, now());
      changed('renamed', id);
      return mustGet(id);
    },
    async open({ id }) {
      mustGet(id);
      repo.markOpened(id, now());
      changed('opened', id);
      return mustGet(id);
    },
    async delete({ id }) {
      mustGet(id);
      repo.trash(id, now());
      changed('deleted', id);
      return { id: id as ProjectId };
    },
    async restore({ id }) {
      const trashed = repo.trashed(id);
      if (!trashed) throw new StudioError('not-found', 'That project can no longer be restored.');
      assertNameFree(trashed.name, id);
      repo.restore(id);
      changed('restored', id);
      return mustGet(id);
    },
  };
}
