// SQL for the projects table. Rows come back as API records. Names are unique among live projects
// by the schema (migration 3's index on name_key), so writers never read the list to check a name:
// a UNIQUE violation is the answer. `write` runs a read-then-write service call in one IMMEDIATE
// transaction: it takes SQLite's write lock at BEGIN, so another connection cannot slip a change in
// between the read and the write (a DEFERRED one would also fail with SQLITE_BUSY on upgrade).
import type { Project } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { projectNameKey } from './project-name-key';
import { asStorageError } from './storage-errors';

interface ProjectRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  last_opened_at: number | null;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id as ProjectId,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastOpenedAt: r.last_opened_at,
});

/** Thrown by insert, rename and restore when a live project already has that name. */
export class ProjectNameTakenError extends Error {
  constructor(readonly projectName: string) {
    super(`A live project is already named ${projectName}`);
    this.name = 'ProjectNameTakenError';
  }
}

const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

function guardName<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ProjectNameTakenError(name);
    throw err;
  }
}

/**
 * The read-only part: what `montage projects list` uses on a read-only connection beside a running
 * host. It prepares no statement that needs name_key, so it also reads a database not yet migrated.
 */
export function createProjectsReader(db: Db) {
  // The ORDER BY expression is the one of migration 3's projects_list_order index, so a page is an
  // index walk rather than a sort of every project; `id` makes the order total for stable paging.
  const page = db.prepare<[number, number], ProjectRow>(
    `SELECT id, name, created_at, updated_at, last_opened_at FROM projects WHERE deleted_at IS NULL
     ORDER BY max(coalesce(last_opened_at, 0), updated_at) DESC, name COLLATE NOCASE, id LIMIT ? OFFSET ?`,
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM projects WHERE deleted_at IS NULL');
  return {
    /** One page and the total, read in one transaction so they agree. */
    page(limit: number, offset: number): { items: Project[]; total: number } {
      return db.transaction(() => ({ items: page.all(limit, offset).map(toProject), total: count.get()?.n ?? 0 }))();
    },
  };
}

export function createProjectsRepo(db: Db) {
  const reader = createProjectsReader(db);
  const insert = db.prepare(
    'INSERT INTO projects (id, name, name_key, created_at, updated_at, last_opened_at) VALUES (@id, @name, @nameKey, @createdAt, @updatedAt, @lastOpenedAt)',
  );
  const byId = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ? AND deleted_at IS NULL');
  const trashedById = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ? AND deleted_at IS NOT NULL');
  const recent = db.prepare<[number], ProjectRow>(
    'SELECT * FROM projects WHERE deleted_at IS NULL AND last_opened_at IS NOT NULL ORDER BY last_opened_at DESC LIMIT ?',
  );
  // Every write to a live project says `AND deleted_at IS NULL`: its change count, not an earlier
  // read, decides whether the project still exists.
  const rename = db.prepare('UPDATE projects SET name = ?, name_key = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL');
  const opened = db.prepare('UPDATE projects SET last_opened_at = ? WHERE id = ? AND deleted_at IS NULL');
  const trash = db.prepare('UPDATE projects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const restore = db.prepare('UPDATE projects SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
  const purge = db.prepare('DELETE FROM projects WHERE deleted_at IS NOT NULL AND deleted_at < ?');

  return {
    /**
     * Runs fn in one IMMEDIATE transaction (see the header). A lock held elsewhere surfaces as a
     * transient StorageError, which the service retries: nothing was written, so that is safe.
     */
    write<T>(fn: () => T): T {
      try {
        return db.transaction(fn).immediate();
      } catch (err) {
        throw asStorageError(err, db.name) ?? err;
      }
    },
    /** @throws ProjectNameTakenError */
    insert(p: Project): void {
      guardName(p.name, () => insert.run({ ...p, nameKey: projectNameKey(p.name) }));
    },
    /** A live (not trashed) project. */
    get(id: string): Project | undefined {
      const row = byId.get(id);
      return row && toProject(row);
    },
    trashed(id: string): Project | undefined {
      const row = trashedById.get(id);
      return row && toProject(row);
    },
    page(limit: number, offset: number): { items: Project[]; total: number } {
      return reader.page(limit, offset);
    },
    recent(limit: number): Project[] {
      return recent.all(limit).map(toProject);
    },
    /** False when the project is gone or trashed. @throws ProjectNameTakenError */
    rename(id: string, name: string, at: number): boolean {
      return guardName(name, () => rename.run(name, projectNameKey(name), at, id).changes > 0);
    },
    markOpened(id: string, at: number): boolean {
      return opened.run(at, id).changes > 0;
    },
    /** Moves a project to the trash; `restore` brings it back until `purgeTrashedBefore`. */
    trash(id: string, at: number): boolean {
      return trash.run(at, id).changes > 0;
    },
    /** @throws ProjectNameTakenError when a live project took its name meanwhile. */
    restore(id: string, name: string): boolean {
      return guardName(name, () => restore.run(id).changes > 0);
    },
    purgeTrashedBefore(at: number): number {
      return purge.run(at).changes;
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
