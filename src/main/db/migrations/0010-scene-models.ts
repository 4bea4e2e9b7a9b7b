// Migration 10: the model registry keeps the scene writer's scene models (kind 'scenes',
// src/workers/models/scene-model-files.ts) beside music models. The kind is a CHECK constraint,
// which SQLite cannot alter, so `models` is rebuilt with the 12-step procedure (the runner turns
// foreign keys off around it and runs foreign_key_check), keeping every row and the indexes.
export const up = `
CREATE TABLE models_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  name_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('melody', 'drums', 'scenes')),
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
INSERT INTO models_new (id, name, name_key, kind, config_name, config_json, vocabulary, steps, data_json, curve_json, metrics_json, dir, origin, source, manifest_hash, project_id, created_at)
  SELECT id, name, name_key, kind, config_name, config_json, vocabulary, steps, data_json, curve_json, metrics_json, dir, origin, source, manifest_hash, project_id, created_at FROM models;
DROP TABLE models;
ALTER TABLE models_new RENAME TO models;
CREATE UNIQUE INDEX models_name ON models (kind, name_key);
CREATE UNIQUE INDEX models_shipped ON models (source) WHERE origin = 'shipped';
CREATE INDEX models_by_project ON models (project_id) WHERE project_id IS NOT NULL;
`;
