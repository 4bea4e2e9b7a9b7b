// One job in the Jobs panel: title, status, progress, the latest progress line (wrapped, never
// cut), when it started, a live elapsed time, its messages (folded), and either a Cancel button or
// how it ended. While the host is out of reach a live job says its status is unknown and its clock
// stops: it may have finished, or Montage may have stopped under it.
import { isFinished, type Job } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ProgressBar } from '../../components/progress-bar';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../components/use-now';
import { formatClock, formatDateTime, formatStartTime } from '../../lib/format';
import { useBenchmarksStore } from '../../stores/benchmarks-store';
import { cancelJob } from '../../stores/job-actions';
import { displayStatus, jobElapsedMs, jobRemainingMs, queuedLine, type JobDisplayStatus } from '../../stores/jobs-logic';
import { useJobsStore } from '../../stores/jobs-store';
import { useSystemStore } from '../../stores/system-store';
import { summarizeJobResult } from './job-summary';
import { TrainingCharts } from '../train/training-charts';
import { resumeTraining, useResumable } from '../train/train-store';
import { reportError } from '../../stores/ui-store';
import { useState } from 'react';

const progressTone = {
  queued: 'muted',
  running: 'active',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'muted',
  interrupted: 'warn',
  unknown: 'muted',
} as const satisfies Record<JobDisplayStatus, string>;

function progressLine(job: Job, status: JobDisplayStatus, jobs: Readonly<Record<string, Job>>): string {
  if (status === 'unknown') return 'Connection lost — status unknown';
  // A failed or interrupted job's last line is usually its ending, shown in full below.
  if (status === 'failed' || status === 'interrupted') return '';
  if (status === 'queued') return queuedLine(job, jobs);
  return job.progressText;
}

export function JobRow({ job }: { job: Job }) {
  const client = useStudioClient();
  const runs = useBenchmarksStore((s) => s.runs);
  const connected = useSystemStore((s) => s.connection === 'connected');
  const lostAt = useSystemStore((s) => s.lostAt);
  const status = displayStatus(job, connected);
  const finished = isFinished(job.status);
  const ticking = status === 'running';
  const clock = useNow(1000, ticking);
  // The clock stops where the link went down rather than counting time nobody can vouch for.
  const now = status === 'unknown' && lostAt !== null ? lostAt : clock;
  const elapsed = jobElapsedMs(job, now);
  const remaining = ticking ? jobRemainingMs(job, now) : null;
  const summary = summarizeJobResult(job, runs);
  const jobs = useJobsStore((s) => s.jobs);
  const line = progressLine(job, status, jobs);
  // Training jobs' live charts, open while the job runs (until the user folds them).
  const [chartsOpen, setChartsOpen] = useState<boolean | null>(null);
  const canResume = useResumable(client, job);

  return (
    <li className={`job-row job-${status}`} data-testid="job-row" data-status={job.status} data-display-status={status} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <StatusBadge status={status} />
      </div>
      <ProgressBar value={job.status === 'succeeded' ? 1 : job.progress} label={`${job.title} progress`} tone={progressTone[status]} testId="job-progress" />
      {line && (
        <p className="job-progress-text" data-testid="job-progress-text">
          {line}
        </p>
      )}
      <div className="job-meta">
        <span data-testid="job-started">
          {job.startedAt !== null ? (
            <>
              Started <time dateTime={new Date(job.startedAt).toISOString()} title={formatDateTime(job.startedAt)}>{formatStartTime(job.startedAt, clock)}</time>
            </>
          ) : (
            <>
              Queued <time dateTime={new Date(job.createdAt).toISOString()} title={formatDateTime(job.createdAt)}>{formatStartTime(job.createdAt, clock)}</time>
            </>
          )}
        </span>
        <span className="job-elapsed" data-testid="job-elapsed" title={ticking ? 'Elapsed, and the estimated time left' : 'How long it ran'}>
          {elapsed === null ? '' : formatClock(elapsed)}
          {remaining === null ? '' : ` · ${formatClock(remaining)} left`}
        </span>
      </div>
      {job.backend && <div className="job-backend">Backend: {job.backend}</div>}
      {job.status === 'failed' && (
        <p className="job-error" data-testid="job-error" role="alert">
          {job.error?.message ?? 'The job failed without saying why.'}
        </p>
      )}
      {job.status === 'interrupted' && (
        <p className="job-interrupted-note" data-testid="job-interrupted">
          {job.error?.message ?? 'Montage closed before this job finished. Run it again.'}
        </p>
      )}
      {summary && <p className="job-outcome">{summary}</p>}
      {job.kind === 'train-music' && (
        <details className="job-charts" data-testid="job-charts" open={chartsOpen ?? !finished} onToggle={(e) => setChartsOpen(e.currentTarget.open)}>
          <summary>Training charts</summary>
          {(chartsOpen ?? !finished) && <TrainingCharts jobId={job.id} compact />}
        </details>
      )}
      {job.messages.length > 0 && (
        <details className="job-messages">
          <summary>
            Messages <span className="text-faint">({job.messages.length})</span>
          </summary>
          <ol>
            {job.messages.map((m, i) => (
              <li key={`${m.at}-${i}`}>
                <time className="text-faint" dateTime={new Date(m.at).toISOString()}>
                  {new Date(m.at).toLocaleTimeString()}
                </time>{' '}
                {m.text}
              </li>
            ))}
          </ol>
        </details>
      )}
      {canResume && connected && (
        <div className="job-actions">
          <button type="button" className="btn btn-small" data-testid="job-resume" title="Continue this training from its last checkpoint" onClick={() => void resumeTraining(client, job.id).then((o) => 'error' in o && reportError(new Error(o.error)))}>
            Resume
          </button>
        </div>
      )}
      {!finished && (
        <div className="job-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid="job-cancel"
            disabled={!connected}
            title={connected ? undefined : 'Cannot cancel while the connection to the host is lost'}
            onClick={() => void cancelJob(client, job.id)}
          >
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
