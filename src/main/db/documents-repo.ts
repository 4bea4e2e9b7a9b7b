// SQL for documents, their edit log and snapshots (migration 5). Rows come back as API records or
// raw log entries; JSON is parsed by the caller (documents/document-store.ts), which owns the
// meaning. A document is visible only while it and its project are live: every read joins the
// project's `deleted_at`, and every write to a live document re-checks both in its WHERE clause,
// so its change count (not an earlier read) decides whether the document still exists.
import type { DocumentInfo, DocumentKind } from '../../shared/api';
import type { DocumentId, ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { asStorageError, guardStorage } from './storage-errors';

interface DocumentRow {
  id: string;
  project_id: string;
  kind: string;
  name: string;
  rev: number;
  created_at: number;
  updated_at: number;
}

export interface LogEntry {
  rev: number;
  opsJson: string;
  inverseJson: string;
  group: string | null;
  label: string;
  kind: 'edit' | 'undo' | 'redo';
  at: number;
}

const toInfo = (r: DocumentRow): DocumentInfo => ({
  id: r.id as DocumentId,
  projectId: r.project_id as ProjectId,
  kind: r.kind as DocumentKind,
  name: r.name,
  rev: r.rev,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const live = 'd.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects p WHERE p.id = d.project_id AND p.deleted_at IS NULL)';

export function createDocumentsRepo(db: Db) {
  const cols = 'd.id, d.project_id, d.kind, d.name, d.rev, d.created_at, d.updated_at';
  const byId = db.prepare<[string], DocumentRow>(`SELECT ${cols} FROM documents d WHERE d.id = ? AND ${live}`);
  const byProject = db.prepare<[string], DocumentRow>(
    `SELECT ${cols} FROM documents d WHERE d.project_id = ? AND ${live} ORDER BY d.updated_at DESC, d.name COLLATE NOCASE, d.id`,
  );
  const newestOfKind = db.prepare<[string, number], DocumentRow>(`SELECT ${cols} FROM documents d WHERE d.kind = ? AND ${live} ORDER BY d.updated_at DESC, d.id LIMIT ?`);
  const projectLive = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM projects WHERE id = ? AND deleted_at IS NULL');
  const insert = db.prepare(
    'INSERT INTO documents (id, project_id, kind, name, rev, created_at, updated_at) VALUES (@id, @projectId, @kind, @name, @rev, @createdAt, @updatedAt)',
  );
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO document_snapshots (doc_id, rev, content_json) VALUES (?, ?, ?)');
  // The same from UTF-8 bytes: stored as TEXT, exactly as the string would be, without making one.
  const insertSnapshotUtf8 = db.prepare('INSERT OR REPLACE INTO document_snapshots (doc_id, rev, content_json) VALUES (?, ?, CAST(? AS TEXT))');
  const pruneSnapshots = db.prepare('DELETE FROM document_snapshots WHERE doc_id = ? AND rev < ?');
  const newestSnapshot = db.prepare<[string], { rev: number; content_json: string }>(
    'SELECT rev, content_json FROM document_snapshots WHERE doc_id = ? ORDER BY rev DESC LIMIT 1',
  );
  const insertOp = db.prepare(
    'INSERT INTO document_ops (doc_id, rev, ops_json, inverse_json, group_id, label, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const opsAfter = db.prepare<[string, number], { rev: number; ops_json: string; inverse_json: string; group_id: string | null; label: string; kind: LogEntry['kind']; at: number }>(
    'SELECT rev, ops_json, inverse_json, group_id, label, kind, at FROM document_ops WHERE doc_id = ? AND rev > ? ORDER BY rev',
  );
  // Compare-and-set on the revision: a write based on a revision that moved, or on a document (or
  // project) deleted meanwhile, changes nothing.
  const advance = db.prepare(`UPDATE documents AS d SET rev = ?, updated_at = ? WHERE d.id = ? AND d.rev = ? AND ${live}`);
  const rename = db.prepare(`UPDATE documents AS d SET name = ?, updated_at = ? WHERE d.id = ? AND ${live}`);
  const trash = db.prepare(`UPDATE documents AS d SET deleted_at = ? WHERE d.id = ? AND ${live}`);
  const purge = db.prepare('DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?');

  /**
   * Runs fn in one IMMEDIATE transaction (as projects-repo does): a lock held elsewhere surfaces
   * as a transient StorageError before anything was written, so the caller may retry.
   */
  const write = <T>(fn: () => T): T => {
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      throw asStorageError(err, db.name) ?? err;
    }
  };
  let checkpointTimer: NodeJS.Timeout | undefined;
  /** How long after a large write its checkpoint runs. */
  const checkpointDelayMs = 50;

  return guardStorage(db.name, {
    write,
    /**
     * As write, for megabytes (the first snapshot of an imported song). SQLite copies the WAL into
     * the database file (a checkpoint, with an fsync) within any commit that leaves the WAL over
     * its 1,000 pages, which one large song always does: ~35 ms of a 9 MB song's ~50 ms commit.
     * Here the commit skips it and a passive checkpoint runs a moment later instead, after the
     * answer and mostly while the host waits on something else (the next file being read). The
     * song is saved either way: a committed WAL frame is as durable as synchronous=NORMAL makes
     * any commit, and the checkpoint only moves pages into the main file.
     */
    writeLarge<T>(fn: () => T): T {
      const every = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.pragma('wal_autocheckpoint = 0');
      try {
        return write(fn);
      } finally {
        db.pragma(`wal_autocheckpoint = ${every}`);
        checkpointTimer ??= setTimeout(() => {
          checkpointTimer = undefined;
          try {
            if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
          } catch {
            // Busy or closed: the next commit over 1,000 pages checkpoints, as SQLite always does.
          }
        }, checkpointDelayMs).unref();
      }
    },
    /** Reads in one transaction, so a snapshot and the log after it agree. */
    read<T>(fn: () => T): T {
      try {
        return db.transaction(fn)();
      } catch (err) {
        throw asStorageError(err, db.name) ?? err;
      }
    },
    get(id: string): DocumentInfo | undefined {
      const row = byId.get(id);
      return row && toInfo(row);
    },
    list(projectId: string): DocumentInfo[] {
      return byProject.all(projectId).map(toInfo);
    },
    /** The most recently changed live documents of one kind, across projects. */
    newest(kind: DocumentKind, limit: number): DocumentInfo[] {
      return newestOfKind.all(kind, limit).map(toInfo);
    },
    projectIsLive(projectId: string): boolean {
      return projectLive.get(projectId) !== undefined;
    },
    /** A new document and its first snapshot, the JSON given as a string or as its UTF-8 bytes. */
    insert(info: DocumentInfo, contentJson: string | Uint8Array): void {
      insert.run(info);
      if (typeof contentJson === 'string') insertSnapshot.run(info.id, info.rev, contentJson);
      else insertSnapshotUtf8.run(info.id, info.rev, Buffer.from(contentJson.buffer, contentJson.byteOffset, contentJson.byteLength));
    },
    /** Keeps `contentJson` as the snapshot at `rev` and drops older snapshots (the log keeps the history). */
    snapshot(id: string, rev: number, contentJson: string): void {
      insertSnapshot.run(id, rev, contentJson);
      pruneSnapshots.run(id, rev);
    },
    newestSnapshot(id: string): { rev: number; contentJson: string } | undefined {
      const row = newestSnapshot.get(id);
      return row && { rev: row.rev, contentJson: row.content_json };
    },
    logAfter(id: string, rev: number): LogEntry[] {
      return opsAfter.all(id, rev).map((r) => ({
        rev: r.rev,
        opsJson: r.ops_json,
        inverseJson: r.inverse_json,
        group: r.group_id,
        label: r.label,
        kind: r.kind,
        at: r.at,
      }));
    },
    /** False when the document moved past `fromRev` or is gone; nothing is written then. */
    append(id: string, fromRev: number, entry: LogEntry): boolean {
      if (advance.run(entry.rev, entry.at, id, fromRev).changes === 0) return false;
      insertOp.run(id, entry.rev, entry.opsJson, entry.inverseJson, entry.group, entry.label, entry.kind, entry.at);
      return true;
    },
    rename(id: string, name: string, at: number): boolean {
      return rename.run(name, at, id).changes > 0;
    },
    trash(id: string, at: number): boolean {
      return trash.run(at, id).changes > 0;
    },
    purgeTrashedBefore(at: number): number {
      return purge.run(at).changes;
    },
  });
}
export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
