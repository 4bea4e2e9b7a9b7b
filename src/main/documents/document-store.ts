// The host's documents, whatever their kind (songs, scripts): the one implementation of storing,
// editing, undo/redo and scoped updates that the documents and scripts services share.
//
// - Truth: SQLite (db/documents-repo.ts). Each edit, undo or redo is saved in ONE transaction (its
//   log row, the document's rev/updated_at, every 200 revisions or 512 KiB of log a snapshot), and
//   only then acknowledged, put in the cache and announced: acknowledged = saved. A failed save
//   (a locked or full disk) leaves the cache exactly as it was, so memory never runs ahead of disk.
// - Cache: the content and undo history of documents some client has open, so an edit applies its
//   ops to memory instead of replaying the log. Opening loads the newest snapshot and replays the
//   log after it; a document nobody has open is dropped from the cache after each call.
// - Order: calls on one document run one after another (a per-document queue), because a save may
//   wait (retryStorageWrite) and a second edit must not be computed from the revision the first is
//   still saving.
// - Concurrency: an edit based on an older revision is rebased by its kind (`rebase`: text offsets
//   move over the changes since) or, for kinds whose ops address things by id (songs), applied to
//   the current content as it is. If it no longer applies, it is refused with 'conflict' and
//   nothing is lost silently.
// - Undo/redo: per document, shared by every window, derived from the log (undo-history.ts).
// - Events: each kind's change event only to the clients that opened the document
//   (subscriptions.ts); onDocumentsChanged (the list) to everyone.
// - Delete is a soft delete (deleted_at); such documents are purged a day later at start, as trashed
//   projects are, and a trashed project's documents are neither listed nor opened.
import { randomUUID } from 'node:crypto';
import { StudioError, type DocumentInfo, type DocumentKind, type EditResult, type HistoryState, type StudioEvents } from '../../shared/api';
import type { DocumentId, ProjectId } from '../../shared/ids';
import type { DocumentsRepo, LogEntry } from '../db/documents-repo';
import { retryStorageWrite } from '../db/storage-errors';
import type { EventBus } from '../services/event-bus';
import { trashKeepMs } from '../services/projects-service';
import type { CallContext } from '../services/call-context';
import { DocumentSubscriptions } from './subscriptions';
import { UndoHistory, historyWindow, type HistoryEntry } from './undo-history';

/** Content whose JSON is longer than this (characters, or UTF-8 bytes) is written with writeLarge. */
const largeContentJson = 1024 * 1024;

/** A snapshot is written after this many revisions since the last one… */
export const snapshotEveryRevs = 200;
/** …or once the log since the last one holds this many bytes of ops (large pastes). */
export const snapshotEveryBytes = 512 * 1024;

/** What a kind of document brings: its noun for messages, how its ops apply, and how it tells editors. */
export interface DocumentKindSpec<C, Op> {
  kind: DocumentKind;
  /** "song", "script": used in messages. */
  noun: string;
  /** Applies ops in order; returns the new content and the ops that undo them. Throws `isOpError` errors for ops that do not apply. */
  apply(content: C, ops: readonly Op[]): { content: C; inverse: Op[] };
  isOpError(err: unknown): err is Error;
  /** Moves an edit made at an older revision over the ops applied since (throws an op error on overlap). Without it, a stale edit applies as it is. */
  rebase?(ops: readonly Op[], since: readonly Op[]): Op[];
  /** Tells the clients that opened the document. */
  announce(bus: EventBus, clients: readonly string[], change: { docId: string; rev: number; ops: Op[]; reason: 'edit' | 'undo' | 'redo'; history: HistoryState; editId?: string }): void;
}

interface CachedDocument {
  info: DocumentInfo;
  content: unknown;
  history: UndoHistory;
  /** Log since the newest snapshot: decides when the next one is due. */
  sinceSnapshot: { revs: number; bytes: number };
}

export interface Loaded<C> {
  info: DocumentInfo;
  content: C;
  history: HistoryState;
}

export interface DocumentStoreDeps {
  repo: DocumentsRepo;
  bus: EventBus;
  subscriptions?: DocumentSubscriptions;
  now?: () => number;
  /** Told of every saved change (an edit, undo or redo) and the content after it, once it is
   * saved: the event log listens. */
  onChanged?: (info: DocumentInfo, ops: readonly unknown[], reason: 'edit' | 'undo' | 'redo', content: unknown) => void;
}

