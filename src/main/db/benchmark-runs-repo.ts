// SQL for the benchmark_runs table. A run keeps the id of the job that measured it but does not
// depend on that job's row (migration 4), so clearing finished jobs keeps every measurement.
import type { BenchmarkConfig, BenchmarkRun } from '../../shared/api';
import type { BenchmarkRunId, JobId } from '../../shared/ids';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

/** Runs kept; older ones are removed at start and after each new run. */
export const keepBenchmarkRuns = 200;

interface RunRow {
  id: string;
  job_id: string;
  created_at: number;
  backend: string;
  config_json: string;
  steps_per_sec: number;
  sequences_per_sec: number;
  initial_loss: number;
  final_loss: number;
  duration_ms: number;
  loss_json: string;
}

const toRun = (r: RunRow): BenchmarkRun => ({
  id: r.id as BenchmarkRunId,
  jobId: r.job_id as JobId,
  createdAt: r.created_at,
  backend: r.backend,
  config: JSON.parse(r.config_json) as BenchmarkConfig,
  stepsPerSec: r.steps_per_sec,
  sequencesPerSec: r.sequences_per_sec,
  initialLoss: r.initial_loss,
  finalLoss: r.final_loss,
  durationMs: r.duration_ms,
  loss: JSON.parse(r.loss_json) as number[],
});

export function createBenchmarkRunsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO benchmark_runs (id, job_id, created_at, backend, config_json, steps_per_sec, sequences_per_sec,
       initial_loss, final_loss, duration_ms, loss_json)
     VALUES (@id, @jobId, @createdAt, @backend, @config, @stepsPerSec, @sequencesPerSec, @initialLoss, @finalLoss,
       @durationMs, @loss)`,
  );
  const byId = db.prepare<[string], RunRow>('SELECT * FROM benchmark_runs WHERE id = ?');
  const latest = db.prepare<[number], RunRow>('SELECT * FROM benchmark_runs ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const prune = db.prepare<[number]>(
    'DELETE FROM benchmark_runs WHERE id NOT IN (SELECT id FROM benchmark_runs ORDER BY created_at DESC, rowid DESC LIMIT ?)',
  );

  return guardStorage(db.name, {
    insert(run: BenchmarkRun): void {
      insert.run({ ...run, config: JSON.stringify(run.config), loss: JSON.stringify(run.loss) });
    },
    get(id: string): BenchmarkRun | undefined {
      const row = byId.get(id);
      return row && toRun(row);
    },
    list(limit: number): BenchmarkRun[] {
      return latest.all(limit).map(toRun);
    },
    /** Keeps the newest `keep` runs; returns how many were removed. */
    prune(keep = keepBenchmarkRuns): number {
      return prune.run(keep).changes;
    },
  });
}
export type BenchmarkRunsRepo = ReturnType<typeof createBenchmarkRunsRepo>;
