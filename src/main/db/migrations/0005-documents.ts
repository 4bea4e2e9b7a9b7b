// Migration 5: the documents of a project (songs first) with an append-only log of edits and
// periodic snapshots. The log is the truth (each row is one acknowledged revision, with the ops
// applied and their inverse), snapshots only make opening cheap: open = newest snapshot + the log
// after it. Rows go with their project (ON DELETE CASCADE) when the trash is purged.
export const up = `
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('song')),
  name TEXT NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX documents_by_project ON documents (project_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX documents_deleted ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE document_ops (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rev INTEGER NOT NULL,
  ops_json TEXT NOT NULL,
  inverse_json TEXT NOT NULL,
  group_id TEXT,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
  at INTEGER NOT NULL,
  PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;

CREATE TABLE document_snapshots (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rev INTEGER NOT NULL,
  content_json TEXT NOT NULL,
  PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;
`;
