// SQL for the event log (migration 11) and the settings table. Rows come back as API records
// (HistoryEvent). Every method maps SQLite's busy/full/IO/read-only errors to a StorageError
// (guardStorage); services/event-log.ts batches the inserts and retries them.
import type { EventData, EventType, HistoryEvent, ItemKind } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

interface EventRow {
  id: number;
  at: number;
  profile: string;
  type: string;
  item: string | null;
  project_id: string | null;
  session_id: string | null;
  weight: number;
  data_json: string;
}

export interface NewEvent {
  at: number;
  profile?: string;
  type: EventType;
  item: string | null;
  projectId: string | null;
  sessionId: string | null;
  weight: number;
  data: EventData;
}

export interface EventFilter {
  types?: readonly EventType[];
  item?: string;
  itemKind?: ItemKind;
  projectId?: string;
  since?: number;
  until?: number;
  before?: number;
  limit: number;
}

/** One weighted event with an item, as the recommenders read them (oldest first). */
export interface Interaction {
  id: number;
  at: number;
  profile: string;
  type: string;
  item: string;
  projectId: string | null;
  sessionId: string | null;
  weight: number;
}

const cols = 'id, at, profile, type, item, project_id, session_id, weight, data_json';
const toEvent = (r: EventRow): HistoryEvent => ({
  id: r.id,
  at: r.at,
  profile: r.profile,
  type: r.type as EventType,
  item: r.item,
  projectId: r.project_id as ProjectId | null,
  sessionId: r.session_id,
  weight: r.weight,
  data: JSON.parse(r.data_json) as EventData,
});

const toInteraction = (r: { id: number; at: number; profile: string; type: string; item: string; project_id: string | null; session_id: string | null; weight: number }): Interaction => ({
  id: r.id,
  at: r.at,
  profile: r.profile,
  type: r.type,
  item: r.item,
  projectId: r.project_id,
  sessionId: r.session_id,
  weight: r.weight,
});

