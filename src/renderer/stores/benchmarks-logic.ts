// Decides what the loss chart on the "This machine" card plots: a past run the user picked, the
// benchmark job they just started, or by default the running benchmark (else the latest run).
import type { BenchmarkRun, Job, MetricPoint } from '../../shared/api';
import { activeBenchmarkJob } from './jobs-logic';

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
  if (latest) return ofRun(latest);
  return { steps: [], loss: [], source: { kind: 'none' } };
}
