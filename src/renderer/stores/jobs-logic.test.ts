import { describe, expect, it } from 'vitest';
import type { Job, MetricPoint } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import {
  activeBenchmarkJob,
  appendPoint,
  applyJob,
  capList,
  countByStatus,
  displayStatus,
  jobElapsedMs,
  jobRemainingMs,
  mergeJobList,
  mergeSeries,
  queuedLine,
  runningJob,
  sortJobs,
  withoutFinished,
} from './jobs-logic';

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

  it('follows the running benchmark', () => {
    expect(activeBenchmarkJob(jobs)?.id).toBe('b');
    expect(activeBenchmarkJob({ a: jobs.a })).toBeNull();
  });

  it('keeps following the running benchmark when a newer one queues behind it', () => {
    const queuedBehind = { ...jobs, d: job({ id: 'd', createdAt: 9, status: 'queued' }) };
    expect(activeBenchmarkJob(queuedBehind)?.id).toBe('b');
  });

  it('with none running, follows the next queued benchmark to start (the oldest)', () => {
    const waiting = { c: jobs.c, d: job({ id: 'd', createdAt: 9, status: 'queued' }) };
    expect(activeBenchmarkJob(waiting)?.id).toBe('c');
  });

  it('says what a queued job waits behind', () => {
    expect(queuedLine(jobs.c, { b: { ...jobs.b, title: 'Benchmark A' }, c: jobs.c })).toBe('Queued behind “Benchmark A”');
    expect(queuedLine(jobs.c, { c: jobs.c })).toBe('Waiting for a free worker…');
  });

  it('finds the running job a queued one waits behind', () => {
    expect(runningJob(jobs)?.id).toBe('b');
    expect(runningJob({ a: jobs.a, c: jobs.c })).toBeNull();
  });

  it('ranks an interrupted job as finished: a stale running copy cannot bring it back', () => {
    const interrupted = applyJob({}, job({ id: 'x', status: 'interrupted' }));
    expect(applyJob(interrupted, job({ id: 'x', status: 'running', progress: 0.5 })).x?.status).toBe('interrupted');
    expect(applyJob({ x: job({ id: 'x', status: 'running' }) }, job({ id: 'x', status: 'interrupted' })).x?.status).toBe('interrupted');
  });
});

describe('mergeJobList', () => {
  it('drops finished jobs the host no longer lists (cleared), keeps live ones that arrived by event', () => {
    const current = {
      old: job({ id: 'old', status: 'succeeded' }),
      live: job({ id: 'live', status: 'running', progress: 0.4 }),
      kept: job({ id: 'kept', status: 'failed' }),
    };
    const merged = mergeJobList(current, [job({ id: 'kept', status: 'failed' }), job({ id: 'new', status: 'queued' })]);
    expect(Object.keys(merged).sort()).toEqual(['kept', 'live', 'new']);
  });

  it('takes the host\'s word that a job it listed as interrupted is over', () => {
    const merged = mergeJobList({ a: job({ id: 'a', status: 'running', progress: 0.7 }) }, [job({ id: 'a', status: 'interrupted', progress: 0.7 })]);
    expect(merged.a?.status).toBe('interrupted');
  });

  it('clears finished jobs locally', () => {
    const all = { a: job({ id: 'a', status: 'succeeded' }), b: job({ id: 'b', status: 'interrupted' }), c: job({ id: 'c', status: 'queued' }) };
    expect(Object.keys(withoutFinished(all))).toEqual(['c']);
  });
});

describe('displayStatus', () => {
  it('says "unknown" for a live job while the host is out of reach, and the truth otherwise', () => {
    expect(displayStatus(job({ id: 'a', status: 'running' }), false)).toBe('unknown');
    expect(displayStatus(job({ id: 'a', status: 'queued' }), false)).toBe('unknown');
    expect(displayStatus(job({ id: 'a', status: 'succeeded' }), false)).toBe('succeeded');
    expect(displayStatus(job({ id: 'a', status: 'running' }), true)).toBe('running');
  });
});

describe('capList', () => {
  it('shows the first items and counts the rest', () => {
    expect(capList([1, 2, 3, 4, 5], 3)).toEqual({ visible: [1, 2, 3], hidden: 2 });
    expect(capList([1, 2], 3)).toEqual({ visible: [1, 2], hidden: 0 });
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
