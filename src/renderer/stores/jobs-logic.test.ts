import { describe, expect, it } from 'vitest';
import type { Job, MetricPoint } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import { activeBenchmarkJob, appendPoint, applyJob, countByStatus, jobElapsedMs, jobRemainingMs, mergeSeries, sortJobs } from './jobs-logic';

const job = (over: Omit<Partial<Job>, 'id'> & { id: string }): Job => ({
  kind: 'benchmark',
  title: 'Benchmark',
  status: 'queued',
  progress: 0,
  progressText: '',
  messages: [],
  backend: null,
  createdAt: 1000,
  startedAt: null,
  finishedAt: null,
  error: null,
  result: null,
  ...over,
  id: over.id as JobId,
});

const pt = (step: number, loss = step): MetricPoint => ({ step, elapsedMs: step * 10, loss });

describe('applyJob', () => {
  it('adds unknown jobs and replaces known ones with newer copies', () => {
    let jobs = applyJob({}, job({ id: 'a' }));
    jobs = applyJob(jobs, job({ id: 'a', status: 'running', progress: 0.2, startedAt: 1100 }));
    expect(jobs.a?.status).toBe('running');
    jobs = applyJob(jobs, job({ id: 'a', status: 'running', progress: 0.5, startedAt: 1100 }));
    expect(jobs.a?.progress).toBe(0.5);
  });

  it('ignores stale copies: a finished job never goes back to running', () => {
    const done = applyJob({}, job({ id: 'a', status: 'succeeded', progress: 1 }));
    expect(applyJob(done, job({ id: 'a', status: 'running', progress: 0.9 }))).toBe(done);
    const running = applyJob({}, job({ id: 'a', status: 'running', progress: 0.6 }));
    expect(applyJob(running, job({ id: 'a', status: 'running', progress: 0.4 }))).toBe(running);
    expect(applyJob(running, job({ id: 'a', status: 'queued' }))).toBe(running);
  });

  it('takes a new message at equal progress', () => {
    const running = applyJob({}, job({ id: 'a', status: 'running', progress: 0.5 }));
    const next = applyJob(running, job({ id: 'a', status: 'running', progress: 0.5, messages: [{ at: 1, text: 'hi' }] }));
    expect(next.a?.messages).toHaveLength(1);
  });

  it('lets a finished copy be replaced by another finished copy (e.g. a result added later)', () => {
    const done = applyJob({}, job({ id: 'a', status: 'succeeded' }));
    expect(applyJob(done, job({ id: 'a', status: 'succeeded', result: { runId: 'r' } })).a?.result).toEqual({ runId: 'r' });
  });
});

describe('job lists', () => {
  const jobs = {
    a: job({ id: 'a', createdAt: 1, status: 'succeeded' }),
    b: job({ id: 'b', createdAt: 3, status: 'running' }),
    c: job({ id: 'c', createdAt: 2, status: 'queued' }),
  };

  it('sorts newest first', () => {
    expect(sortJobs(jobs).map((j) => j.id)).toEqual(['b', 'c', 'a']);
  });

  it('counts by status', () => {
    expect(countByStatus(jobs, 'running')).toBe(1);
    expect(countByStatus(jobs, 'failed')).toBe(0);
  });

  it('finds the newest unfinished benchmark', () => {
    expect(activeBenchmarkJob(jobs)?.id).toBe('b');
    expect(activeBenchmarkJob({ a: jobs.a })).toBeNull();
  });
});

describe('metric series', () => {
  it('appends in step order without mutating', () => {
    const s = [pt(1), pt(2)];
    expect(appendPoint(s, pt(3)).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(s).toHaveLength(2);
  });

  it('inserts late points in order and replaces repeated steps', () => {
    expect(appendPoint([pt(1), pt(3)], pt(2)).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(appendPoint([pt(2), pt(3)], pt(1)).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(appendPoint([pt(1), pt(2)], pt(1, 9)).map((p) => p.loss)).toEqual([9, 2]);
  });

  it('merges a fetched series with points streamed while it was in flight', () => {
    const merged = mergeSeries([pt(2), pt(1), pt(3)], [pt(3, 30), pt(4)]);
    expect(merged.map((p) => [p.step, p.loss])).toEqual([
      [1, 1],
      [2, 2],
      [3, 30],
      [4, 4],
    ]);
  });
});

describe('jobElapsedMs', () => {
  it('is null while queued, ticks while running, freezes when finished', () => {
    expect(jobElapsedMs(job({ id: 'a' }), 5000)).toBeNull();
    expect(jobElapsedMs(job({ id: 'a', status: 'running', startedAt: 1000 }), 5000)).toBe(4000);
    expect(jobElapsedMs(job({ id: 'a', status: 'failed', startedAt: 1000, finishedAt: 2500 }), 9000)).toBe(1500);
  });
});

describe('jobRemainingMs', () => {
  it('extrapolates from progress so far once there is enough of it', () => {
    expect(jobRemainingMs(job({ id: 'a', status: 'running', startedAt: 1000, progress: 0.25 }), 5000)).toBe(12000);
    expect(jobRemainingMs(job({ id: 'a', status: 'running', startedAt: 1000, progress: 0.01 }), 5000)).toBeNull();
    expect(jobRemainingMs(job({ id: 'a', status: 'succeeded', startedAt: 1000, finishedAt: 2000, progress: 1 }), 5000)).toBeNull();
    expect(jobRemainingMs(job({ id: 'a', status: 'queued', progress: 0 }), 5000)).toBeNull();
  });
});
