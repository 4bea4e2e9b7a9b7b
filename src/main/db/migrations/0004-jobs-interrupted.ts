// Migration 4: a job's status may be 'interrupted' (Montage closed or crashed while it was queued
// or running), and benchmark runs no longer depend on their job's row.
//
// SQLite cannot alter a CHECK constraint or a foreign key, so both tables are rebuilt with the
// documented 12-step procedure (the runner turns foreign keys off around it and runs
// foreign_key_check; see applyMigration in database.ts). Without that, DROP TABLE jobs would
// cascade-delete every benchmark run through `ON DELETE CASCADE`.
//
// benchmark_runs.job_id stays (which job measured the run) but without a foreign key: a run is the
// lasting result, the job row is its activity log, and clearing or pruning finished jobs
// (jobs.clearFinished) must not delete measurements. ON DELETE SET NULL would do it too, but the
// API's BenchmarkRun.jobId is not nullable and the id is still worth keeping.
//
// Jobs the old host recorded as "failed: Montage closed before this job finished" become
// 'interrupted', the status such jobs get from now on.
export const up = `
CREATE TABLE jobs_new (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
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
INSERT INTO jobs_new (id, kind, title, status, params_json, progress, progress_text, messages_json, backend, created_at,
    started_at, finished_at, error_json, result_json, series_json)
  SELECT id, kind, title, status, params_json, progress, progress_text, messages_json, backend, created_at,
    started_at, finished_at, error_json, result_json, series_json FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_created ON jobs (created_at DESC);
CREATE INDEX jobs_status ON jobs (status);
UPDATE jobs SET status = 'interrupted' WHERE status = 'failed' AND error_json LIKE '%closed before this job finished%';

CREATE TABLE benchmark_runs_new (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
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
INSERT INTO benchmark_runs_new (id, job_id, created_at, backend, config_json, steps_per_sec, sequences_per_sec,
    initial_loss, final_loss, duration_ms, loss_json)
  SELECT id, job_id, created_at, backend, config_json, steps_per_sec, sequences_per_sec,
    initial_loss, final_loss, duration_ms, loss_json FROM benchmark_runs;
DROP TABLE benchmark_runs;
ALTER TABLE benchmark_runs_new RENAME TO benchmark_runs;
CREATE INDEX benchmark_runs_created ON benchmark_runs (created_at DESC);
`;