export function createEventsRepo(db: Db) {
  const insert = db.prepare<[number, string, string, string | null, string | null, string | null, number, string]>(
    'INSERT INTO events (at, profile, type, item, project_id, session_id, weight, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAll = db.transaction((events: readonly NewEvent[]) => {
    for (const e of events) insert.run(e.at, e.profile ?? 'local', e.type, e.item, e.projectId, e.sessionId, e.weight, JSON.stringify(e.data));
  });
  const deleteOne = db.prepare<[number]>('DELETE FROM events WHERE id = ?');
  const deleteAll = db.transaction((ids: readonly number[]) => ids.reduce((n, id) => n + deleteOne.run(id).changes, 0));
  const clear = db.prepare('DELETE FROM events');
  const summary = db.prepare<[], { n: number; oldest: number | null; newest: number | null }>('SELECT count(*) AS n, min(at) AS oldest, max(at) AS newest FROM events');
  // The newest `limit` weighted events with an item after `afterId`, returned oldest first.
  const interactions = db.prepare<[number, number], { id: number; at: number; profile: string; type: string; item: string; project_id: string | null; session_id: string | null; weight: number }>(
    `SELECT * FROM (SELECT id, at, profile, type, item, project_id, session_id, weight FROM events
     WHERE item IS NOT NULL AND weight > 0 AND id > ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
  );
  // Paged reading of the same rows, oldest first: where the newest N after an id start, then pages.
  const interactionsStart = db.prepare<[number, number], { id: number }>(
    'SELECT id FROM events WHERE item IS NOT NULL AND weight > 0 AND id > ? ORDER BY id DESC LIMIT 1 OFFSET ?',
  );
  const interactionsPage = db.prepare<[number, number], { id: number; at: number; profile: string; type: string; item: string; project_id: string | null; session_id: string | null; weight: number }>(
    'SELECT id, at, profile, type, item, project_id, session_id, weight FROM events WHERE item IS NOT NULL AND weight > 0 AND id > ? ORDER BY id LIMIT ?',
  );
  const activity = db.prepare<[number], { day: number; type: string; kind: string | null; n: number }>(
    `SELECT CAST(at / 86400000 AS INTEGER) AS day, type, substr(item, 1, instr(item, ':') - 1) AS kind, count(*) AS n
     FROM events WHERE at >= ? GROUP BY day, type, kind`,
  );
  const keeps = db.prepare<[number], { item: string | null; temperature: number | null; type: string; n: number }>(
    `SELECT item, json_extract(data_json, '$.args.temperature') AS temperature, type, count(*) AS n FROM events
     WHERE type IN ('generation.kept', 'generation.discarded') AND at >= ? GROUP BY item, temperature, type`,
  );
  const itemCounts = db.prepare<[string, string, string, number, number], { item: string; n: number }>(
    'SELECT item, count(*) AS n FROM events WHERE item >= ? AND item < ? AND type = ? AND at >= ? GROUP BY item ORDER BY n DESC, item LIMIT ?',
  );
  const recommendations = db.prepare<[number], { type: string; kind: string; n: number }>(
    `SELECT type, substr(item, 1, instr(item, ':') - 1) AS kind, count(*) AS n FROM events
     WHERE type IN ('recommendation.shown', 'recommendation.clicked') AND item IS NOT NULL AND at >= ? GROUP BY type, kind`,
  );
  const getSetting = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const setSetting = db.prepare<[string, string]>('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json');

  return guardStorage(db.name, {
    /** Inserts a batch in one transaction (all or none). */
    insertMany(events: readonly NewEvent[]): void {
      if (events.length > 0) insertAll(events);
    },
    list(filter: EventFilter): HistoryEvent[] {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.types && filter.types.length > 0) {
        where.push(`type IN (${filter.types.map(() => '?').join(', ')})`);
        params.push(...filter.types);
      }
      if (filter.item !== undefined) {
        where.push('item = ?');
        params.push(filter.item);
      }
      if (filter.itemKind !== undefined) {
        // A range on the item key, so the item index answers it.
        where.push('item >= ? AND item < ?');
        params.push(`${filter.itemKind}:`, `${filter.itemKind};`);
      }
      if (filter.projectId !== undefined) {
        where.push('project_id = ?');
        params.push(filter.projectId);
      }
      if (filter.since !== undefined) {
        where.push('at >= ?');
        params.push(filter.since);
      }
      if (filter.until !== undefined) {
        where.push('at < ?');
        params.push(filter.until);
      }
      if (filter.before !== undefined) {
        // The next page: older than the given event in the list's (at, id) order.
        where.push('(at, id) < (SELECT at, id FROM events WHERE id = ?)');
        params.push(filter.before);
      }
      const sql = `SELECT ${cols} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
      return db.prepare<(string | number)[], EventRow>(sql).all(...params, filter.limit).map(toEvent);
    },
    /** Weighted events with an item after event `afterId` (the newest `limit` of them), oldest first: what the recommenders learn from. */
    interactions(afterId = 0, limit = Number.MAX_SAFE_INTEGER): Interaction[] {
      return interactions.all(afterId, limit).map(toInteraction);
    },
    /** The id after which the newest `newest` interactions past `afterId` start (for reading them in pages). */
    interactionsStart(afterId: number, newest: number): number {
      return interactionsStart.get(afterId, newest)?.id ?? afterId;
    },
    /** Up to `limit` interactions after `afterId`, oldest first. */
    interactionsPage(afterId: number, limit: number): Interaction[] {
      return interactionsPage.all(afterId, limit).map(toInteraction);
    },
    delete(ids: readonly number[]): number {
      return deleteAll(ids);
    },
    clear(): number {
      return clear.run().changes;
    },
    summary(): { events: number; oldest: number | null; newest: number | null } {
      const row = summary.get();
      return { events: row?.n ?? 0, oldest: row?.oldest ?? null, newest: row?.newest ?? null };
    },
    /** Events per UTC day (days since the epoch), type and item kind, since `since`. */
    activity(since: number): { day: number; type: string; kind: string | null; n: number }[] {
      return activity.all(since);
    },
    /** Kept and discarded generated results per item (model) and temperature, since `since`. */
    keeps(since: number): { item: string | null; temperature: number | null; type: string; n: number }[] {
      return keeps.all(since).map((r) => ({ ...r, temperature: typeof r.temperature === 'number' ? r.temperature : null }));
    },
    /** The items of one kind most often in events of one type since `since`. */
    itemCounts(kind: ItemKind, type: EventType, since: number, limit: number): { item: string; n: number }[] {
      return itemCounts.all(`${kind}:`, `${kind};`, type, since, limit);
    },
    /** Recommendations shown and clicked per item kind since `since`. */
    recommendations(since: number): { type: string; kind: string; n: number }[] {
      return recommendations.all(since);
    },
    setting<T>(key: string): T | undefined {
      const row = getSetting.get(key);
      return row ? (JSON.parse(row.value_json) as T) : undefined;
    },
    setSetting(key: string, value: unknown): void {
      setSetting.run(key, JSON.stringify(value));
    },
  });
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
