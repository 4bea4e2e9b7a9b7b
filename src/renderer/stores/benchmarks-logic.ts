// Decides what the loss chart on the "This machine" card plots — a past run the user picked, or by
// default the running benchmark (else the next queued one, else the latest result) — and what the
// chart says while it has no points yet, so an empty grid always tells the user why.
import type { BenchmarkRun, Job, MetricPoint } from '../../shared/api';
import { activeBenchmarkJob, runningJob, sortJobs } from './jobs-logic';

export type ChartSelection = { kind: 'job'; jobId: string } | { kind: 'run'; runId: string } | null;

export interface LossCurve {
  /** x = step, y = loss, aligned for uPlot. */
  steps: number[];
  loss: number[];
  source: { kind: 'job'; job: Job; latest: MetricPoint | null } | { kind: 'run'; run: BenchmarkRun } | { kind: 'none' };
}

export function curveOfSeries(series: readonly MetricPoint[]): { steps: number[]; loss: number[] } {
  const steps: number[] = [];
  const loss: number[] = [];
  for (const point of series) {
    if (point.loss === undefined || !Number.isFinite(point.loss)) continue;
    steps.push(point.step);
    loss.push(point.loss);
  }
  return { steps, loss };
}

/** A stored run keeps loss per step, first step first; steps are numbered from 1 like the live series. */
export function curveOfRun(run: BenchmarkRun): { steps: number[]; loss: number[] } {
  return { steps: run.loss.map((_, i) => i + 1), loss: run.loss.slice() };
}

export function resolveLossCurve(
  selection: ChartSelection,
  jobs: Readonly<Record<string, Job>>,
  series: Readonly<Record<string, MetricPoint[]>>,
  runs: readonly BenchmarkRun[],
): LossCurve {
  const ofJob = (job: Job): LossCurve => {
    const points = series[job.id] ?? [];
    return { ...curveOfSeries(points), source: { kind: 'job', job, latest: points[points.length - 1] ?? null } };
  };
  const ofRun = (run: BenchmarkRun): LossCurve => ({ ...curveOfRun(run), source: { kind: 'run', run } });

  if (selection?.kind === 'run') {
    const run = runs.find((r) => r.id === selection.runId);
    if (run) return ofRun(run);
  }
  if (selection?.kind === 'job') {
    const job = jobs[selection.jobId];
    if (job) return ofJob(job);
  }
  const active = activeBenchmarkJob(jobs);
  if (active) return ofJob(active);
  const latest = runs[0];
  // A benchmark submitted after the latest stored run has no run of its own (yet, or ever: it
  // failed, was cancelled or interrupted): its curve, or how it broke, is the newest news. One
  // cancelled before its first step says nothing, and must not hide the last real curve.
  const newest = sortJobs(jobs).find((j) => j.kind === 'benchmark' && ((series[j.id]?.length ?? 0) > 0 || j.status === 'failed' || j.status === 'interrupted'));
  if (newest && (!latest || newest.createdAt > latest.createdAt)) return ofJob(newest);
  if (latest) return ofRun(latest);
  return { steps: [], loss: [], source: { kind: 'none' } };
}

/** Whether a job got as far as a training step (its points may still be lost, e.g. in a crash). */
const ranAtAll = (job: Job): boolean => job.progress > 0;

/** The line over an empty chart: what is happening, never "run a benchmark" while one is under way. */
export function chartEmptyText(curve: LossCurve, jobs: Readonly<Record<string, Job>>, opts: { starting: boolean; connected: boolean }): string {
  const { source } = curve;
  if (source.kind === 'none') return opts.starting ? 'Starting a benchmark…' : 'Run a benchmark to see its loss curve here.';
  if (source.kind === 'run') return 'This run recorded no loss values.';
  const { job } = source;
  if (!opts.connected && (job.status === 'queued' || job.status === 'running')) return 'Connection lost — status unknown';
  switch (job.status) {
    case 'queued': {
      const ahead = runningJob(jobs);
      return ahead && ahead.id !== job.id ? `Queued behind “${ahead.title}”` : 'Queued — waiting for a free worker…';
    }
    case 'running':
      return 'Starting worker…';
    case 'failed':
      return ranAtAll(job) ? 'The run failed; no loss values were kept.' : 'The run failed before its first step.';
    case 'cancelled':
      return ranAtAll(job) ? 'Cancelled; no loss values were kept.' : 'Cancelled before its first step.';
    case 'interrupted':
      return ranAtAll(job) ? 'Montage stopped during this run; its loss curve was not kept.' : 'Montage stopped before this run’s first step.';
    case 'succeeded':
      return 'This run recorded no loss values.';
  }
}
