// Migration 8: the history of what the musician did with generated music (asked for it, kept a
// result, discarded one), for recommendations later (services/history-service.ts).
//
// - `kind` is checked by the API (shared/api/history.ts), not by a CHECK list here, so a new kind
//   (a chord suggestion taken, a script line kept) needs no table rebuild.
// - `project_id`: ON DELETE SET NULL, so purging a project from the trash keeps what was learnt.
//   A project id that does not exist is stored as NULL by the insert itself.
// - `model_id`: no foreign key: deleting a model keeps its history (the id then names nothing).
// - `payload_json`: small (mode, arguments, a clip summary), checked by json_valid.
// - Indexes answer the two reads `list` makes: newest first by kind, and by project.
export const up = `
CREATE TABLE history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  project_id TEXT REFERENCES projects (id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  model_id TEXT,
  payload_json TEXT NOT NULL CHECK (json_valid(payload_json) AND length(payload_json) <= 16384)
);
CREATE INDEX history_by_kind ON history (kind, id DESC);
CREATE INDEX history_by_project ON history (project_id, id DESC) WHERE project_id IS NOT NULL;
`;
