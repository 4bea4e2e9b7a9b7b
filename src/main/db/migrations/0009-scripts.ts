// Migration 9: a document may be a script (Fountain text, edited with text replacements) as well
// as a song. The kind is a CHECK constraint, which SQLite cannot alter, so `documents` is rebuilt
// with the 12-step procedure (the runner turns foreign keys off around it and runs
// foreign_key_check), keeping every row and the indexes; the log and snapshot tables, which
// reference documents by id, are untouched.
export const up = `
CREATE TABLE documents_new (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('song', 'script')),
  name TEXT NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
INSERT INTO documents_new (id, project_id, kind, name, rev, created_at, updated_at, deleted_at)
  SELECT id, project_id, kind, name, rev, created_at, updated_at, deleted_at FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_by_project ON documents (project_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX documents_deleted ON documents (deleted_at) WHERE deleted_at IS NOT NULL;
`;
