import { describe, expect, it } from 'vitest';
import type { BenchmarkRun, Job, MetricPoint } from '../../shared/api';
import type { BenchmarkRunId, JobId } from '../../shared/ids';
import { chartEmptyText, curveOfSeries, resolveLossCurve } from './benchmarks-logic';

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

const run = (id: string, loss: number[], createdAt = 1): BenchmarkRun => ({
  id: id as BenchmarkRunId,
  jobId: 'j' as JobId,
  createdAt,
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
    expect(resolveLossCurve(null, { old: jobs.old }, series, [run('r3', [9, 8, 7, 6], 5)]).loss).toEqual([9, 8, 7, 6]);
  });

  it('keeps drawing the running benchmark when another is queued behind it', () => {
    const withQueued = { ...jobs, next: job('next', 'queued', 3) };
    const curve = resolveLossCurve(null, withQueued, series, runs);
    expect(curve.loss).toEqual([3, 2, 1]);
    expect(curve.source).toMatchObject({ kind: 'job', job: { id: 'live' } });
  });

  it('shows a benchmark newer than the latest run (it failed or its run is on its way)', () => {
    const failed = { f: job('f', 'failed', 10) };
    expect(resolveLossCurve(null, failed, {}, [run('r', [1, 2], 5)]).source).toMatchObject({ kind: 'job', job: { id: 'f' } });
    expect(resolveLossCurve(null, { f: job('f', 'succeeded', 4) }, {}, [run('r', [1, 2], 5)]).source.kind).toBe('run');
  });

  it('does not hide the latest real curve behind benchmarks cancelled before their first step', () => {
    const cancelled = { c: job('c', 'cancelled', 10) };
    expect(resolveLossCurve(null, cancelled, {}, [run('r', [1, 2], 5)]).source.kind).toBe('run');
    expect(resolveLossCurve(null, cancelled, { c: pts(4, 3) }, [run('r', [1, 2], 5)]).source).toMatchObject({ kind: 'job', job: { id: 'c' } });
  });

  it('falls back to the default when the picked item is gone, and is empty with nothing to show', () => {
    expect(resolveLossCurve({ kind: 'run', runId: 'gone' }, jobs, series, runs).loss).toEqual([3, 2, 1]);
    expect(resolveLossCurve(null, {}, {}, [])).toEqual({ steps: [], loss: [], source: { kind: 'none' } });
  });
});

describe('chartEmptyText', () => {
  const running = { ...job('live', 'running', 2), title: 'Benchmark: LSTM 128' };
  const opts = { starting: false, connected: true };
  const emptyJob = (j: Job) => ({ steps: [], loss: [], source: { kind: 'job' as const, job: j, latest: null } });

  it('says "Run a benchmark" only when there is nothing at all', () => {
    expect(chartEmptyText({ steps: [], loss: [], source: { kind: 'none' } }, {}, opts)).toMatch(/^Run a benchmark/);
    expect(chartEmptyText({ steps: [], loss: [], source: { kind: 'none' } }, {}, { ...opts, starting: true })).toBe('Starting a benchmark…');
  });

  it('names the job a queued benchmark waits behind', () => {
    const queued = job('q', 'queued', 3);
    expect(chartEmptyText(emptyJob(queued), { live: running, q: queued }, opts)).toBe('Queued behind “Benchmark: LSTM 128”');
    expect(chartEmptyText(emptyJob(queued), { q: queued }, opts)).toMatch(/^Queued — waiting/);
  });

  it('says the worker is starting before the first step', () => {
    expect(chartEmptyText(emptyJob(running), { live: running }, opts)).toBe('Starting worker…');
  });

  it('does not claim to know a live job\'s state while the host is out of reach', () => {
    expect(chartEmptyText(emptyJob(running), { live: running }, { ...opts, connected: false })).toBe('Connection lost — status unknown');
  });

  it('explains how a job without points ended', () => {
    expect(chartEmptyText(emptyJob(job('x', 'interrupted', 1)), {}, opts)).toMatch(/stopped before/);
    // A crash loses the points of a job that did run: say so, not "before its first step".
    expect(chartEmptyText(emptyJob({ ...job('x', 'interrupted', 1), progress: 0.2 }), {}, opts)).toMatch(/during this run/);
    expect(chartEmptyText(emptyJob(job('x', 'failed', 1)), {}, opts)).toMatch(/failed/);
  });
});
