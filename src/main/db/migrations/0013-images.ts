// Migration 13: images as assets, and what recognising them produces.
//
// - `assets.kind` may be 'image' (JPEG and PNG files). The kind is a CHECK constraint, which SQLite
//   cannot alter, so `assets` is rebuilt with the 12-step procedure (the runner turns foreign keys
//   off around it and runs foreign_key_check); every row, both indexes and the tables that
//   reference it (transcripts) are kept.
// - `image_tagging`: one row per image once the host has tagged it (or failed to): its size as
//   displayed, its thumbnail (a JPEG file in the project's thumbnails/ folder, named by its own
//   SHA-256, so two images with the same content share one), how long tagging took, or the reason
//   it failed. An image without a row is waiting to be tagged; the host tags it at start-up.
// - `image_tags`: detector objects (label, score, box in displayed pixels) and categories a trained
//   classifier predicted (no box). `label_key` is the case-folded label that search compares.
// - `image_embeddings`: the 1,280-d embedding as little-endian float32 (5 KB an image).
// - `image_categories`: the category the user gave an image (a training example).
// - `image_classifiers`: a trained classifier per scope (a project, or NULL: all projects): k-NN
//   (its k and the examples' embeddings) or a dense head (weights and bias), with its accuracy.
// Everything about an image goes with its asset (ON DELETE CASCADE), and a project's classifier
// with the project.
export const up = `
CREATE TABLE assets_new (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('audio', 'image')),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  created_at INTEGER NOT NULL
);
INSERT INTO assets_new (id, project_id, kind, name, mime, bytes, hash, created_at)
  SELECT id, project_id, kind, name, mime, bytes, hash, created_at FROM assets;
DROP TABLE assets;
ALTER TABLE assets_new RENAME TO assets;
CREATE INDEX assets_by_project ON assets (project_id, created_at DESC);
CREATE INDEX assets_by_hash ON assets (project_id, hash);

CREATE TABLE image_tagging (
  asset_id TEXT PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('tagged', 'failed')),
  error TEXT CHECK ((state = 'failed') = (error IS NOT NULL)),
  width INTEGER CHECK (width IS NULL OR width > 0),
  height INTEGER CHECK (height IS NULL OR height > 0),
  thumb_hash TEXT CHECK (thumb_hash IS NULL OR length(thumb_hash) = 64),
  thumb_width INTEGER CHECK (thumb_width IS NULL OR thumb_width > 0),
  thumb_height INTEGER CHECK (thumb_height IS NULL OR thumb_height > 0),
  tagging_ms REAL CHECK (tagging_ms IS NULL OR tagging_ms >= 0),
  at INTEGER NOT NULL
);
CREATE INDEX image_tagging_by_thumb ON image_tagging (thumb_hash) WHERE thumb_hash IS NOT NULL;

CREATE TABLE image_tags (
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  label_key TEXT NOT NULL CHECK (length(label_key) BETWEEN 1 AND 100),
  score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  source TEXT NOT NULL CHECK (source IN ('detector', 'custom')),
  box_x INTEGER,
  box_y INTEGER,
  box_width INTEGER,
  box_height INTEGER,
  CHECK ((source = 'detector') = (box_x IS NOT NULL AND box_y IS NOT NULL AND box_width IS NOT NULL AND box_height IS NOT NULL))
);
CREATE INDEX image_tags_by_asset ON image_tags (asset_id);
CREATE INDEX image_tags_by_label ON image_tags (label_key);

CREATE TABLE image_embeddings (
  asset_id TEXT PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  dims INTEGER NOT NULL CHECK (dims > 0),
  vector BLOB NOT NULL CHECK (length(vector) = dims * 4)
);

CREATE TABLE image_categories (
  asset_id TEXT PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  category TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 64),
  category_key TEXT NOT NULL CHECK (length(category_key) BETWEEN 1 AND 64),
  at INTEGER NOT NULL
);
CREATE INDEX image_categories_by_key ON image_categories (category_key);

CREATE TABLE image_classifiers (
  id TEXT PRIMARY KEY,
  project_id TEXT REFERENCES projects (id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN ('knn', 'dense')),
  k INTEGER CHECK ((method = 'knn') = (k IS NOT NULL AND k > 0)),
  dims INTEGER NOT NULL CHECK (dims > 0),
  labels_json TEXT NOT NULL CHECK (json_valid(labels_json) AND json_type(labels_json) = 'array'),
  weights BLOB NOT NULL,
  bias BLOB CHECK ((method = 'dense') = (bias IS NOT NULL)),
  accuracy REAL NOT NULL CHECK (accuracy >= 0 AND accuracy <= 1),
  summary_json TEXT NOT NULL CHECK (json_valid(summary_json)),
  trained_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX image_classifiers_scope ON image_classifiers (ifnull(project_id, ''));
`;
