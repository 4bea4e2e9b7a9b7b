// Implements ProjectsService over the projects table; records each change in the local history
// and announces it with onProjectsChanged. Every call that reads and then writes runs in one
// repo.write transaction, and the write's own `deleted_at IS NULL` guard decides not-found, so a
// delete from elsewhere can never land between the check and the change. Name clashes are found by
// the schema's UNIQUE index, not by reading the list (which cost O(projects) per create).
import { randomUUID } from 'node:crypto';
import { StudioError, type Project, type ProjectsService, type StudioEvents } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { EventLog } from './event-log';
import { ProjectNameTakenError, type ProjectsRepo } from '../db/projects-repo';
import { retryStorageWrite } from '../db/storage-errors';
import type { EventBus } from './event-bus';

/** How long a deleted project can be restored (Undo) before the host removes it for good. */
export const trashKeepMs = 24 * 60 * 60 * 1000;

const gone = (): StudioError => new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');

export function createProjectsService(repo: ProjectsRepo, history: EventLog, bus: EventBus, now = Date.now): ProjectsService {
  repo.purgeTrashedBefore(now() - trashKeepMs);
  const mustGet = (id: string): Project => {
    const p = repo.get(id);
    if (!p) throw gone();
    return p;
  };
  /**
   * Runs a read-then-write in one transaction, retried (asynchronously) while another connection
   * holds the write lock; maps a name clash to 'conflict'. Callers emit events after it commits.
   */
  const write = async <T>(fn: () => T, name?: string): Promise<T> => {
    try {
      return await retryStorageWrite(() => repo.write(fn));
    } catch (err) {
      if (err instanceof ProjectNameTakenError) {
        throw new StudioError('conflict', `A project named “${name ?? err.projectName}” already exists. Choose another name.`);
      }
      throw err;
    }
  };
  const record = (reason: StudioEvents['onProjectsChanged']['reason'], id: string): void => void history.record({ type: `project.${reason}`, item: `project:${id}`, projectId: id });
  const announce = (reason: StudioEvents['onProjectsChanged']['reason'], id: string): void => bus.emit('onProjectsChanged', { reason, id });

  return {
    async list({ limit = 200, offset = 0 }) {
      return repo.page(limit, offset);
    },
    async recent(args) {
      return repo.recent(args.limit ?? 5);
    },
    async get({ id }) {
      return mustGet(id);
    },
    async create({ name }) {
      const at = now();
      const project: Project = { id: randomUUID() as ProjectId, name, createdAt: at, updatedAt: at, lastOpenedAt: null };
      await write(() => {
        repo.insert(project);
        record('created', project.id);
      }, name);
      announce('created', project.id);
      return project;
    },
    async rename({ id, name }) {
      const renamed = await write(() => {
        mustGet(id);
        if (!repo.rename(id, name, now())) throw gone();
        record('renamed', id);
        return mustGet(id);
      }, name);
      announce('renamed', id);
      return renamed;
    },
    async open({ id }) {
      const opened = await write(() => {
        if (!repo.markOpened(id, now())) throw gone();
        record('opened', id);
        return mustGet(id);
      });
      announce('opened', id);
      return opened;
    },
    async delete({ id }) {
      await write(() => {
        if (!repo.trash(id, now())) throw gone();
        record('deleted', id);
      });
      announce('deleted', id);
      return { id: id as ProjectId };
    },
    async restore({ id }) {
      const restored = await write(() => {
        const trashed = repo.trashed(id);
        if (!trashed || !repo.restore(id, trashed.name)) throw new StudioError('not-found', 'That project can no longer be restored.');
        record('restored', id);
        return mustGet(id);
      });
      announce('restored', id);
      return restored;
    },
  };
}
