// SQL for the projects table. Rows come back as API records.
import type { Project } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { Db } from './database';

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

export function createProjectsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO projects (id, name, created_at, updated_at, last_opened_at) VALUES (@id, @name, @createdAt, @updatedAt, @lastOpenedAt)',
  );
  const byId = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ? AND deleted_at IS NULL');
  const trashedById = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ? AND deleted_at IS NOT NULL');
  const all = db.prepare<[], ProjectRow>(
    'SELECT * FROM projects WHERE deleted_at IS NULL ORDER BY MAX(COALESCE(last_opened_at, 0), updated_at) DESC, name COLLATE NOCASE',
  );
  const recent = db.prepare<[number], ProjectRow>(
    'SELECT * FROM projects WHERE deleted_at IS NULL AND last_opened_at IS NOT NULL ORDER BY last_opened_at DESC LIMIT ?',
  );
  const rename = db.prepare('UPDATE projects SET name = ?, updated_at = ? WHERE id = ?');
  const opened = db.prepare('UPDATE projects SET last_opened_at = ? WHERE id = ?');
  const trash = db.prepare('UPDATE projects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const restore = db.prepare('UPDATE projects SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
  const purge = db.prepare('DELETE FROM projects WHERE deleted_at IS NOT NULL AND deleted_at < ?');

  return {
    insert(p: Project): void {
      insert.run(p);
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
    list(): Project[] {
      return all.all().map(toProject);
    },
    recent(limit: number): Project[] {
      return recent.all(limit).map(toProject);
    },
    rename(id: string, name: string, at: number): boolean {
      return rename.run(name, at, id).changes > 0;
    },
    markOpened(id: string, at: number): boolean {
      return opened.run(at, id).changes > 0;
    },
    /** Moves a project to the trash; `restore` brings it back until `purgeTrashedBefore`. */
    trash(id: string, at: number): boolean {
      return trash.run(at, id).changes > 0;
    },
    restore(id: string): boolean {
      return restore.run(id).changes > 0;
    },
    purgeTrashedBefore(at: number): number {
      return purge.run(at).changes;
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
