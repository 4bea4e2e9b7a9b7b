// Events the host pushes to every connected renderer. Names follow `onSomething`.
import type { Job, MetricPoint } from './jobs';
import type { BackendReport } from './system';

export interface StudioEvents {
  /** Any project was created, renamed, opened or deleted. */
  onProjectsChanged: { reason: 'created' | 'renamed' | 'opened' | 'deleted' | 'restored'; id: string };
  /** A job changed status, progress text or messages. */
  onJobChanged: Job;
  /** A job produced a metric point (training step). */
  onJobProgress: { jobId: string; point: MetricPoint };
  /** A benchmark run was stored. */
  onBenchmarkRunsChanged: { id: string };
  /** A worker reported the ML backend it uses. */
  onBackendChanged: BackendReport;
}
export type StudioEventName = keyof StudioEvents;
export const studioEventNames: readonly StudioEventName[] = [
  'onProjectsChanged',
  'onJobChanged',
  'onJobProgress',
  'onBenchmarkRunsChanged',
  'onBackendChanged',
];
