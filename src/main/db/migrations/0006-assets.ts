// Migration 6: binary assets of a project (audio now, images later). The bytes live in files named
// by their SHA-256 under <data>/projects/<projectId>/assets/; a row names one use of such a file,
// so the same content imported twice into a project is one file and two rows. Rows go with their
// project (ON DELETE CASCADE) when the trash is purged; the host removes the folder then.
export const up = `
CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('audio')),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  created_at INTEGER NOT NULL
);
CREATE INDEX assets_by_project ON assets (project_id, created_at DESC);
CREATE INDEX assets_by_hash ON assets (project_id, hash);
`;
