// The window layout: the app bar and connection banner on top, the current screen beside the Jobs
// drawer, and the status bar at the bottom; toasts and the help overlays float above everything.
import { useUiStore } from './stores/ui-store';
import { AboutDialog } from './views/help/about-dialog';
import { CommandPalette } from './views/help/command-palette';
import { ShortcutsOverlay } from './views/help/shortcuts-overlay';
import { HomeView } from './views/home/home-view';
import { JobsPanel } from './views/jobs/jobs-panel';
import { ModelsView } from './views/models/models-view';
import { HistoryView } from './views/history/history-view';
import { InsightsView } from './views/insights/insights-view';
import { SettingsView } from './views/settings/settings-view';
import { ListeningPanel } from './views/voice/listening-panel';
import { TrainDialog } from './views/train/train-dialog';
import { useTrainDialogStore } from './views/train/train-store';
import { ProjectView } from './views/project/project-view';
import { SongEditor } from './views/song/song-editor';
import { ScriptScreen } from './views/script/script-screen';
import { AppHeader } from './views/shell/app-header';
import { ConnectionBanner } from './views/shell/connection-banner';
import { StatusBar } from './views/shell/status-bar';
import { ToastStack } from './views/shell/toast-stack';
import { useGlobalShortcuts } from './views/shell/use-global-shortcuts';
import './app.css';

export function App() {
  const route = useUiStore((s) => s.route);
  const jobsPanelOpen = useUiStore((s) => s.jobsPanelOpen);
  const overlay = useUiStore((s) => s.overlay);
  const trainOpen = useTrainDialogStore((s) => s.open);
  useGlobalShortcuts();

  return (
    <div className="app">
      <AppHeader />
      <ConnectionBanner />
      <div className="workspace">
        <main className="screen">
          {route.name === 'project' ? (
            <ProjectView key={route.projectId} projectId={route.projectId} />
          ) : route.name === 'models' ? (
            <ModelsView />
          ) : route.name === 'history' ? (
            <HistoryView />
          ) : route.name === 'insights' ? (
            <InsightsView />
          ) : route.name === 'settings' ? (
            <SettingsView />
          ) : route.name === 'song' ? (
            <SongEditor key={route.docId} projectId={route.projectId} docId={route.docId} />
          ) : route.name === 'script' ? (
            <ScriptScreen key={route.docId} projectId={route.projectId} docId={route.docId} />
          ) : (
            <HomeView />
          )}
        </main>
        {jobsPanelOpen && <JobsPanel />}
      </div>
      <StatusBar />
      <ToastStack />
      <ListeningPanel />
      {overlay === 'shortcuts' && <ShortcutsOverlay />}
      {overlay === 'about' && <AboutDialog />}
      {overlay === 'palette' && <CommandPalette />}
      {trainOpen && <TrainDialog />}
    </div>
  );
}
