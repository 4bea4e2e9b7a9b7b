// SQL for the generation history (migration 8). Rows come back as API records (HistoryEntry).
// Every method maps SQLite's busy/full/IO/read-only errors to a StorageError (guardStorage); the
// service retries its writes with retryStorageWrite.
import type { HistoryEntry, HistoryKind, HistoryPayload, ModelId } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

interface HistoryRow {
  id: number;
  at: number;
  project_id: string | null;
  kind: string;
  model_id: string | null;
  payload_json: string;
}

const toEntry = (r: HistoryRow): HistoryEntry => ({
  id: r.id,
  at: r.at,
  projectId: r.project_id as ProjectId | null,
  kind: r.kind as HistoryKind,
  modelId: r.model_id as ModelId | null,
  payload: JSON.parse(r.payload_json) as HistoryPayload,
});

export interface NewHistoryEntry {
  at: number;
  projectId: string | null;
  kind: HistoryKind;
  modelId: string | null;
  payload: HistoryPayload;
}

export function createHistoryRepo(db: Db) {
  // A project that does not exist (deleted meanwhile) is stored as none rather than failing.
  const insert = db.prepare<[number, string | null, string, string | null, string], HistoryRow>(
    `INSERT INTO history (at, project_id, kind, model_id, payload_json)
     VALUES (?, (SELECT id FROM projects WHERE id = ?), ?, ?, ?)
     RETURNING id, at, project_id, kind, model_id, payload_json`,
  );
  const cols = 'id, at, project_id, kind, model_id, payload_json';
  const all = db.prepare<[number], HistoryRow>(`SELECT ${cols} FROM history ORDER BY id DESC LIMIT ?`);
  const byKind = db.prepare<[string, number], HistoryRow>(`SELECT ${cols} FROM history WHERE kind = ? ORDER BY id DESC LIMIT ?`);
  const byProject = db.prepare<[string, number], HistoryRow>(`SELECT ${cols} FROM history WHERE project_id = ? ORDER BY id DESC LIMIT ?`);
  const byBoth = db.prepare<[string, string, number], HistoryRow>(`SELECT ${cols} FROM history WHERE project_id = ? AND kind = ? ORDER BY id DESC LIMIT ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM history');
  const prune = db.prepare('DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?)');

  return guardStorage(db.name, {
    insert(entry: NewHistoryEntry): HistoryEntry {
      const row = insert.get(entry.at, entry.projectId, entry.kind, entry.modelId, JSON.stringify(entry.payload));
      if (!row) throw new Error('the history insert returned no row');
      return toEntry(row);
    },
    list(filter: { projectId?: string; kind?: HistoryKind; limit: number }): HistoryEntry[] {
      const { projectId, kind, limit } = filter;
      const rows =
        projectId && kind ? byBoth.all(projectId, kind, limit) : projectId ? byProject.all(projectId, limit) : kind ? byKind.all(kind, limit) : all.all(limit);
      return rows.map(toEntry);
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    /** Keeps the newest `keep` entries; returns how many went. */
    prune(keep: number): number {
      return prune.run(keep).changes;
    },
  });
}
export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
