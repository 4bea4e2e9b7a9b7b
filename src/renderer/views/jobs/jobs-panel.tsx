// The Jobs drawer on the right: every job the host knows, newest first. It stays open beside the
// work (it does not cover it), toggled from the status bar or with Ctrl/Cmd+J. The list shows the
// newest jobs and grows only when asked ("Show older"); "Clear finished" empties the history.
import { useMemo, useState } from 'react';
import { isFinished } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { commandById } from '../../commands/registry';
import { capList, sortJobs } from '../../stores/jobs-logic';
import { useJobsStore } from '../../stores/jobs-store';
import { useSystemStore } from '../../stores/system-store';
import { setJobsPanelOpen } from '../../stores/ui-store';
import { JobRow } from './job-row';
import './jobs.css';

/** Jobs shown at first, and added per "Show older". */
export const jobsPageSize = 20;

export function JobsPanel() {
  const client = useStudioClient();
  const jobsById = useJobsStore((s) => s.jobs);
  const loaded = useJobsStore((s) => s.loaded);
  const connected = useSystemStore((s) => s.connection === 'connected');
  const jobs = useMemo(() => sortJobs(jobsById), [jobsById]);
  const [shown, setShown] = useState(jobsPageSize);
  const [clearing, setClearing] = useState(false);
  const { visible, hidden } = capList(jobs, shown);
  const finishedCount = jobs.filter((j) => isFinished(j.status)).length;
  const clear = commandById('jobs.clearFinished');

  const clearTitle = !connected
    ? 'Not while the connection to the host is lost'
    : finishedCount === 0
      ? 'No finished jobs to clear'
      : `Remove the ${finishedCount} finished job${finishedCount === 1 ? '' : 's'} from this list (running and queued jobs stay)`;

  return (
    <aside id="jobs-panel" className="jobs-panel" data-testid="jobs-panel" aria-labelledby="jobs-heading">
      <header className="jobs-panel-header">
        <h2 id="jobs-heading" className="panel-title">
          Jobs
        </h2>
        <span className="status-spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="jobs-clear-finished"
          disabled={clearing || finishedCount === 0 || !connected}
          title={clearTitle}
          onClick={() => {
            setClearing(true);
            void Promise.resolve(clear.run({ client, inField: false, dialogOpen: false })).finally(() => setClearing(false));
          }}
        >
          {clearing ? 'Clearing…' : 'Clear finished'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setJobsPanelOpen(false)} aria-label="Close the Jobs panel" title="Close (Ctrl/⌘+J)">
          ✕
        </button>
      </header>
      {!loaded ? (
        <p className="empty-note panel-note">Loading jobs…</p>
      ) : jobs.length === 0 ? (
        <p className="empty-note panel-note">No jobs yet. Benchmarks, and training and rendering later, run here.</p>
      ) : (
        <ul className="job-list">
          {visible.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
          {hidden > 0 && (
            <li className="job-list-more">
              <button type="button" className="btn btn-small" data-testid="jobs-show-older" onClick={() => setShown((n) => n + jobsPageSize)}>
                Show {Math.min(hidden, jobsPageSize)} older ({hidden} more)
              </button>
            </li>
          )}
        </ul>
      )}
    </aside>
  );
}
