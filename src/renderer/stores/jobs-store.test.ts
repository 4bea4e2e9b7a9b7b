import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../shared/api';
import { eventBatchMs, flushJobEvents, queueJob, queuePoint, receiveJob, useJobsStore } from './jobs-store';

const job = (over: Partial<Job> = {}): Job => ({
  id: 'j1' as Job['id'],
  kind: 'benchmark',
  title: 'Benchmark',
  status: 'running',
  progress: 0.1,
  progressText: 'Step 1',
  messages: [],
  backend: 'wasm',
  createdAt: 1,
  startedAt: 2,
  finishedAt: null,
  error: null,
  result: null,
  ...over,
});

describe('jobs store event batches', () => {
  afterEach(() => {
    flushJobEvents();
    useJobsStore.setState({ jobs: {}, series: {}, loaded: false });
    vi.useRealTimers();
  });

  it('applies a burst of host events together after a short wait, newest state and every point kept', () => {
    vi.useFakeTimers();
    expect(queueJob(job())).toBe(true);
    expect(queueJob(job({ progress: 0.5, progressText: 'Step 5' }))).toBe(false);
    for (let step = 1; step <= 5; step++) queuePoint('j1', { step, loss: 1 / step, elapsedMs: step * 10 });
    expect(useJobsStore.getState().jobs).toEqual({});
    vi.advanceTimersByTime(eventBatchMs);
    expect(useJobsStore.getState().jobs.j1).toMatchObject({ progress: 0.5, progressText: 'Step 5' });
    expect(useJobsStore.getState().series.j1?.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(queueJob(job({ progress: 0.6 }))).toBe(false);
  });

  it('applies what is waiting before a direct update, so an older event never overwrites it', () => {
    vi.useFakeTimers();
    queueJob(job({ progress: 0.9 }));
    receiveJob(job({ status: 'cancelled', progress: 0.9, finishedAt: 3 }));
    vi.advanceTimersByTime(eventBatchMs);
    expect(useJobsStore.getState().jobs.j1?.status).toBe('cancelled');
  });
});
