// The Jobs drawer on the right: every job the host knows, newest first. It stays open beside the
// work (it does not cover it), toggled from the status bar or with Ctrl/Cmd+J.
import { useMemo } from 'react';
import { sortJobs } from '../../stores/jobs-logic';
import { useJobsStore } from '../../stores/jobs-store';
import { setJobsPanelOpen } from '../../stores/ui-store';
import { JobRow } from './job-row';
import './jobs.css';

export function JobsPanel() {
  const jobsById = useJobsStore((s) => s.jobs);
  const loaded = useJobsStore((s) => s.loaded);
  const jobs = useMemo(() => sortJobs(jobsById), [jobsById]);

  return (
    <aside id="jobs-panel" className="jobs-panel" data-testid="jobs-panel" aria-labelledby="jobs-heading">
      <header className="jobs-panel-header">
        <h2 id="jobs-heading" className="panel-title">
          Jobs
        </h2>
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
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </aside>
  );
}
