// The window layout: connection banner on top, the current screen beside the Jobs drawer, and the
// status bar at the bottom; toasts float above everything.
import { useUiStore } from './stores/ui-store';
import { HomeView } from './views/home/home-view';
import { JobsPanel } from './views/jobs/jobs-panel';
import { ProjectView } from './views/project/project-view';
import { ConnectionBanner } from './views/shell/connection-banner';
import { StatusBar } from './views/shell/status-bar';
import { ToastStack } from './views/shell/toast-stack';
import { useGlobalShortcuts } from './views/shell/use-global-shortcuts';
import './app.css';

export function App() {
  const route = useUiStore((s) => s.route);
  const jobsPanelOpen = useUiStore((s) => s.jobsPanelOpen);
  useGlobalShortcuts();

  return (
    <div className="app">
      <ConnectionBanner />
      <div className="workspace">
        <main className="screen">
          {route.name === 'project' ? <ProjectView key={route.projectId} projectId={route.projectId} /> : <HomeView />}
        </main>
        {jobsPanelOpen && <JobsPanel />}
      </div>
      <StatusBar />
      <ToastStack />
    </div>
  );
}
