// SQL for the jobs table: every job's latest state, so a restart shows what happened. Storage
// failures come out as StorageErrors (storage-errors.ts), which the job manager retries or skips.
import type { Job, JobKind, JobStatus, MetricPoint } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

/** Finished jobs kept in the list; older ones are removed at start and after each job ends. */
export const keepFinishedJobs = 200;

interface JobRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  params_json: string;
  progress: number;
  progress_text: string;
  messages_json: string;
  backend: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  error_json: string | null;
  result_json: string | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id as JobId,
  kind: r.kind as JobKind,
  title: r.title,
  status: r.status as JobStatus,
  progress: r.progress,
  progressText: r.progress_text,
  messages: JSON.parse(r.messages_json) as Job['messages'],
  backend: r.backend,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error_json ? (JSON.parse(r.error_json) as Job['error']) : null,
  result: r.result_json ? (JSON.parse(r.result_json) as Job['result']) : null,
});

export function createJobsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO jobs (id, kind, title, status, params_json, created_at)
     VALUES (@id, @kind, @title, @status, @params, @createdAt)`,
  );
  const save = db.prepare(
    `UPDATE jobs SET status = @status, progress = @progress, progress_text = @progressText,
       messages_json = @messages, backend = @backend, started_at = @startedAt, finished_at = @finishedAt,
       error_json = @error, result_json = @result WHERE id = @id`,
  );
  const saveSeries = db.prepare('UPDATE jobs SET series_json = ? WHERE id = ?');
  const byId = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const seriesById = db.prepare<[string], { series_json: string | null }>('SELECT series_json FROM jobs WHERE id = ?');
  const paramsById = db.prepare<[string], { params_json: string }>('SELECT params_json FROM jobs WHERE id = ?');
  const latest = db.prepare<[number], JobRow>('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const unfinished = db.prepare<[], JobRow>("SELECT * FROM jobs WHERE status IN ('queued', 'running')");
  const deleteFinished = db.prepare("DELETE FROM jobs WHERE status NOT IN ('queued', 'running')");
  const pruneFinished = db.prepare<[number]>(
    `DELETE FROM jobs WHERE status NOT IN ('queued', 'running') AND id NOT IN (
       SELECT id FROM jobs WHERE status NOT IN ('queued', 'running') ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
  );

  return guardStorage(db.name, {
    insert(job: Job, params: unknown): void {
      insert.run({ id: job.id, kind: job.kind, title: job.title, status: job.status, params: JSON.stringify(params), createdAt: job.createdAt });
    },
    save(job: Job): void {
      save.run({
        id: job.id,
        status: job.status,
        progress: job.progress,
        progressText: job.progressText,
        messages: JSON.stringify(job.messages),
        backend: job.backend,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        error: job.error ? JSON.stringify(job.error) : null,
        result: job.result ? JSON.stringify(job.result) : null,
      });
    },
    saveSeries(id: string, series: MetricPoint[]): void {
      saveSeries.run(JSON.stringify(series), id);
    },
    get(id: string): Job | undefined {
      const row = byId.get(id);
      return row && toJob(row);
    },
    params(id: string): unknown {
      const row = paramsById.get(id);
      return row ? JSON.parse(row.params_json) : undefined;
    },
    series(id: string): MetricPoint[] {
      const row = seriesById.get(id);
      return row?.series_json ? (JSON.parse(row.series_json) as MetricPoint[]) : [];
    },
    list(limit: number): Job[] {
      return latest.all(limit).map(toJob);
    },
    /** Jobs a previous host left queued or running (it closed or crashed). */
    unfinished(): Job[] {
      return unfinished.all().map(toJob);
    },
    /** Removes every finished job (benchmark runs keep their data: no foreign key since migration 4). */
    deleteFinished(): number {
      return deleteFinished.run().changes;
    },
    /** Keeps the newest `keep` finished jobs; returns how many were removed. */
    pruneFinished(keep = keepFinishedJobs): number {
      return pruneFinished.run(keep).changes;
    },
  });
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
