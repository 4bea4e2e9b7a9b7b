// Migration 7: the registry of music models. A row describes one model; its weights are a folder
// in tfjs format, `dir`, relative to <data>/models/ (the model's id), which the host creates and
// removes with the row (services/models-service.ts). Config, data summary, training curve and
// metrics are small JSON documents read whole by the model view, so they are JSON columns, not
// tables of their own; json_valid keeps a bad write out.
//
// - `origin`: 'trained' here, or 'shipped' with Montage (found at start-up in the app's
//   models/shipped/; `source` is its folder name there and `manifest_hash` the SHA-256 of its
//   music-model.json, so a start-up that finds the same folder with the same manifest does
//   nothing, and a changed one updates the row in place).
// - `project_id`: the project whose songs it learnt from. ON DELETE SET NULL: purging the project
//   from the trash keeps the model.
//
// Indexes:
// - models_name: UNIQUE (kind, name_key). Names are unique per kind in the schema, compared as
//   project names are (name_key = projectNameKey(name), computed in JS: trim, NFC, case-folded),
//   so two writers can never both register "Lullabies" and a clash is a UNIQUE violation rather
//   than a read of the list. It also answers "the model named X" (`montage models delete X`).
// - models_shipped: UNIQUE (source) over shipped rows only: one row per shipped folder, whoever
//   scans first, which makes discovery idempotent even if two scans race.
// - models_by_project: the foreign key's child index. Without it every project purge would scan
//   the whole table to apply ON DELETE SET NULL; partial, since most models may have no project.
// - The list (newest first) needs no index of its own: a registry holds tens of models, and
//   sorting them is cheaper than keeping another index up to date.
export const up = `
CREATE TABLE models (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  name_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('melody', 'drums')),
  config_name TEXT NOT NULL,
  config_json TEXT NOT NULL CHECK (json_valid(config_json)),
  vocabulary INTEGER NOT NULL CHECK (vocabulary > 0),
  steps INTEGER NOT NULL CHECK (steps > 0),
  data_json TEXT NOT NULL CHECK (json_valid(data_json)),
  curve_json TEXT NOT NULL CHECK (json_valid(curve_json)),
  metrics_json TEXT NOT NULL CHECK (json_valid(metrics_json)),
  dir TEXT NOT NULL UNIQUE CHECK (length(dir) > 0 AND dir NOT LIKE '/%' AND dir NOT LIKE '%..%'),
  origin TEXT NOT NULL CHECK (origin IN ('shipped', 'trained')),
  source TEXT,
  manifest_hash TEXT NOT NULL CHECK (length(manifest_hash) = 64),
  project_id TEXT REFERENCES projects (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  CHECK ((origin = 'shipped') = (source IS NOT NULL))
);
CREATE UNIQUE INDEX models_name ON models (kind, name_key);
CREATE UNIQUE INDEX models_shipped ON models (source) WHERE origin = 'shipped';
CREATE INDEX models_by_project ON models (project_id) WHERE project_id IS NOT NULL;
`;
