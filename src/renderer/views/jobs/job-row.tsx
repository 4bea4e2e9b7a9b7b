// One job in the Jobs panel: title, status, progress, latest progress line, a live elapsed time,
// its messages (folded), and either a Cancel button or how it ended.
import { isFinished, type Job } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ProgressBar } from '../../components/progress-bar';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../components/use-now';
import { formatClock } from '../../lib/format';
import { useBenchmarksStore } from '../../stores/benchmarks-store';
import { cancelJob } from '../../stores/job-actions';
import { jobElapsedMs, jobRemainingMs } from '../../stores/jobs-logic';
import { summarizeJobResult } from './job-summary';

const progressTone = { queued: 'muted', running: 'active', succeeded: 'done', failed: 'failed', cancelled: 'muted' } as const;

export function JobRow({ job }: { job: Job }) {
  const client = useStudioClient();
  const runs = useBenchmarksStore((s) => s.runs);
  const finished = isFinished(job.status);
  const now = useNow(1000, job.status === 'running');
  const elapsed = jobElapsedMs(job, now);
  const remaining = jobRemainingMs(job, now);
  const summary = summarizeJobResult(job, runs);

  return (
    <li className={`job-row job-${job.status}`} data-testid="job-row" data-status={job.status} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <StatusBadge status={job.status} />
      </div>
      <ProgressBar value={job.status === 'succeeded' ? 1 : job.progress} label={`${job.title} progress`} tone={progressTone[job.status]} testId="job-progress" />
      <div className="job-meta">
        {/* A failed job's last line is usually its error, shown in full below. */}
        <span className="job-progress-text" title={job.progressText}>{job.status === 'failed' ? '' : job.progressText || (job.status === 'queued' ? 'Waiting for a worker…' : '')}</span>
        <span className="job-elapsed" title="Elapsed, and the estimated time left">
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
      {summary && <p className="job-outcome">{summary}</p>}
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
      {!finished && (
        <div className="job-actions">
          <button type="button" className="btn btn-small" data-testid="job-cancel" onClick={() => void cancelJob(client, job.id)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
