// The local history: an append-only log of what the user did (created a project, ran a job…).
// Later, recommendations and insights read it; it never leaves the machine.
import type { Db } from './database';
import { guardStorage } from './storage-errors';

export interface HistoryEvent {
  id: number;
  at: number;
  type: string;
  subjectId: string | null;
  data: Record<string, unknown>;
}

export function createEventsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO events (at, type, subject_id, data_json) VALUES (?, ?, ?, ?)');
  const latest = db.prepare<[number], { id: number; at: number; type: string; subject_id: string | null; data_json: string }>(
    'SELECT * FROM events ORDER BY id DESC LIMIT ?',
  );
  return guardStorage(db.name, {
    record(type: string, subjectId: string | null, data: Record<string, unknown> = {}, at = Date.now()): void {
      insert.run(at, type, subjectId, JSON.stringify(data));
    },
    latest(limit: number): HistoryEvent[] {
      return latest.all(limit).map((r) => ({ id: r.id, at: r.at, type: r.type, subjectId: r.subject_id, data: JSON.parse(r.data_json) }));
    },
  });
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
