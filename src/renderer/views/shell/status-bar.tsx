// The status bar along the bottom: link to the host, ML backend, running jobs (which toggles the
// Jobs panel) and the app version — the facts worth a glance while working.
import { useJobsStore } from '../../stores/jobs-store';
import { countByStatus } from '../../stores/jobs-logic';
import { useSystemStore } from '../../stores/system-store';
import { toggleJobsPanel, useUiStore } from '../../stores/ui-store';
import type { ConnectionState } from '../../client/transport';

const connectionLabel: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Access token expired',
};

export function StatusBar() {
  const connection = useSystemStore((s) => s.connection);
  const backend = useSystemStore((s) => s.backend);
  const info = useSystemStore((s) => s.info);
  const running = useJobsStore((s) => countByStatus(s.jobs, 'running'));
  const queued = useJobsStore((s) => countByStatus(s.jobs, 'queued'));
  const panelOpen = useUiStore((s) => s.jobsPanelOpen);

  return (
    <footer className="status-bar">
      <span className={`status-item status-connection conn-${connection}`} data-testid="status-connection" data-state={connection}>
        <span className="status-dot" aria-hidden="true" />
        {connectionLabel[connection]}
      </span>
      <span className="status-item" data-testid="status-backend" title={backend?.detail || undefined}>
        ML: {backend ? backend.name : '…'}
      </span>
      <span className="status-spacer" />
      <button
        type="button"
        className={`status-button${panelOpen ? ' is-active' : ''}${running > 0 ? ' has-running' : ''}`}
        data-testid="jobs-toggle"
        aria-pressed={panelOpen}
        aria-controls="jobs-panel"
        title="Show or hide the Jobs panel (Ctrl/⌘+J)"
        onClick={toggleJobsPanel}
      >
        <span data-testid="status-jobs">
          {connection !== 'connected' && running + queued > 0 ? (
            // The host may have moved on while it was out of reach.
            `${running + queued} job${running + queued === 1 ? '' : 's'} · status unknown`
          ) : (
            <>
              {running} job{running === 1 ? '' : 's'} running
              {queued > 0 && ` · ${queued} queued`}
            </>
          )}
        </span>
      </button>
      <span className="status-item text-faint">{info ? `Montage ${info.appVersion}` : 'Montage'}</span>
    </footer>
  );
}
