// Mirror of the host's jobs and of each job's metric series (training steps), fed by jobs.list and
// jobs.series on connect and by onJobChanged / onJobProgress afterwards. Events are gathered and
// applied together every eventBatchMs (queueJob, queuePoint): a training run reports hundreds
// of steps a second, and a window that redrew its panel and charts on each would fall behind.
import { create } from 'zustand';
import type { Job, MetricPoint } from '../../shared/api';
import { appendPoint, applyJob, mergeJobList, mergeSeries, withoutFinished } from './jobs-logic';

interface JobsState {
  jobs: Record<string, Job>;
  series: Record<string, MetricPoint[]>;
  loaded: boolean;
}

export const useJobsStore = create<JobsState>()(() => ({ jobs: {}, series: {}, loaded: false }));

/** How long host events wait to be applied together. */
export const eventBatchMs = 50;

const pendingJobs = new Map<string, Job>();
const pendingPoints = new Map<string, MetricPoint[]>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** Applies the gathered events now (before anything else changes the mirror, so order holds). */
export function flushJobEvents(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  if (pendingJobs.size === 0 && pendingPoints.size === 0) return;
  const jobs = [...pendingJobs.values()];
  const points = [...pendingPoints.entries()];
  pendingJobs.clear();
  pendingPoints.clear();
  useJobsStore.setState((s) => {
    let nextJobs = s.jobs;
    for (const job of jobs) nextJobs = applyJob(nextJobs, job);
    const series = points.length === 0 ? s.series : { ...s.series };
    for (const [jobId, list] of points) series[jobId] = list.reduce<MetricPoint[]>((acc, point) => appendPoint(acc, point), s.series[jobId] ?? []);
    return { jobs: nextJobs, series };
  });
}

const scheduleFlush = (): void => {
  flushTimer ??= setTimeout(flushJobEvents, eventBatchMs);
};

/** A job event from the host, applied with the next batch; true when the job was not known before. */
export function queueJob(job: Job): boolean {
  const known = job.id in useJobsStore.getState().jobs || pendingJobs.has(job.id);
  const queued = pendingJobs.get(job.id);
  pendingJobs.set(job.id, queued ? applyJob({ [job.id]: queued }, job)[job.id] ?? job : job);
  scheduleFlush();
  return !known;
}

/** A metric point from the host, applied with the next batch. */
export function queuePoint(jobId: string, point: MetricPoint): void {
  const list = pendingPoints.get(jobId);
  if (list) list.push(point);
  else pendingPoints.set(jobId, [point]);
  scheduleFlush();
}

/** Merges a fetched list: copies streamed in meanwhile are kept when they are further along. */
export function setJobs(list: Job[]): void {
  flushJobEvents();
  useJobsStore.setState((s) => {
    const jobs = mergeJobList(s.jobs, list);
    return { jobs, series: pick(s.series, jobs), loaded: true };
  });
}

/** After "Clear finished": only live jobs (and their series) stay. */
export function forgetFinishedJobs(): void {
  flushJobEvents();
  useJobsStore.setState((s) => {
    const jobs = withoutFinished(s.jobs);
    return { jobs, series: pick(s.series, jobs) };
  });
}

function pick(series: Record<string, MetricPoint[]>, jobs: Record<string, Job>): Record<string, MetricPoint[]> {
  return Object.fromEntries(Object.entries(series).filter(([id]) => id in jobs));
}

/** Returns true when the job was not known before. */
export function receiveJob(job: Job): boolean {
  flushJobEvents();
  const known = job.id in useJobsStore.getState().jobs;
  useJobsStore.setState((s) => ({ jobs: applyJob(s.jobs, job) }));
  return !known;
}

export function setSeries(jobId: string, fetched: MetricPoint[]): void {
  flushJobEvents();
  useJobsStore.setState((s) => ({ series: { ...s.series, [jobId]: mergeSeries(fetched, s.series[jobId] ?? []) } }));
}
