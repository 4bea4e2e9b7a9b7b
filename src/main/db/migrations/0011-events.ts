// Migration 11: one event log for recommendations and insights. The `events` table of 0001 (what
// the host did: project and document changes, benchmarks) and the `history` table of 0008 (what
// the musician did with generated music) become one `events` table, and a `settings` table holds
// the user's choices (history recording paused).
//
// Columns of an event:
// - `profile`: whose taste it shows ('local', the one user of this machine; imported interaction
//   sets are evaluated apart and never stored here).
// - `type`: what happened ('document.opened', 'generation.kept' …); checked by the API
//   (shared/api/history.ts), not a CHECK list, so a new type needs no table rebuild.
// - `item`: what it was about, as "kind:id" ('song:<id>', 'model:<id>' …), or NULL.
// - `project_id`, `session_id`: the contexts whose co-occurrence item CF uses. No foreign key:
//   purging a project keeps what was learnt from it (the user clears history explicitly).
// - `weight`: how much it says about taste (shared/api/history.ts eventWeights), stored so
//   changing the weights later does not rewrite the past.
//
// Indexes, each for a read that must stay fast at a million events:
// - events_at (at DESC, id DESC): the History view's newest-first pages, insights by time.
// - events_by_type (type, at DESC): filters by type; keep rates; counts per type.
// - events_by_item (item, at DESC): an item's events (explanations, "recently used").
// - events_by_project (project_id, at DESC): a project's events and its co-occurrence rows.
// The recommenders' fit reads all weighted events once (a table scan in rowid order), which needs
// no index. Inserts are batched in one transaction (services/event-log.ts), so four indexes cost
// a few microseconds per event.
//
// Copied over: old events keep their ids; their subject becomes an item key by type; history
// rows get new ids after them and their model as the item. Weights use the values of this
// release for the types that existed then.
export const up = `
CREATE TABLE events_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  profile TEXT NOT NULL DEFAULT 'local' CHECK (length(profile) BETWEEN 1 AND 64),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
  item TEXT CHECK (item IS NULL OR length(item) BETWEEN 3 AND 200),
  project_id TEXT,
  session_id TEXT,
  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight <= 100),
  data_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data_json) AND length(data_json) <= 16384)
);

INSERT INTO events_log (id, at, type, item, project_id, weight, data_json)
SELECT
  id,
  at,
  type,
  CASE
    WHEN subject_id IS NULL THEN NULL
    WHEN type LIKE 'project.%' THEN 'project:' || subject_id
    WHEN type LIKE 'document.%' AND json_valid(data_json) AND json_extract(data_json, '$.kind') = 'script' THEN 'script:' || subject_id
    WHEN type LIKE 'document.%' THEN 'song:' || subject_id
    WHEN type LIKE 'benchmark.%' THEN 'job:' || subject_id
    ELSE NULL
  END,
  CASE
    WHEN type LIKE 'project.%' THEN subject_id
    WHEN json_valid(data_json) AND json_type(data_json, '$.projectId') = 'text' THEN json_extract(data_json, '$.projectId')
    ELSE NULL
  END,
  CASE type
    WHEN 'project.created' THEN 1
    WHEN 'project.opened' THEN 1
    WHEN 'project.restored' THEN 1
    WHEN 'document.created' THEN 2
    WHEN 'document.imported' THEN 2
    WHEN 'document.renamed' THEN 0.5
    ELSE 0
  END,
  CASE WHEN json_valid(data_json) AND length(data_json) <= 16384 THEN data_json ELSE '{}' END
FROM events ORDER BY id;

INSERT INTO events_log (at, type, item, project_id, weight, data_json)
SELECT
  at,
  kind,
  CASE WHEN model_id IS NULL THEN NULL ELSE 'model:' || model_id END,
  project_id,
  CASE kind WHEN 'generation.kept' THEN 3 WHEN 'generation.requested' THEN 0.5 ELSE 0 END,
  payload_json
FROM history ORDER BY id;

DROP TABLE history;
DROP TABLE events;
ALTER TABLE events_log RENAME TO events;

CREATE INDEX events_at ON events (at DESC, id DESC);
CREATE INDEX events_by_type ON events (type, at DESC);
CREATE INDEX events_by_item ON events (item, at DESC) WHERE item IS NOT NULL;
CREATE INDEX events_by_project ON events (project_id, at DESC) WHERE project_id IS NOT NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value_json TEXT NOT NULL CHECK (json_valid(value_json) AND length(value_json) <= 4096)
);
`;
