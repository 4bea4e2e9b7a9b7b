// Implements DocumentsService: the songs of a project, owned by the host.
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
// - Concurrency: an edit based on an older revision is applied to the current content; ops address
//   tracks and notes by id, so edits to different notes compose (`rebased: true`). If they no
//   longer apply (applySongOps throws SongOpError), the edit is refused with 'conflict' and nothing
//   is lost silently.
// - Undo/redo: per document, shared by every window, derived from the log (documents/undo-history.ts).
// - Events: onDocumentChanged only to the clients that opened the document (documents/subscriptions.ts);
//   onDocumentsChanged (the list) to everyone.
// - Delete is a soft delete (deleted_at); such documents are purged a day later at start, as trashed
//   projects are, and a trashed project's documents are neither listed nor opened.
import { randomUUID } from 'node:crypto';
import {
  StudioError,
  maxMidiBytes,
  type DocumentInfo,
  type DocumentsService,
  type EditResult,
  type ImportSummary,
  type OpenedDocument,
  type StudioEvents,
} from '../../shared/api';
import type { DocumentId, ProjectId } from '../../shared/ids';
import { SongOpError, applySongOps, sequenceToMidi } from '../../shared/music';
import { MidiImportError, importMidiAsJson } from '../../shared/music/midi-convert';
import { emptySequence, type NoteSequence } from '../../shared/music/note-sequence';
import { isSortedNotes, sortNotes } from '../../shared/music/note-order';
import type { SongOp } from '../../shared/music/song-ops';
import type { DocumentsRepo, LogEntry } from '../db/documents-repo';
import type { EventsRepo } from '../db/events-repo';
import { retryStorageWrite } from '../db/storage-errors';
import { sequenceProblem } from '../documents/content-checks';
import type { ReadMidiFile } from '../documents/parse-midi-off-thread';
import { DocumentSubscriptions } from '../documents/subscriptions';
import { UndoHistory, historyWindow, type HistoryEntry } from '../documents/undo-history';
import type { CallContext } from './call-context';
import type { EventBus } from './event-bus';
import { trashKeepMs } from './projects-service';

/** Songs whose JSON is longer than this (characters, or UTF-8 bytes) are written with writeLarge. */
const largeSongJson = 1024 * 1024;

/** A snapshot is written after this many revisions since the last one… */
export const snapshotEveryRevs = 200;
/** …or once the log since the last one holds this many bytes of ops (large pastes). */
export const snapshotEveryBytes = 512 * 1024;

interface CachedDocument {
  info: DocumentInfo;
  content: NoteSequence;
  history: UndoHistory;
  /** Log since the newest snapshot: decides when the next one is due. */
  sinceSnapshot: { revs: number; bytes: number };
}

export interface DocumentsServiceDeps {
  repo: DocumentsRepo;
  history: EventsRepo;
  bus: EventBus;
  subscriptions?: DocumentSubscriptions;
  now?: () => number;
  /**
   * Reads a MIDI file into the song's JSON and summary (midi-convert.ts importMidiAsJson). The host
   * passes one that runs in a worker thread with a time limit (parse-midi-off-thread.ts); the
   * default parses in place, for tests of this service alone.
   */
  parseMidi?: (bytes: Uint8Array) => Promise<ReadMidiFile>;
  /** Gets parseMidi's reader ready for a file about to come (the host's warms a thread). */
  warmMidi?: () => Promise<void>;
}

/** The service plus what the host's transports need: forgetting a client that went away. */
export interface HostDocumentsService extends DocumentsService {
  open(args: Parameters<DocumentsService['open']>[0], context?: CallContext): Promise<OpenedDocument>;
  close(args: Parameters<DocumentsService['close']>[0], context?: CallContext): Promise<{ id: DocumentId }>;
  /** Ends every subscription of a client whose connection closed. */
  dropClient(clientId: string): void;
  readonly subscriptions: DocumentSubscriptions;
}

const gone = (): StudioError =>
  new StudioError('not-found', 'That song no longer exists — it or its project may have been deleted in another window.');
