// The coloured job status label used by the Jobs panel. "Unknown" is not a host status: it is what
// a queued or running job shows while the host is out of reach, since it may have moved on.
import type { JobDisplayStatus } from '../stores/jobs-logic';

const labels: Record<JobDisplayStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  unknown: 'Status unknown',
};

export function StatusBadge({ status }: { status: JobDisplayStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="job-status">
      {labels[status]}
    </span>
  );
}