const nouns: Record<DocumentKind, string> = { song: 'song', script: 'script' };

export const documentGone = (noun = 'document'): StudioError =>
  new StudioError('not-found', `That ${noun} no longer exists — it or its project may have been deleted in another window.`);
export const projectGone = (): StudioError => new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');

export type DocumentStore = ReturnType<typeof createDocumentStore>;

export function createDocumentStore(deps: DocumentStoreDeps) {
  const { repo, bus } = deps;
  const now = deps.now ?? Date.now;
  const subscriptions = deps.subscriptions ?? new DocumentSubscriptions();
  const cache = new Map<string, CachedDocument>();
  const queues = new Map<string, Promise<unknown>>();
  repo.purgeTrashedBefore(now() - trashKeepMs);

  /** Runs fn after every earlier call on the same document has finished. */
  const serial = <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    queues.set(id, tail);
    void tail.then(() => {
      if (queues.get(id) === tail) queues.delete(id);
    });
    return run;
  };
  /** Drops a document nobody has open from the cache (memory stays bounded by open windows). */
  const settle = (id: string): void => {
    if (!subscriptions.isOpen(id)) cache.delete(id);
  };

  /** Refuses a document of another kind than the caller works with: a script is not opened as a song. */
  const checkKind = (info: DocumentInfo, spec: DocumentKindSpec<unknown, unknown>): void => {
    if (info.kind !== spec.kind) throw new StudioError('invalid-argument', `“${info.name}” is a ${nouns[info.kind]}, not a ${spec.noun}.`);
  };

  /** Newest snapshot + the log after it; the undo history from the last `historyWindow` rows. */
  const loadFromDb = <C, Op>(id: string, spec: DocumentKindSpec<C, Op>): CachedDocument => {
    const { info, snapshot, log } = repo.read(() => {
      const info = repo.get(id);
      if (!info) return { info: undefined, snapshot: undefined, log: [] as LogEntry[] };
      const snapshot = repo.newestSnapshot(id);
      const from = Math.max(0, Math.min(snapshot?.rev ?? 0, info.rev - historyWindow));
      return { info, snapshot, log: repo.logAfter(id, from) };
    });
    if (!info) throw documentGone(spec.noun);
    checkKind(info, spec as DocumentKindSpec<unknown, unknown>);
    if (!snapshot) throw new StudioError('internal', `The ${spec.noun} “${info.name}” has no saved content to start from; its database rows are incomplete.`);
    let content = JSON.parse(snapshot.contentJson) as C;
    const undo = new UndoHistory<Op>();
    const sinceSnapshot = { revs: 0, bytes: 0 };
    for (const row of log) {
      const entry: HistoryEntry<Op> = {
        kind: row.kind,
        ops: JSON.parse(row.opsJson) as Op[],
        inverse: JSON.parse(row.inverseJson) as Op[],
        group: row.group,
        label: row.label,
      };
      undo.record(entry);
      if (row.rev <= snapshot.rev) continue;
      try {
        content = spec.apply(content, entry.ops).content;
      } catch (err) {
        throw new StudioError('internal', `The ${spec.noun} “${info.name}” could not be rebuilt from its history at revision ${row.rev}: ${err instanceof Error ? err.message : String(err)}`);
      }
      sinceSnapshot.revs++;
      sinceSnapshot.bytes += row.opsJson.length;
    }
    return { info, content, history: undo as UndoHistory, sinceSnapshot };
  };

  /** The cached document, or loaded. */
  const load = <C, Op>(id: string, spec: DocumentKindSpec<C, Op>): CachedDocument => {
    const cached = cache.get(id);
    if (cached) {
      checkKind(cached.info, spec as DocumentKindSpec<unknown, unknown>);
      return cached;
    }
    const doc = loadFromDb(id, spec);
    cache.set(id, doc);
    return doc;
  };

  /**
   * Saves one revision (log row, rev, maybe a snapshot) in one transaction, retried while another
   * program holds the lock, and only then moves the cache and announces it.
   */
  const commit = async <C, Op>(
    doc: CachedDocument,
    spec: DocumentKindSpec<C, Op>,
    change: { kind: HistoryEntry['kind']; ops: Op[]; inverse: Op[]; group: string | null; label: string; content: C; editId?: string | undefined },
  ): Promise<CachedDocument> => {
    const at = now();
    const opsJson = JSON.stringify(change.ops);
    const entry: LogEntry = {
      rev: doc.info.rev + 1,
      opsJson,
      inverseJson: JSON.stringify(change.inverse),
      group: change.group,
      label: change.label,
      kind: change.kind,
      at,
    };
    const snapshotDue = doc.sinceSnapshot.revs + 1 >= snapshotEveryRevs || doc.sinceSnapshot.bytes + opsJson.length >= snapshotEveryBytes;
    const snapshotJson = snapshotDue ? JSON.stringify(change.content) : null;
    const saved = await retryStorageWrite(() =>
      repo.write(() => {
        if (!repo.append(doc.info.id, doc.info.rev, entry)) return false;
        if (snapshotJson !== null) repo.snapshot(doc.info.id, entry.rev, snapshotJson);
        return true;
      }),
    );
    if (!saved) {
      cache.delete(doc.info.id);
      throw documentGone(spec.noun);
    }
    const undo = doc.history.clone();
    undo.record(change);
    const next: CachedDocument = {
      info: { ...doc.info, rev: entry.rev, updatedAt: at },
      content: change.content,
      history: undo,
      sinceSnapshot: snapshotDue ? { revs: 0, bytes: 0 } : { revs: doc.sinceSnapshot.revs + 1, bytes: doc.sinceSnapshot.bytes + opsJson.length },
    };
    cache.set(doc.info.id, next);
    deps.onChanged?.(next.info, change.ops, change.kind, next.content);
    spec.announce(bus, subscriptions.subscribers(doc.info.id), {
      docId: doc.info.id,
      rev: entry.rev,
      ops: change.ops,
      reason: change.kind,
      history: undo.state(),
      ...(change.editId ? { editId: change.editId } : {}),
    });
    return next;
  };

  const result = (doc: CachedDocument, rebased: boolean): EditResult => ({ rev: doc.info.rev, history: doc.history.state(), rebased });

  /** The ops applied after `rev`, in order (for rebasing an edit made at `rev`). */
  const opsSince = <Op>(id: string, rev: number): Op[] => repo.read(() => repo.logAfter(id, rev)).flatMap((row) => JSON.parse(row.opsJson) as Op[]);

  const listChange = async <T>(fn: () => T): Promise<T> => retryStorageWrite(() => repo.write(fn));
  const announceList = (reason: StudioEvents['onDocumentsChanged']['reason'], document: DocumentInfo): void =>
    bus.emit('onDocumentsChanged', { projectId: document.projectId, reason, document });

  return {
    subscriptions,

    list(projectId: string): DocumentInfo[] {
      return repo.read(() => {
        if (!repo.projectIsLive(projectId)) throw projectGone();
        return repo.list(projectId);
      });
    },

    /** Stores new content known to be valid, as JSON (a string, or its UTF-8 bytes); `record` writes its history event in the same transaction. */
    async insert(kind: DocumentKind, projectId: string, name: string, contentJson: string | Uint8Array, record: (info: DocumentInfo) => void): Promise<DocumentInfo> {
      const at = now();
      const info: DocumentInfo = { id: randomUUID() as DocumentId, projectId: projectId as ProjectId, kind, name, rev: 0, createdAt: at, updatedAt: at };
      // Megabytes of content (a large MIDI file) commit without SQLite's checkpoint inside the
      // commit, which runs just after instead (documents-repo.ts writeLarge).
      const write = contentJson.length > largeContentJson ? repo.writeLarge : repo.write;
      await retryStorageWrite(() =>
        write(() => {
          if (!repo.projectIsLive(projectId)) throw projectGone();
          repo.insert(info, contentJson);
          record(info);
        }),
      );
      announceList('created', info);
      return info;
    },

    /** Runs `fn` on the document's current content, in its queue (exports, reports). */
    read<C, Op, T>(id: string, spec: DocumentKindSpec<C, Op>, fn: (doc: Loaded<C>) => T | Promise<T>): Promise<T> {
      return serial(id, async () => {
        try {
          const doc = load(id, spec);
          return await fn({ info: doc.info, content: doc.content as C, history: doc.history.state() });
        } finally {
          settle(id);
        }
      });
    },

    open<C, Op>(id: string, spec: DocumentKindSpec<C, Op>, context?: CallContext): Promise<Loaded<C>> {
      return serial(id, async () => {
        // The row is read every time, so a document (or project) deleted meanwhile is not served from memory.
        if (!repo.get(id)) {
          cache.delete(id);
          throw documentGone(spec.noun);
        }
        const doc = load(id, spec);
        if (context) subscriptions.subscribe(context.clientId, id);
        settle(id);
        return { info: doc.info, content: doc.content as C, history: doc.history.state() };
      });
    },

    close(id: string, context?: CallContext): { id: DocumentId } {
      if (context) subscriptions.unsubscribe(context.clientId, id);
      settle(id);
      return { id: id as DocumentId };
    },

    dropClient(clientId: string): void {
      for (const id of subscriptions.dropClient(clientId)) settle(id);
    },

    edit<C, Op>(id: string, spec: DocumentKindSpec<C, Op>, args: { baseRev: number; ops: Op[]; group?: string | undefined; label: string; editId?: string | undefined }): Promise<EditResult> {
      const { noun } = spec;
      return serial(id, async () => {
        try {
          const doc = load(id, spec);
          const current = doc.info.rev;
          const { baseRev } = args;
          if (baseRev > current) {
            throw new StudioError('invalid-argument', `This edit is based on revision ${baseRev}, but the ${noun} is only at revision ${current}.`);
          }
          const stale = baseRev < current;
          const changed = (err: Error) =>
            new StudioError(
              'conflict',
              `This ${noun} changed in another window and your edit no longer applies: ${err.message.replace(/[.\s]+$/, '')}. The ${noun} now shows the latest version.`,
            );
          let ops = args.ops;
          if (stale && spec.rebase) {
            try {
              ops = spec.rebase(ops, opsSince<Op>(id, baseRev));
            } catch (err) {
              if (!spec.isOpError(err)) throw err;
              throw changed(err);
            }
          }
          let applied: { content: C; inverse: Op[] };
          try {
            applied = spec.apply(doc.content as C, ops);
          } catch (err) {
            if (!spec.isOpError(err)) throw err;
            if (stale) throw changed(err);
            throw new StudioError('invalid-argument', `That edit does not apply to this ${noun}: ${err.message}`);
          }
          const next = await commit(doc, spec, { kind: 'edit', ops, inverse: applied.inverse, group: args.group ?? null, label: args.label, content: applied.content, editId: args.editId });
          return result(next, stale);
        } finally {
          settle(id);
        }
      });
    },

    /** Undo and redo: apply the top step of one stack. */
    step<C, Op>(id: string, spec: DocumentKindSpec<C, Op>, kind: 'undo' | 'redo'): Promise<EditResult> {
      return serial(id, async () => {
        try {
          const doc = load(id, spec);
          const top = kind === 'undo' ? doc.history.nextUndo() : doc.history.nextRedo();
          if (!top) throw new StudioError('conflict', kind === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
          const ops = (kind === 'undo' ? top.undo : top.redo) as Op[];
          let applied: { content: C; inverse: Op[] };
          try {
            applied = spec.apply(doc.content as C, ops);
          } catch (err) {
            if (!spec.isOpError(err)) throw err;
            throw new StudioError('conflict', `“${top.label}” can no longer be ${kind === 'undo' ? 'undone' : 'redone'}: ${err.message}`);
          }
          return result(await commit(doc, spec, { kind, ops, inverse: applied.inverse, group: null, label: top.label, content: applied.content }), false);
        } finally {
          settle(id);
        }
      });
    },

    async rename(id: string, name: string, record: (info: DocumentInfo) => void): Promise<DocumentInfo> {
      const renamed = await serial(id, () =>
        listChange(() => {
          if (!repo.rename(id, name, now())) throw documentGone();
          const info = repo.get(id) as DocumentInfo;
          record(info);
          return info;
        }),
      );
      const cached = cache.get(id);
      if (cached) cached.info = { ...cached.info, name: renamed.name, updatedAt: renamed.updatedAt };
      announceList('renamed', renamed);
      return renamed;
    },

    async delete(id: string, record: (info: DocumentInfo) => void): Promise<{ id: DocumentId }> {
      const deleted = await serial(id, () =>
        listChange(() => {
          const info = repo.get(id);
          if (!info || !repo.trash(id, now())) throw documentGone();
          record(info);
          return info;
        }),
      );
      cache.delete(id);
      subscriptions.dropDocument(id);
      announceList('deleted', deleted);
      return { id: id as DocumentId };
    },
  };
}
