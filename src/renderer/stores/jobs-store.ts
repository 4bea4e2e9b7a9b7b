// Mirror of the host's jobs and of each job's metric series (training steps), fed by jobs.list and
// jobs.series on connect and by onJobChanged / onJobProgress afterwards.
import { create } from 'zustand';
import type { Job, MetricPoint } from '../../shared/api';
import { appendPoint, applyJob, mergeJobList, mergeSeries, withoutFinished } from './jobs-logic';

interface JobsState {
  jobs: Record<string, Job>;
  series: Record<string, MetricPoint[]>;
  loaded: boolean;
}

export const useJobsStore = create<JobsState>()(() => ({ jobs: {}, series: {}, loaded: false }));

/** Merges a fetched list: copies streamed in meanwhile are kept when they are further along. */
export function setJobs(list: Job[]): void {
  useJobsStore.setState((s) => {
    const jobs = mergeJobList(s.jobs, list);
    return { jobs, series: pick(s.series, jobs), loaded: true };
  });
}

/** After "Clear finished": only live jobs (and their series) stay. */
export function forgetFinishedJobs(): void {
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
  const known = job.id in useJobsStore.getState().jobs;
  useJobsStore.setState((s) => ({ jobs: applyJob(s.jobs, job) }));
  return !known;
}

export function receivePoint(jobId: string, point: MetricPoint): void {
  useJobsStore.setState((s) => ({ series: { ...s.series, [jobId]: appendPoint(s.series[jobId] ?? [], point) } }));
}

export function setSeries(jobId: string, fetched: MetricPoint[]): void {
  useJobsStore.setState((s) => ({ series: { ...s.series, [jobId]: mergeSeries(fetched, s.series[jobId] ?? []) } }));
}
