// Pure logic of the jobs mirror. Job updates arrive from two directions (events, and the lists
// fetched on connect) with no version number, so a merge keeps whichever copy is further along:
// a job never moves backwards from finished to running, or to less progress.
import { isFinished, type Job, type JobStatus, type MetricPoint } from '../../shared/api';

const statusRank: Record<JobStatus, number> = { queued: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2, interrupted: 2 };

/** True when `incoming` is not older than `current`. */
export function isNewerJob(current: Job, incoming: Job): boolean {
  const rank = statusRank[incoming.status] - statusRank[current.status];
  if (rank !== 0) return rank > 0;
  if (isFinished(current.status)) return true;
  if (incoming.progress !== current.progress) return incoming.progress > current.progress;
  return incoming.messages.length >= current.messages.length;
}

export function applyJob(jobs: Readonly<Record<string, Job>>, job: Job): Record<string, Job> {
  const current = jobs[job.id];
  if (current && !isNewerJob(current, job)) return jobs;
  return { ...jobs, [job.id]: job };
}

/**
 * Applies a fetched list (the host's newest jobs). The list is the truth about which jobs exist:
 * a finished job it no longer has was cleared (or aged out) and goes. An unfinished one it lacks
 * arrived by event while the list was on its way, so it stays.
 */
export function mergeJobList(current: Readonly<Record<string, Job>>, list: readonly Job[]): Record<string, Job> {
  const listed = new Set(list.map((j) => j.id));
  const kept: Record<string, Job> = {};
  for (const job of Object.values(current)) {
    if (listed.has(job.id) || !isFinished(job.status)) kept[job.id] = job;
  }
  return list.reduce(applyJob, kept);
}

/** The mirror after "Clear finished": queued and running jobs only. */
export function withoutFinished(jobs: Readonly<Record<string, Job>>): Record<string, Job> {
  return Object.fromEntries(Object.entries(jobs).filter(([, j]) => !isFinished(j.status)));
}

/** Newest first, the order the Jobs panel shows. */
export function sortJobs(jobs: Readonly<Record<string, Job>>): Job[] {
  return Object.values(jobs).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

export function countByStatus(jobs: Readonly<Record<string, Job>>, status: JobStatus): number {
  return Object.values(jobs).filter((j) => j.status === status).length;
}

/** Adds a point keeping the series ordered by step; a repeated step replaces the earlier point. */
export function appendPoint(series: readonly MetricPoint[], point: MetricPoint): MetricPoint[] {
  const last = series[series.length - 1];
  if (!last || point.step > last.step) return [...series, point];
  const index = series.findIndex((p) => p.step >= point.step);
  const next = series.slice();
  if (index !== -1 && next[index]?.step === point.step) next[index] = point;
  else next.splice(index === -1 ? next.length : index, 0, point);
  return next;
}

/** Union of a fetched series and points streamed meanwhile; streamed points win on equal steps. */
export function mergeSeries(fetched: readonly MetricPoint[], streamed: readonly MetricPoint[]): MetricPoint[] {
  return streamed.reduce<MetricPoint[]>((series, point) => appendPoint(series, point), [...fetched].sort((a, b) => a.step - b.step));
}

/** Milliseconds the job has run (so far, if running); null while it waits in the queue. */
export function jobElapsedMs(job: Job, now: number): number | null {
  if (job.startedAt === null) return null;
  const end = job.finishedAt ?? (isFinished(job.status) ? job.startedAt : now);
  return Math.max(0, end - job.startedAt);
}

/**
 * Time left for a running job, extrapolated from its progress so far; null until there is enough
 * progress (5 %) for the first steps' warm-up not to dominate the estimate.
 */
export function jobRemainingMs(job: Job, now: number): number | null {
  const elapsed = jobElapsedMs(job, now);
  if (job.status !== 'running' || elapsed === null || job.progress < 0.05 || job.progress >= 1) return null;
  return (elapsed * (1 - job.progress)) / job.progress;
}

/**
 * The benchmark job the live chart follows by default: the running one, else the next to run
 * (the oldest queued). Never a queued job while another benchmark draws its curve.
 */
export function activeBenchmarkJob(jobs: Readonly<Record<string, Job>>): Job | null {
  const benchmarks = sortJobs(jobs).filter((j) => j.kind === 'benchmark');
  return benchmarks.find((j) => j.status === 'running') ?? benchmarks.filter((j) => j.status === 'queued').at(-1) ?? null;
}

/** What a job row says: its own status, or "unknown" while the host is out of reach and it was live. */
export type JobDisplayStatus = JobStatus | 'unknown';

export function displayStatus(job: Job, connected: boolean): JobDisplayStatus {
  return !connected && !isFinished(job.status) ? 'unknown' : job.status;
}

/** The running job (any kind) a queued one waits behind: the one that started first. */
export function runningJob(jobs: Readonly<Record<string, Job>>): Job | null {
  return (
    Object.values(jobs)
      .filter((j) => j.status === 'running')
      .sort((a, b) => (a.startedAt ?? a.createdAt) - (b.startedAt ?? b.createdAt))[0] ?? null
  );
}

/** The first `shown` items and how many more there are: long lists grow only when asked to. */
export function capList<T>(items: readonly T[], shown: number): { visible: T[]; hidden: number } {
  return { visible: items.slice(0, shown), hidden: Math.max(0, items.length - shown) };
}

/** A queued job's line in the Jobs panel: what it waits for, by name when something is running. */
export function queuedLine(job: Job, jobs: Readonly<Record<string, Job>>): string {
  const ahead = runningJob(jobs);
  return ahead && ahead.id !== job.id ? `Queued behind “${ahead.title}”` : 'Waiting for a free worker…';
}
