// Montage's own history as recommender data. There is one local user, so the "users" the models
// learn from are the contexts the events happened in: each studio session and each project is a
// row of the matrix, and items used together in a session or a project come out as similar (item
// CF's co-occurrence). "Now" is one more row: the items of the current project and session and
// the recent past, weighted by how much each event says (its weight) and how recent it is.
import { buildInteractions, type IndexedInteractions, type InteractionRow } from './interactions';

/** One weighted event with an item, as the host's event log gives them (oldest first). */
export interface LocalEvent {
  at: number;
  type: string;
  item: string;
  projectId: string | null;
  sessionId: string | null;
  weight: number;
}

export interface NowOptions {
  now: number;
  projectId?: string | undefined;
  sessionId?: string | undefined;
  /** Weight halves every this many days (default 14). */
  halfLifeDays?: number;
  /** Share of "now" given to the current project and session when they have events (default 0.75). */
  hereShare?: number;
}

/** The id of the "now" row added by `localInteractions`. */
export const nowUser = 'now';

/** The rows of the matrix: one per event and context (session and project), plus the "now" row. */
export function localInteractions(events: readonly LocalEvent[], now: NowOptions): IndexedInteractions & { nowIndex: number } {
  const rows: InteractionRow[] = [];
  for (const e of events) {
    if (e.sessionId) rows.push({ user: `session:${e.sessionId}`, item: e.item, time: e.at, weight: e.weight, context: `session:${e.sessionId}` });
    if (e.projectId) rows.push({ user: `project:${e.projectId}`, item: e.item, time: e.at, weight: e.weight, context: `project:${e.projectId}` });
    if (!e.sessionId && !e.projectId) rows.push({ user: 'unplaced', item: e.item, time: e.at, weight: e.weight });
  }
  for (const [item, weight] of nowProfile(events, now)) rows.push({ user: nowUser, item, time: now.now, weight });
  const indexed = buildInteractions(rows);
  return { ...indexed, nowIndex: indexed.userIndex.get(nowUser) ?? -1 };
}

/** The contexts' rows only (what the harness evaluates on: "now" is not a real context). */
export function contextInteractions(events: readonly LocalEvent[]): IndexedInteractions {
  return localInteractions(events, { now: 0, halfLifeDays: 0 });
}

/**
 * What "now" is: each item's weight, decayed with age. Events in the current project or session
 * make up `hereShare` of it (each part normalised to sum 1), so a month of history does not drown
 * what the user is doing now.
 */
export function nowProfile(events: readonly LocalEvent[], options: NowOptions): Map<string, number> {
  const halfLife = (options.halfLifeDays ?? 14) * 86_400_000;
  if (!(halfLife > 0)) return new Map();
  const here = new Map<string, number>();
  const before = new Map<string, number>();
  for (const e of events) {
    const age = Math.max(0, options.now - e.at);
    const isHere = (options.projectId !== undefined && e.projectId === options.projectId) || (options.sessionId !== undefined && e.sessionId === options.sessionId);
    const part = isHere ? here : before;
    part.set(e.item, (part.get(e.item) ?? 0) + e.weight * 0.5 ** (age / halfLife));
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const hereTotal = total(here);
  const beforeTotal = total(before);
  const share = hereTotal > 0 ? (beforeTotal > 0 ? (options.hereShare ?? 0.75) : 1) : 0;
  const profile = new Map<string, number>();
  for (const [item, w] of before) if (w / beforeTotal > 1e-6) profile.set(item, ((1 - share) * w) / beforeTotal);
  for (const [item, w] of here) profile.set(item, (profile.get(item) ?? 0) + (share * w) / hereTotal);
  return profile;
}
