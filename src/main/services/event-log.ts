// The host's writer of the event log (db/events-repo.ts): every service records events here, and
// the History API (history-service.ts) reads through it.
//
// - Batched: events wait in memory and go to SQLite in one transaction every `flushMs` (or at
//   `batchSize` events), so recording costs microseconds on the caller's path. Reads flush first,
//   so a list always shows what was recorded before it.
// - Never throws at the caller: a locked, full or failing database keeps the batch in memory and
//   tries again at the next flush (at most `maxPending` events; past that the oldest go, and the
//   loss is counted and logged once per burst).
// - A repeat of the same event (type, item, project and data) within `repeatMs` is dropped: a
//   double click records one open.
// - Paused recording (a setting) drops new events; the setting survives restarts.
// - Each host start is one studio session: its events carry its session id.
import { randomUUID } from 'node:crypto';
import { eventWeights, type EventData, type EventType } from '../../shared/api';
import type { EventFilter, EventsRepo, Interaction } from '../db/events-repo';
import type { HistoryEvent } from '../../shared/api';

export interface EventToRecord {
  type: EventType;
  item?: string | null;
  projectId?: string | null;
  data?: EventData;
}

export interface EventLogOptions {
  now?: () => number;
  flushMs?: number;
  batchSize?: number;
  maxPending?: number;
  repeatMs?: number;
  sessionId?: string;
  log?: (message: string) => void;
}

const pausedKey = 'history.paused';

export class EventLog {
  readonly sessionId: string;
  private readonly now: () => number;
  private readonly flushMs: number;
  private readonly batchSize: number;
  private readonly maxPending: number;
  private readonly repeatMs: number;
  private readonly log: (message: string) => void;
  private pending: Parameters<EventsRepo['insertMany']>[0][number][] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly lastSeen = new Map<string, number>();
  private paused: boolean;
  private lost = 0;
  private closed = false;
  private deleted = 0;

  constructor(
    private readonly repo: EventsRepo,
    options: EventLogOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.flushMs = options.flushMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    this.maxPending = options.maxPending ?? 20_000;
    this.repeatMs = options.repeatMs ?? 2000;
    this.sessionId = options.sessionId ?? randomUUID();
    this.log = options.log ?? ((m) => console.error(`montage: ${m}`));
    let paused = false;
    try {
      paused = repo.setting<boolean>(pausedKey) === true;
    } catch (err) {
      this.log(`could not read whether history recording is paused (${String(err)}); recording`);
    }
    this.paused = paused;
  }

  /** Queues one event; false when it was not kept (paused, a repeat, or the log is closed). */
  record(event: EventToRecord): boolean {
    if (this.paused || this.closed) return false;
    const at = this.now();
    const item = event.item ?? null;
    const projectId = event.projectId ?? null;
    const data = event.data ?? {};
    const key = `${event.type}\u0000${item ?? ''}\u0000${projectId ?? ''}\u0000${JSON.stringify(data)}`;
    const seen = this.lastSeen.get(key);
    if (seen !== undefined && at - seen < this.repeatMs) return false;
    this.lastSeen.set(key, at);
    if (this.lastSeen.size > 1000) for (const [k, t] of this.lastSeen) if (at - t >= this.repeatMs) this.lastSeen.delete(k);
    this.pending.push({ at, type: event.type, item, projectId, sessionId: this.sessionId, weight: eventWeights[event.type], data });
    if (this.pending.length > this.maxPending) {
      const over = this.pending.length - this.maxPending;
      this.pending.splice(0, over);
      if (this.lost === 0) this.log(`the history could not be written for a while; the oldest unwritten events are being dropped`);
      this.lost += over;
    }
    if (this.pending.length >= this.batchSize) this.flush();
    else this.schedule();
    return true;
  }

  /** Writes what waits; false (keeping it for the next try) when the database refused. */
  flush(): boolean {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return true;
    const batch = this.pending;
    try {
      this.repo.insertMany(batch);
    } catch (err) {
      if (!this.closed) this.schedule(Math.max(this.flushMs, 1000));
      if (this.lost === 0) this.log(`the history could not be written, will try again: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    this.pending = this.pending === batch ? [] : this.pending.slice(batch.length);
    if (this.lost > 0) {
      this.log(`the history is written again; ${this.lost} event(s) were lost meanwhile`);
      this.lost = 0;
    }
    return true;
  }

  /** Runs a read on the log once what waits is written (insights' aggregates). */
  query<T>(read: (repo: EventsRepo) => T): T {
    this.flush();
    return read(this.repo);
  }

  list(filter: EventFilter): HistoryEvent[] {
    this.flush();
    return this.repo.list(filter);
  }

  interactions(afterId?: number, limit?: number): Interaction[] {
    this.flush();
    return this.repo.interactions(afterId, limit);
  }

  /**
   * The same rows read in pages of `pageSize`, the event loop free between pages (a first read of
   * 200,000 events is some 0.7 s of SQLite work): for readers of the whole history.
   */
  async readInteractions(afterId = 0, limit = Number.MAX_SAFE_INTEGER, pageSize = 20_000): Promise<Interaction[]> {
    this.flush();
    let cursor = this.repo.interactionsStart(afterId, limit);
    const out: Interaction[] = [];
    for (;;) {
      const page = this.repo.interactionsPage(cursor, pageSize);
      for (const row of page) out.push(row);
      if (page.length < pageSize) return out;
      cursor = (page[page.length - 1] as Interaction).id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Changes whenever events are deleted (not when added): readers that cache what they read start over. */
  get deletions(): number {
    return this.deleted;
  }

  delete(ids: readonly number[]): number {
    this.flush();
    const n = this.repo.delete(ids);
    this.deleted++;
    return n;
  }

  /** Deletes every event, the unwritten ones too. */
  clear(): number {
    const unwritten = this.pending.length;
    this.pending = [];
    const n = this.repo.clear() + unwritten;
    this.deleted++;
    return n;
  }

  summary(): { paused: boolean; events: number; oldest: number | null; newest: number | null } {
    this.flush();
    return { paused: this.paused, ...this.repo.summary() };
  }

  isPaused(): boolean {
    return this.paused;
  }

  setPaused(paused: boolean): void {
    // What was recorded before the pause is kept.
    this.flush();
    this.repo.setSetting(pausedKey, paused);
    this.paused = paused;
  }

  /** Writes what waits (best effort) and stops the timer. */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms = this.flushMs): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
    this.timer.unref();
  }
}
