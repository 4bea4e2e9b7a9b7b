// Implements BenchmarksService: "Benchmark this machine" runs as a worker job; its result is
// stored as a benchmark run. Runs are kept to the newest keepBenchmarkRuns.
import { randomUUID } from 'node:crypto';
import { StudioError, benchmarkConfig, type BenchmarkRun, type BenchmarksService } from '../../shared/api';
import type { BenchmarkRunId } from '../../shared/ids';
import type { BenchmarkRunsRepo } from '../db/benchmark-runs-repo';
import type { EventLog } from './event-log';
import type { JobManager } from '../jobs/job-manager';
import type { EventBus } from './event-bus';

export function createBenchmarksService(jobs: JobManager, runs: BenchmarkRunsRepo, history: EventLog, bus: EventBus, now = Date.now): BenchmarksService {
  /** History and pruning are secondary: a failure there must not lose (or, retried, duplicate) a run. */
  const bestEffort = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      console.error(`montage: could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  bestEffort('prune old benchmark runs', () => runs.prune());
  return {
    async start(args) {
      const config = benchmarkConfig.parse(args);
      const title = `Benchmark: LSTM ${config.hiddenUnits} · ${config.steps} steps${config.backend ? ` · ${config.backend}` : ''}`;
      const job = jobs.submit({
        kind: 'benchmark',
        title,
        params: config,
        task: { task: 'benchmark', config },
        ...(config.backend ? { workerEnv: { MONTAGE_ML_BACKEND: config.backend } } : {}),
        complete(job, result) {
          if (result.task !== 'benchmark') throw new StudioError('internal', 'The worker answered with the wrong kind of result.');
          const { task: _task, ...measured } = result;
          const run: BenchmarkRun = { id: randomUUID() as BenchmarkRunId, jobId: job.id, createdAt: now(), config, ...measured };
          // The one write that matters, and the only one before it can throw: the job manager
          // retries complete() when the database is locked, so nothing may be written before it.
          runs.insert(run);
          bestEffort('record the benchmark in the history', () => history.record({ type: 'benchmark.finished', item: `job:${run.id}`, data: { backend: run.backend, stepsPerSec: run.stepsPerSec } }));
          bestEffort('prune old benchmark runs', () => runs.prune());
          bus.emit('onBenchmarkRunsChanged', { id: run.id });
          return { runId: run.id, backend: run.backend, stepsPerSec: run.stepsPerSec, finalLoss: run.finalLoss };
        },
      });
      bestEffort('record the benchmark in the history', () => history.record({ type: 'benchmark.started', item: `job:${job.id}`, data: { ...config } }));
      return job;
    },
    async listRuns(args) {
      return runs.list(args.limit ?? 20);
    },
    async getRun({ id }) {
      const run = runs.get(id);
      if (!run) throw new StudioError('not-found', 'That benchmark run no longer exists.');
      return run;
    },
  };
}