const projectGone = (): StudioError =>
  new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');

const isBase64 = (s: string): boolean => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);

export function createDocumentsService(deps: DocumentsServiceDeps): HostDocumentsService {
  const { repo, history, bus } = deps;
  const now = deps.now ?? Date.now;
  const parseMidi = deps.parseMidi ?? (async (bytes: Uint8Array) => importMidiAsJson(bytes));
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

  /** Newest snapshot + the log after it; the undo history from the last `historyWindow` rows. */
  const loadFromDb = (id: string): CachedDocument => {
    const { info, snapshot, log } = repo.read(() => {
      const info = repo.get(id);
      if (!info) return { info: undefined, snapshot: undefined, log: [] as LogEntry[] };
      const snapshot = repo.newestSnapshot(id);
      const from = Math.max(0, Math.min(snapshot?.rev ?? 0, info.rev - historyWindow));
      return { info, snapshot, log: repo.logAfter(id, from) };
    });
    if (!info) throw gone();
    if (!snapshot) throw new StudioError('internal', `The song “${info.name}” has no saved content to start from; its database rows are incomplete.`);
    let content = JSON.parse(snapshot.contentJson) as NoteSequence;
    const undo = new UndoHistory();
    const sinceSnapshot = { revs: 0, bytes: 0 };
    for (const row of log) {
      const entry: HistoryEntry = {
        kind: row.kind,
        ops: JSON.parse(row.opsJson) as SongOp[],
        inverse: JSON.parse(row.inverseJson) as SongOp[],
        group: row.group,
        label: row.label,
      };
      undo.record(entry);
      if (row.rev <= snapshot.rev) continue;
      try {
        content = applySongOps(content, entry.ops).song;
      } catch (err) {
        throw new StudioError('internal', `The song “${info.name}” could not be rebuilt from its history at revision ${row.rev}: ${err instanceof Error ? err.message : String(err)}`);
      }
      sinceSnapshot.revs++;
      sinceSnapshot.bytes += row.opsJson.length;
    }
    return { info, content, history: undo, sinceSnapshot };
  };

  /** The cached document, or loaded; a document whose row changed under the cache is reloaded. */
  const load = (id: string): CachedDocument => {
    const cached = cache.get(id);
    if (cached) return cached;
    const doc = loadFromDb(id);
    cache.set(id, doc);
    return doc;
  };

  /**
   * Saves one revision (log row, rev, maybe a snapshot) in one transaction, retried while another
   * program holds the lock, and only then moves the cache and announces it.
   */
  const commit = async (
    doc: CachedDocument,
    change: { kind: HistoryEntry['kind']; ops: SongOp[]; inverse: SongOp[]; group: string | null; label: string; song: NoteSequence },
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
    const snapshotJson = snapshotDue ? JSON.stringify(change.song) : null;
    const saved = await retryStorageWrite(() =>
      repo.write(() => {
        if (!repo.append(doc.info.id, doc.info.rev, entry)) return false;
        if (snapshotJson !== null) repo.snapshot(doc.info.id, entry.rev, snapshotJson);
        return true;
      }),
    );
    if (!saved) {
      cache.delete(doc.info.id);
      throw gone();
    }
    const undo = doc.history.clone();
    undo.record(change);
    const next: CachedDocument = {
      info: { ...doc.info, rev: entry.rev, updatedAt: at },
      content: change.song,
      history: undo,
      sinceSnapshot: snapshotDue ? { revs: 0, bytes: 0 } : { revs: doc.sinceSnapshot.revs + 1, bytes: doc.sinceSnapshot.bytes + opsJson.length },
    };
    cache.set(doc.info.id, next);
    bus.emitTo(subscriptions.subscribers(doc.info.id), 'onDocumentChanged', {
      docId: doc.info.id,
      rev: entry.rev,
      ops: change.ops,
      reason: change.kind,
      history: undo.state(),
    });
    return next;
  };

  const result = (doc: CachedDocument, rebased: boolean): EditResult => ({ rev: doc.info.rev, history: doc.history.state(), rebased });

  /** Undo and redo: apply the top step of one stack. */
  const step = (id: string, kind: 'undo' | 'redo'): Promise<EditResult> =>
    serial(id, async () => {
      try {
        const doc = load(id);
        const top = kind === 'undo' ? doc.history.nextUndo() : doc.history.nextRedo();
        if (!top) throw new StudioError('conflict', kind === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
        const ops = kind === 'undo' ? top.undo : top.redo;
        let applied: { song: NoteSequence; inverse: SongOp[] };
        try {
          applied = applySongOps(doc.content, ops);
        } catch (err) {
          if (!(err instanceof SongOpError)) throw err;
          throw new StudioError('conflict', `“${top.label}” can no longer be ${kind === 'undo' ? 'undone' : 'redone'}: ${err.message}`);
        }
        return result(await commit(doc, { kind, ops, inverse: applied.inverse, group: null, label: top.label, song: applied.song }), false);
      } finally {
        settle(id);
      }
    });

  /** A list-level change: saved with its history event in one transaction, then told to everyone. */
  const listChange = async <T>(fn: () => T): Promise<T> => retryStorageWrite(() => repo.write(fn));
  const announce = (reason: StudioEvents['onDocumentsChanged']['reason'], document: DocumentInfo): void =>
    bus.emit('onDocumentsChanged', { projectId: document.projectId, reason, document });

  const insertSong = async (projectId: string, name: string, song: NoteSequence, record: (info: DocumentInfo) => void): Promise<DocumentInfo> => {
    // Notes are kept in time order within a track (note-order.ts); ops rely on it.
    const content: NoteSequence = { ...song, tracks: song.tracks.map((t) => (isSortedNotes(t.notes) ? t : { ...t, notes: sortNotes(t.notes) })) };
    return insertSongJson(projectId, name, JSON.stringify(content), record);
  };
  /**
   * Stores a song given as JSON (a string, or its UTF-8 bytes) that is known to be valid, with notes
   * in order (checked or made so by the caller).
   */
  const insertSongJson = async (projectId: string, name: string, contentJson: string | Uint8Array, record: (info: DocumentInfo) => void): Promise<DocumentInfo> => {
    const at = now();
    const info: DocumentInfo = { id: randomUUID() as DocumentId, projectId: projectId as ProjectId, kind: 'song', name, rev: 0, createdAt: at, updatedAt: at };
    // A song of megabytes (a large MIDI file) commits without SQLite's checkpoint inside the
    // commit, which runs just after instead (documents-repo.ts writeLarge).
    const write = contentJson.length > largeSongJson ? repo.writeLarge : repo.write;
    await retryStorageWrite(() =>
      write(() => {
        if (!repo.projectIsLive(projectId)) throw projectGone();
        repo.insert(info, contentJson);
        record(info);
      }),
    );
    announce('created', info);
    return info;
  };

  return {
    subscriptions,
    async list({ projectId }) {
      return repo.read(() => {
        if (!repo.projectIsLive(projectId)) throw projectGone();
        return repo.list(projectId);
      });
    },
    async create({ projectId, name, content }) {
      const song = content ?? emptySequence();
      const problem = sequenceProblem(song);
      if (problem) throw new StudioError('invalid-argument', `That song cannot be stored: ${problem}`, [{ path: 'content', message: problem }]);
      return insertSong(projectId, name, song, (info) => history.record('document.created', info.id, { projectId, kind: info.kind }));
    },
    async prepareImport() {
      await deps.warmMidi?.();
      return { ready: true as const };
    },
    async importMidi({ projectId, name, data }): Promise<ImportSummary> {
      // Everything is checked before anything is written: a file that fails leaves the project as it was.
      if (!isBase64(data)) throw new StudioError('invalid-argument', 'The MIDI file did not arrive intact (its data is not valid base64).');
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > maxMidiBytes) {
        throw new StudioError('invalid-argument', `That MIDI file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Montage imports MIDI files up to ${maxMidiBytes / 1024 / 1024} MB.`);
      }
      let parsed: ReadMidiFile;
      try {
        parsed = await parseMidi(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      } catch (err) {
        if (err instanceof MidiImportError) throw new StudioError('invalid-argument', err.message);
        throw err;
      }
      // The JSON is stored as it came: the importer is our code, not the client's, and its songs
      // are valid by construction (it checks each note as it makes it and the rest against the
      // schema; its tests hold every song it makes to noteSequenceSchema and sequenceProblem).
      // Parsing and checking 100,000 notes again here would cost more than reading the file did.
      const { summary } = parsed;
      const document = await insertSongJson(projectId, name ?? 'Imported song', parsed.contentJson, (info) =>
        history.record('document.imported', info.id, { projectId, tracks: summary.tracks, notes: summary.notes, bytes: bytes.length }),
      );
      return { document, tracks: summary.tracks, notes: summary.notes, durationSeconds: summary.durationSeconds };
    },
    async exportMidi({ id }) {
      return serial(id, async () => {
        try {
          const doc = load(id);
          return { name: doc.info.name, data: Buffer.from(sequenceToMidi(doc.content)).toString('base64') };
        } finally {
          settle(id);
        }
      });
    },
    async open({ id }, context) {
      return serial(id, async () => {
        // The row is read every time, so a document (or project) deleted meanwhile is not served from memory.
        if (!repo.get(id)) {
          cache.delete(id);
          throw gone();
        }
        const doc = load(id);
        if (context) subscriptions.subscribe(context.clientId, id);
        settle(id);
        return { info: doc.info, content: doc.content, history: doc.history.state() };
      });
    },
    async close({ id }, context) {
      if (context) subscriptions.unsubscribe(context.clientId, id);
      settle(id);
      return { id: id as DocumentId };
    },
    dropClient(clientId) {
      for (const id of subscriptions.dropClient(clientId)) settle(id);
    },
    async edit({ id, baseRev, ops, group, label }) {
      return serial(id, async () => {
        try {
          const doc = load(id);
          const current = doc.info.rev;
          if (baseRev > current) {
            throw new StudioError('invalid-argument', `This edit is based on revision ${baseRev}, but the song is only at revision ${current}.`);
          }
          let applied: { song: NoteSequence; inverse: SongOp[] };
          try {
            applied = applySongOps(doc.content, ops);
          } catch (err) {
            if (!(err instanceof SongOpError)) throw err;
            if (baseRev < current) {
              throw new StudioError(
                'conflict',
                `This song changed in another window and your edit no longer applies: ${err.message.replace(/[.\s]+$/, '')}. The song now shows the latest version.`,
              );
            }
            throw new StudioError('invalid-argument', `That edit does not apply to this song: ${err.message}`);
          }
          const next = await commit(doc, { kind: 'edit', ops, inverse: applied.inverse, group: group ?? null, label, song: applied.song });
          return result(next, baseRev < current);
        } finally {
          settle(id);
        }
      });
    },
    undo: ({ id }) => step(id, 'undo'),
    redo: ({ id }) => step(id, 'redo'),
    async rename({ id, name }) {
      const renamed = await serial(id, () =>
        listChange(() => {
          if (!repo.rename(id, name, now())) throw gone();
          history.record('document.renamed', id);
          return repo.get(id) as DocumentInfo;
        }),
      );
      const cached = cache.get(id);
      if (cached) cached.info = { ...cached.info, name: renamed.name, updatedAt: renamed.updatedAt };
      announce('renamed', renamed);
      return renamed;
    },
    async delete({ id }) {
      const deleted = await serial(id, () =>
        listChange(() => {
          const info = repo.get(id);
          if (!info || !repo.trash(id, now())) throw gone();
          history.record('document.deleted', id, { projectId: info.projectId });
          return info;
        }),
      );
      cache.delete(id);
      subscriptions.dropDocument(id);
      announce('deleted', deleted);
      return { id: id as DocumentId };
    },
  };
}
