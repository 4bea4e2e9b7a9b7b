// Implements ProjectsService over the projects table; records each change in the local history
// and announces it with onProjectsChanged.
import { randomUUID } from 'node:crypto';
import { StudioError, type Project, type ProjectsService } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { EventsRepo } from '../db/events-repo';
import type { ProjectsRepo } from '../db/projects-repo';
import type { EventBus } from './event-bus';

export function createProjectsService(repo: ProjectsRepo, history: EventsRepo, bus: EventBus, now = Date.now): ProjectsService {
  const mustGet = (id: string): Project => {
    const p = repo.get(id);
    if (!p) throw new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');
    return p;
  };
  const assertNameFree = (name: string, except?: string): void => {
    const taken = repo.list().some((p) => p.id !== except && p.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (taken) throw new StudioError('conflict', `A project named “${name}” already exists. Choose another name.`);
  };
  const changed = (reason: 'created' | 'renamed' | 'opened' | 'deleted', id: string): void => {
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
      repo.delete(id);
      changed('deleted', id);
      return { id: id as ProjectId };
    },
  };
}
