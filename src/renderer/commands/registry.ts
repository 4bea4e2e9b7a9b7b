// The one list of the app's named commands: id, label, shortcut, when it applies, what it does.
// The keyboard layer (views/shell/use-global-shortcuts.ts) and the shortcuts overlay read it, and
// menus, a command palette and voice commands are meant to read it too, so that no view binds a
// global key of its own and every action has one name. Keys typed inside a field (Enter to
// submit, Escape to cancel) belong to the field and are listed in `fieldKeys` for the overlay.
import { isFinished } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { clearFinishedJobs, startBenchmark } from '../stores/job-actions';
import { useJobsStore } from '../stores/jobs-store';
import { useSystemStore } from '../stores/system-store';
import { navigate, notify, requestNewProjectFocus, requestRename, setOverlay, toggleJobsPanel, useUiStore } from '../stores/ui-store';
import { redoLast, undoLast, useUndoStore } from '../stores/undo-history';
import type { CommandSpec, KeyScope } from './commands-logic';

export interface CommandContext extends KeyScope {
  client: StudioClient;
}

export type Command = CommandSpec<CommandContext>;

const announce = (verb: string) => (label: string | null) => {
  if (label) notify(`${verb}: ${label}`);
};

const onProject = () => useUiStore.getState().route.name === 'project';
const connected = () => useSystemStore.getState().connection === 'connected';

export const commands: readonly Command[] = [
  {
    id: 'help.shortcuts',
    label: 'Show keyboard shortcuts',
    group: 'Help',
    shortcuts: ['?', 'Mod+/'],
    whenTyping: true,
    // It also closes itself, but does not open over another dialog.
    whenDialogOpen: true,
    enabled: (ctx) => useUiStore.getState().overlay === 'shortcuts' || !ctx.dialogOpen,
    run: () => setOverlay(useUiStore.getState().overlay === 'shortcuts' ? null : 'shortcuts'),
  },
  {
    id: 'help.about',
    label: 'About Montage',
    group: 'Help',
    shortcuts: [],
    run: () => setOverlay('about'),
  },
  {
    id: 'projects.new',
    label: 'New project',
    group: 'Projects',
    shortcuts: ['Mod+N'],
    whenTyping: true,
    run: () => {
      if (useUiStore.getState().route.name !== 'home') navigate({ name: 'home' });
      requestNewProjectFocus();
    },
  },
  {
    id: 'project.rename',
    label: 'Rename the open project',
    group: 'Projects',
    shortcuts: ['F2'],
    enabled: onProject,
    run: () => requestRename(),
  },
  {
    id: 'nav.home',
    label: 'Back to Projects',
    group: 'Projects',
    shortcuts: ['Escape', 'Alt+ArrowLeft'],
    enabled: onProject,
    run: () => navigate({ name: 'home' }),
  },
  {
    id: 'edit.undo',
    label: 'Undo the last project change',
    group: 'Edit',
    // Fields keep their own undo.
    shortcuts: ['Mod+Z'],
    enabled: () => useUndoStore.getState().undo.length > 0,
    run: () => void undoLast().then(announce('Undone')),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: () => useUndoStore.getState().redo.length > 0,
    run: () => void redoLast().then(announce('Redone')),
  },
  {
    id: 'jobs.togglePanel',
    label: 'Show or hide the Jobs panel',
    group: 'Jobs',
    shortcuts: ['Mod+J'],
    whenTyping: true,
    run: () => toggleJobsPanel(),
  },
  {
    id: 'jobs.clearFinished',
    label: 'Clear finished jobs',
    group: 'Jobs',
    shortcuts: [],
    enabled: () => connected() && Object.values(useJobsStore.getState().jobs).some((j) => isFinished(j.status)),
    run: (ctx) => clearFinishedJobs(ctx.client),
  },
  {
    id: 'benchmark.start',
    label: 'Benchmark this machine',
    group: 'Jobs',
    shortcuts: [],
    enabled: connected,
    run: (ctx) => startBenchmark(ctx.client),
  },
];

export type CommandId = (typeof commands)[number]['id'];

export function commandById(id: string): Command {
  const command = commands.find((c) => c.id === id);
  if (!command) throw new Error(`No command "${id}".`);
  return command;
}

/** Keys that belong to a text field rather than to the window; shown in the overlay only. */
export const fieldKeys: readonly { label: string; shortcut: string }[] = [
  { label: 'Create the project, or save a new name', shortcut: 'Enter' },
  { label: 'Cancel renaming', shortcut: 'Escape' },
];
