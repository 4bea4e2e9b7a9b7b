import { describe, expect, it } from 'vitest';
import type { BenchmarkRun, Job, MetricPoint } from '../../shared/api';
import type { BenchmarkRunId, JobId } from '../../shared/ids';
import { curveOfSeries, resolveLossCurve } from './benchmarks-logic';

const job = (id: string, status: Job['status'], createdAt: number): Job => ({
  id: id as JobId,
  kind: 'benchmark',
  title: 'Benchmark',
  status,
  progress: 0,
  progressText: '',
  messages: [],
  backend: null,
  createdAt,
  startedAt: null,
  finishedAt: null,
  error: null,
  result: null,
});

const run = (id: string, loss: number[]): BenchmarkRun => ({
  id: id as BenchmarkRunId,
  jobId: 'j' as JobId,
  createdAt: 1,
  backend: 'wasm',
  config: { steps: loss.length, batchSize: 32, sequenceLength: 32, hiddenUnits: 128, seed: 7 },
  stepsPerSec: 1,
  sequencesPerSec: 32,
  initialLoss: loss[0] ?? 0,
  finalLoss: loss[loss.length - 1] ?? 0,
  durationMs: 1000,
  loss,
});

const pts = (...losses: (number | undefined)[]): MetricPoint[] => losses.map((loss, i) => ({ step: i + 1, elapsedMs: i, loss }));

describe('curveOfSeries', () => {
  it('skips points without a finite loss', () => {
    expect(curveOfSeries(pts(3, undefined, NaN, 2))).toEqual({ steps: [1, 4], loss: [3, 2] });
  });
});

describe('resolveLossCurve', () => {
  const jobs = { old: job('old', 'succeeded', 1), live: job('live', 'running', 2) };
  const series = { old: pts(5, 4), live: pts(3, 2, 1) };
  const runs = [run('r2', [9, 8, 7, 6]), run('r1', [1])];

  it('plots a picked run with steps numbered from 1', () => {
    const curve = resolveLossCurve({ kind: 'run', runId: 'r2' }, jobs, series, runs);
    expect(curve.steps).toEqual([1, 2, 3, 4]);
    expect(curve.source.kind).toBe('run');
  });

  it('plots a picked job even after it finished', () => {
    const curve = resolveLossCurve({ kind: 'job', jobId: 'old' }, jobs, series, runs);
    expect(curve.loss).toEqual([5, 4]);
    expect(curve.source).toMatchObject({ kind: 'job', latest: { step: 2 } });
  });

  it('follows the running benchmark by default, else the latest run', () => {
    expect(resolveLossCurve(null, jobs, series, runs).loss).toEqual([3, 2, 1]);
    expect(resolveLossCurve(null, { old: jobs.old }, series, runs).loss).toEqual([9, 8, 7, 6]);
  });

  it('falls back to the default when the picked item is gone, and is empty with nothing to show', () => {
    expect(resolveLossCurve({ kind: 'run', runId: 'gone' }, jobs, series, runs).loss).toEqual([3, 2, 1]);
    expect(resolveLossCurve(null, {}, {}, [])).toEqual({ steps: [], loss: [], source: { kind: 'none' } });
  });
});
