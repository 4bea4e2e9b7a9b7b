// Migration 1: projects, jobs with their final state and metric series, benchmark runs, and the
// local history of events.
export const up = `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_opened_at INTEGER
);
CREATE INDEX projects_recent ON projects (last_opened_at DESC, updated_at DESC);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  params_json TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  progress_text TEXT NOT NULL DEFAULT '',
  messages_json TEXT NOT NULL DEFAULT '[]',
  backend TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  error_json TEXT,
  result_json TEXT,
  series_json TEXT
);
CREATE INDEX jobs_created ON jobs (created_at DESC);

CREATE TABLE benchmark_runs (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  backend TEXT NOT NULL,
  config_json TEXT NOT NULL,
  steps_per_sec REAL NOT NULL,
  sequences_per_sec REAL NOT NULL,
  initial_loss REAL NOT NULL,
  final_loss REAL NOT NULL,
  duration_ms REAL NOT NULL,
  loss_json TEXT NOT NULL
);
CREATE INDEX benchmark_runs_created ON benchmark_runs (created_at DESC);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  subject_id TEXT,
  data_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_at ON events (at DESC);
`;
