// Implements BenchmarksService: "Benchmark this machine" runs as a worker job; its result is
// stored as a benchmark run.
import { randomUUID } from 'node:crypto';
import { StudioError, benchmarkConfig, type BenchmarkRun, type BenchmarksService } from '../../shared/api';
import type { BenchmarkRunId } from '../../shared/ids';
import type { BenchmarkRunsRepo } from '../db/benchmark-runs-repo';
import type { EventsRepo } from '../db/events-repo';
import type { JobManager } from '../jobs/job-manager';
import type { EventBus } from './event-bus';

export function createBenchmarksService(jobs: JobManager, runs: BenchmarkRunsRepo, history: EventsRepo, bus: EventBus, now = Date.now): BenchmarksService {
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
          runs.insert(run);
          history.record('benchmark.finished', run.id, { backend: run.backend, stepsPerSec: run.stepsPerSec });
          bus.emit('onBenchmarkRunsChanged', { id: run.id });
          return { runId: run.id, backend: run.backend, stepsPerSec: run.stepsPerSec, finalLoss: run.finalLoss };
        },
      });
      history.record('benchmark.started', job.id, { ...config });
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
