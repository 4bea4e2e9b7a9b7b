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
import { useDocumentsStore } from '../stores/documents-store';
import { setSelection, useSongEditorStore } from '../stores/song-editor-store';
import * as song from '../views/song/song-actions';
import * as clips from '../views/song/clip-actions';
import * as transport from '../audio/transport-actions';
import * as render from '../audio/render-actions';
import { useWaveformStore } from '../views/audio/waveform-control';
import * as generate from '../views/generate/generate-actions';
import { cardKeys } from '../views/generate/generate-logic';
import type { CommandSpec, KeyScope } from './commands-logic';
import { openSceneTrainDialog, openTrainDialog } from '../views/train/train-store';
import * as drafter from '../views/script/drafter-actions';
import { drafterCardKeys } from '../views/script/drafter-logic';
import { routeProjectId } from '../stores/route';
import { undoScript, useScriptStore } from '../stores/script-store';
import * as script from '../views/script/script-actions';
import { screenplayKeys } from '../views/script/cycling-logic';
import { focusedCardIndex, moveFocusedCard } from '../views/script/scene-board';
import { showView, useScriptViewStore } from '../views/script/script-view-store';
import * as dictation from '../views/script/dictation-actions';
import * as voice from '../views/voice/voice-actions';

export interface CommandContext extends KeyScope {
  client: StudioClient;
}

export type Command = CommandSpec<CommandContext>;

const announce = (verb: string) => (label: string | null) => {
  if (label) notify(`${verb}: ${label}`);
};

const onProject = () => useUiStore.getState().route.name === 'project';
const onSong = () => useUiStore.getState().route.name === 'song';
const songReady = () => onSong() && song.songOpen();
const songLoaded = () => onSong() && useDocumentsStore.getState().open !== null;
const withSelection = () => onSong() && song.hasSelection();
const waveformShown = () => onProject() && useWaveformStore.getState().active !== null;
const withClip = () => onSong() && clips.hasClip();
const arrangementWidth = () => document.querySelector('[data-testid="arrangement-canvas"]')?.clientWidth ?? 0;
const songHistory = () => useDocumentsStore.getState().open?.history;
const connected = () => useSystemStore.getState().connection === 'connected';
const onScript = () => useUiStore.getState().route.name === 'script';
const scriptReady = () => onScript() && useScriptStore.getState().status === 'ready';
/** A plain field (the board's filters, the export panel) keeps its own Ctrl/Cmd+Z; the screenplay editor does not. */
const inPlainField = () => {
  if (typeof document === 'undefined') return false;
  const el = document.activeElement;
  return el !== null && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
};
const scriptUndoable = () => scriptReady() && !inPlainField();
const projectDocuments = () => useDocumentsStore.getState().scripts;

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
    id: 'palette.open',
    label: 'Find a command…',
    group: 'Help',
    shortcuts: ['Mod+K'],
    whenTyping: true,
    enabled: (ctx) => !ctx.dialogOpen,
    run: () => setOverlay('palette'),
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
    id: 'train.open',
    label: 'Train on my music…',
    group: 'Models',
    shortcuts: [],
    enabled: (ctx) => !ctx.dialogOpen,
    run: () => openTrainDialog(routeProjectId(useUiStore.getState().route)),
  },
  {
    id: 'train.scenes',
    label: 'Train on my scripts…',
    group: 'Models',
    shortcuts: [],
    enabled: (ctx) => !ctx.dialogOpen,
    run: () => openSceneTrainDialog(routeProjectId(useUiStore.getState().route)),
  },
  { id: 'nav.models', label: 'Open Models', group: 'Models', shortcuts: [], run: () => navigate({ name: 'models' }) },
  { id: 'nav.history', label: 'Open history', group: 'History', shortcuts: [], run: () => navigate({ name: 'history' }) },
  { id: 'nav.insights', label: 'Open insights', group: 'History', shortcuts: [], run: () => navigate({ name: 'insights' }) },
  { id: 'nav.settings', label: 'Open settings', group: 'Settings', shortcuts: [], run: () => navigate({ name: 'settings' }) },
  {
    id: 'voice.command',
    label: 'Voice command: listen for one spoken command (again: stop listening)',
    group: 'Voice',
    shortcuts: ['Mod+Shift+V'],
    whenTyping: true,
    enabled: connected,
    run: (ctx) => voice.toggleVoiceCommand(ctx.client, commands),
  },
  {
    id: 'edit.undo',
    label: 'Undo the last project change',
    group: 'Edit',
    // Fields keep their own undo.
    shortcuts: ['Mod+Z'],
    // Inside the song editor and the script screen the keys belong to the document's own history (song.undo, script.undo).
    enabled: () => !onSong() && !onScript() && useUndoStore.getState().undo.length > 0,
    run: () => void undoLast().then(announce('Undone')),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: () => !onSong() && !onScript() && useUndoStore.getState().redo.length > 0,
    run: () => void redoLast().then(announce('Redone')),
  },
  // ---- Generate panel (song editor). Its card keys apply only while the results list has the
  // focus, so they come before the editor's and the transport's commands on the same keys. ----
  { id: 'generate.togglePanel', label: 'Show or hide the Generate panel', group: 'Generate', shortcuts: ['Mod+G'], whenTyping: true, enabled: () => songLoaded(), run: (ctx) => generate.togglePanel(ctx.client) },
  {
    id: 'generate.closePanel',
    label: 'Close the Generate panel',
    group: 'Generate',
    shortcuts: ['Escape'],
    enabled: () => onSong() && generate.panelFocused(),
    run: () => {
      generate.closePanel();
      document.querySelector<HTMLElement>('[data-testid="generate-toggle"]')?.focus();
    },
  },
  { id: 'generate.nextCard', label: 'Next generated result', group: 'Generate', shortcuts: cardKeys.next, enabled: () => onSong() && generate.cardsFocused(), run: () => generate.stepCardFocus(1) },
  { id: 'generate.previousCard', label: 'Previous generated result', group: 'Generate', shortcuts: cardKeys.previous, enabled: () => onSong() && generate.cardsFocused(), run: () => generate.stepCardFocus(-1) },
  {
    id: 'generate.playCard',
    label: 'Play or stop the focused result',
    group: 'Generate',
    shortcuts: cardKeys.play,
    enabled: () => onSong() && generate.cardsFocused(),
    run: () => {
      const id = generate.focusedCardId();
      if (id) generate.togglePlay(id);
    },
  },
  {
    id: 'generate.keepCard',
    label: 'Keep the focused result as a clip',
    group: 'Generate',
    shortcuts: cardKeys.keep,
    enabled: () => onSong() && generate.cardsFocused(),
    run: (ctx) => {
      const id = generate.focusedCardId();
      if (id) void generate.keepCard(ctx.client, id, 'key');
    },
  },
  {
    id: 'generate.discardCard',
    label: 'Discard the focused result',
    group: 'Generate',
    shortcuts: cardKeys.discard,
    enabled: () => onSong() && generate.cardsFocused(),
    run: (ctx) => {
      const id = generate.focusedCardId();
      if (id) generate.discardCard(ctx.client, id, 'key');
    },
  },
  // ---- Scene drafter (script screen). Like the Generate panel's, its card keys apply only while a
  // card of its list has the focus, so they come before the script's commands on the same keys. ----
  {
    id: 'drafter.togglePanel',
    label: 'Suggest scenes: show or hide the drafter',
    group: 'Script',
    shortcuts: ['Mod+G'],
    whenTyping: true,
    enabled: scriptReady,
    run: (ctx) => {
      if (useScriptViewStore.getState().view !== 'editor') showView('editor');
      drafter.toggleDrafter(ctx.client);
    },
  },
  {
    id: 'drafter.closePanel',
    label: 'Close the scene drafter',
    group: 'Script',
    shortcuts: ['Escape'],
    enabled: () => onScript() && drafter.drafterFocused(),
    run: () => {
      drafter.closeDrafter();
      document.querySelector<HTMLElement>('[data-testid="drafter-toggle"]')?.focus();
    },
  },
  { id: 'drafter.nextCard', label: 'Next suggested scene', group: 'Script', shortcuts: drafterCardKeys.next, enabled: () => onScript() && drafter.cardsFocused(), run: () => drafter.stepCardFocus(1) },
  { id: 'drafter.previousCard', label: 'Previous suggested scene', group: 'Script', shortcuts: drafterCardKeys.previous, enabled: () => onScript() && drafter.cardsFocused(), run: () => drafter.stepCardFocus(-1) },
  {
    id: 'drafter.acceptCard',
    label: 'Accept the focused scene (or its draft)',
    group: 'Script',
    shortcuts: drafterCardKeys.accept,
    enabled: () => onScript() && drafter.cardsFocused(),
    run: (ctx) => drafter.runPrimary(ctx.client),
  },
  {
    id: 'drafter.rejectCard',
    label: 'Reject the focused scene',
    group: 'Script',
    shortcuts: drafterCardKeys.reject,
    enabled: () => onScript() && drafter.cardsFocused(),
    run: (ctx) => drafter.rejectFocused(ctx.client),
  },
  // ---- Song editor: enabled only there (the route is a song and it is open). ----
  {
    id: 'song.undo',
    label: 'Undo the last change to the song',
    group: 'Song editor',
    shortcuts: ['Mod+Z'],
    enabled: () => songReady() && songHistory()?.canUndo === true,
    run: (ctx) => song.undoRedo(ctx.client, 'undo'),
  },
  {
    id: 'song.redo',
    label: 'Redo the last undone change to the song',
    group: 'Song editor',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: () => songReady() && songHistory()?.canRedo === true,
    run: (ctx) => song.undoRedo(ctx.client, 'redo'),
  },
  {
    id: 'notes.deselect',
    label: 'Clear the note selection',
    group: 'Song editor',
    shortcuts: ['Escape'],
    enabled: () => onSong() && useSongEditorStore.getState().selection.size > 0,
    run: () => setSelection([]),
  },
  {
    id: 'clips.deselect',
    label: 'Clear the clip choice',
    group: 'Song editor',
    shortcuts: ['Escape'],
    enabled: () => onSong() && useSongEditorStore.getState().clipId !== null,
    run: () => useSongEditorStore.setState({ clipId: null }),
  },
  {
    id: 'nav.project',
    label: 'Back to the project',
    group: 'Song editor',
    shortcuts: ['Escape', 'Alt+ArrowLeft'],
    enabled: () => onSong() || onScript(),
    run: () => {
      const { route } = useUiStore.getState();
      if (route.name === 'song' || route.name === 'script') navigate({ name: 'project', projectId: route.projectId });
    },
  },
  { id: 'notes.selectAll', label: 'Select all notes of the track', group: 'Song editor', shortcuts: ['Mod+A'], enabled: songReady, run: () => song.selectAll() },
  { id: 'notes.delete', label: 'Delete the selected notes', group: 'Song editor', shortcuts: ['Delete', 'Backspace'], enabled: withSelection, run: (ctx) => song.deleteSelection(ctx.client) },
  { id: 'notes.duplicate', label: 'Duplicate the selected notes after them', group: 'Song editor', shortcuts: ['Mod+D'], enabled: withSelection, run: (ctx) => song.duplicateSelection(ctx.client) },
  { id: 'notes.copy', label: 'Copy the selected notes', group: 'Song editor', shortcuts: ['Mod+C'], enabled: withSelection, run: () => song.copySelection() },
  { id: 'notes.cut', label: 'Cut the selected notes', group: 'Song editor', shortcuts: ['Mod+X'], enabled: withSelection, run: (ctx) => song.cutSelection(ctx.client) },
  {
    id: 'notes.paste',
    label: 'Paste notes (after the selection, or at the left of the view)',
    group: 'Song editor',
    shortcuts: ['Mod+V'],
    enabled: () => songReady() && useSongEditorStore.getState().clipboard.length > 0,
    run: (ctx) => song.paste(ctx.client),
  },
  { id: 'notes.transposeUp', label: 'Transpose the selection up a semitone', group: 'Song editor', shortcuts: ['ArrowUp'], enabled: withSelection, run: (ctx) => song.transposeSelection(ctx.client, 1) },
  { id: 'notes.transposeDown', label: 'Transpose the selection down a semitone', group: 'Song editor', shortcuts: ['ArrowDown'], enabled: withSelection, run: (ctx) => song.transposeSelection(ctx.client, -1) },
  { id: 'notes.transposeOctaveUp', label: 'Transpose the selection up an octave', group: 'Song editor', shortcuts: ['Shift+ArrowUp'], enabled: withSelection, run: (ctx) => song.transposeSelection(ctx.client, 12) },
  { id: 'notes.transposeOctaveDown', label: 'Transpose the selection down an octave', group: 'Song editor', shortcuts: ['Shift+ArrowDown'], enabled: withSelection, run: (ctx) => song.transposeSelection(ctx.client, -12) },
  { id: 'notes.moveLeft', label: 'Move the selection one grid step earlier', group: 'Song editor', shortcuts: ['ArrowLeft'], enabled: withSelection, run: (ctx) => song.nudgeSelection(ctx.client, -1) },
  { id: 'notes.moveRight', label: 'Move the selection one grid step later', group: 'Song editor', shortcuts: ['ArrowRight'], enabled: withSelection, run: (ctx) => song.nudgeSelection(ctx.client, 1) },
  { id: 'notes.quantize', label: 'Quantize the selection (or the whole track) to the grid', group: 'Song editor', shortcuts: ['Q'], enabled: songReady, run: (ctx) => song.quantizeNotes(ctx.client) },
  { id: 'roll.drawMode', label: 'Toggle the pencil (click draws notes)', group: 'Song editor', shortcuts: ['B'], enabled: songReady, run: () => song.toggleDrawMode() },
  { id: 'roll.zoomIn', label: 'Zoom in (time)', group: 'Song editor', shortcuts: ['='], enabled: songReady, run: () => song.zoom(1.5) },
  { id: 'roll.zoomOut', label: 'Zoom out (time)', group: 'Song editor', shortcuts: ['-'], enabled: songReady, run: () => song.zoom(1 / 1.5) },
  { id: 'roll.snapFiner', label: 'Finer snap grid', group: 'Song editor', shortcuts: [']'], enabled: songReady, run: () => song.stepSnap(1) },
  { id: 'roll.snapCoarser', label: 'Coarser snap grid', group: 'Song editor', shortcuts: ['['], enabled: songReady, run: () => song.stepSnap(-1) },
  // A chosen clip and a note selection never exist together (song-editor-store.ts), so Delete and
  // Ctrl/Cmd+D act on whichever the user chose last.
  { id: 'clips.delete', label: 'Delete the chosen clip and its notes', group: 'Song editor', shortcuts: ['Delete', 'Backspace'], enabled: withClip, run: (ctx) => clips.deleteClip(ctx.client) },
  { id: 'clips.duplicate', label: 'Duplicate the chosen clip after it', group: 'Song editor', shortcuts: ['Mod+D'], enabled: withClip, run: (ctx) => clips.duplicateClip(ctx.client) },
  { id: 'clips.rename', label: 'Name the chosen clip', group: 'Song editor', shortcuts: ['F2'], enabled: withClip, run: () => clips.startRenameClip() },
  { id: 'tracks.duplicate', label: 'Duplicate the chosen track', group: 'Song editor', shortcuts: ['Mod+Shift+D'], enabled: songReady, run: (ctx) => clips.duplicateTrack(ctx.client) },
  { id: 'arrange.fit', label: 'Fit the whole song in the arrangement', group: 'Song editor', shortcuts: [], enabled: songLoaded, run: () => clips.fitArrangement(arrangementWidth()) },
  { id: 'tracks.addPiano', label: 'Add a piano track', group: 'Song editor', shortcuts: [], enabled: () => onSong() && useDocumentsStore.getState().open !== null, run: (ctx) => song.addTrack(ctx.client, 'piano') },
  { id: 'tracks.addDrums', label: 'Add a drum track', group: 'Song editor', shortcuts: [], enabled: () => onSong() && useDocumentsStore.getState().open !== null, run: (ctx) => song.addTrack(ctx.client, 'drums') },
  { id: 'song.renderWav', label: 'Render to WAV…', group: 'Song editor', shortcuts: ['Mod+Shift+E'], enabled: () => songLoaded() && !render.isRendering(), run: (ctx) => void render.renderToWav(ctx.client) },
  // ---- Script screen: the screenplay editor, the scene board and the reports. The editor is a
  // text field, so its keys that reach the window carry a modifier (whenTyping). ----
  {
    id: 'script.undo',
    label: 'Undo the last change to the script',
    group: 'Script',
    shortcuts: ['Mod+Z'],
    whenTyping: true,
    // Enabled on the whole screen, even with nothing to undo, so the keys never reach the browser's own undo of the editor.
    enabled: scriptUndoable,
    run: () => {
      if (useScriptStore.getState().history?.canUndo) void undoScript('undo').then(announce('Undone'));
    },
  },
  {
    id: 'script.redo',
    label: 'Redo the last undone change to the script',
    group: 'Script',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    whenTyping: true,
    enabled: scriptUndoable,
    run: () => {
      if (useScriptStore.getState().history?.canRedo) void undoScript('redo').then(announce('Redone'));
    },
  },
  {
    id: 'script.dictate',
    label: 'Dictate into the script at the cursor (again: stop and insert)',
    group: 'Script',
    shortcuts: ['Mod+Shift+D'],
    whenTyping: true,
    enabled: () => scriptReady() && useScriptViewStore.getState().view === 'editor',
    run: (ctx) => dictation.toggleDictation(ctx.client),
  },
  { id: 'script.showEditor', label: 'Show the screenplay editor', group: 'Script', shortcuts: ['Alt+1'], whenTyping: true, enabled: scriptReady, run: () => showView('editor') },
  { id: 'script.showBoard', label: 'Show the scene board', group: 'Script', shortcuts: ['Alt+2'], whenTyping: true, enabled: scriptReady, run: () => showView('board') },
  { id: 'script.showReports', label: 'Show the reports', group: 'Script', shortcuts: ['Alt+3'], whenTyping: true, enabled: scriptReady, run: () => showView('reports') },
  {
    id: 'script.export',
    label: 'Export the script (Fountain, PDF, Final Draft)…',
    group: 'Script',
    shortcuts: ['Mod+Shift+E'],
    whenTyping: true,
    enabled: scriptReady,
    run: () => useScriptViewStore.setState((s) => ({ exportOpen: !s.exportOpen })),
  },
  { id: 'script.nextScene', label: 'Go to the next scene', group: 'Script', shortcuts: ['Alt+PageDown'], whenTyping: true, enabled: scriptReady, run: () => script.stepScene(1) },
  { id: 'script.previousScene', label: 'Go to the previous scene', group: 'Script', shortcuts: ['Alt+PageUp'], whenTyping: true, enabled: scriptReady, run: () => script.stepScene(-1) },
  {
    id: 'board.moveUp',
    label: 'Move the focused scene card earlier',
    group: 'Script',
    shortcuts: ['Alt+ArrowUp'],
    enabled: () => scriptReady() && focusedCardIndex() !== null,
    run: () => moveFocusedCard(-1),
  },
  {
    id: 'board.moveDown',
    label: 'Move the focused scene card later',
    group: 'Script',
    shortcuts: ['Alt+ArrowDown'],
    enabled: () => scriptReady() && focusedCardIndex() !== null,
    run: () => moveFocusedCard(1),
  },
  {
    id: 'script.new',
    label: 'New script',
    group: 'Script',
    shortcuts: [],
    enabled: onProject,
    run: (ctx) => {
      const { route } = useUiStore.getState();
      if (route.name === 'project') void script.createScript(ctx.client, route.projectId, projectDocuments());
    },
  },
  {
    id: 'script.import',
    label: 'Import a script (.fountain, .fdx)…',
    group: 'Script',
    shortcuts: [],
    enabled: onProject,
    run: () => document.querySelector<HTMLInputElement>('[data-testid="import-script-input"]')?.click(),
  },
  // ---- Transport: the song editor's playback, enabled once its song is open. ----
  { id: 'transport.playStop', label: 'Play or stop', group: 'Transport', shortcuts: ['Space'], enabled: songLoaded, run: () => transport.playStop() },
  { id: 'transport.toStart', label: 'Return to the start', group: 'Transport', shortcuts: ['Home'], enabled: songLoaded, run: () => transport.toStart() },
  { id: 'transport.loop', label: 'Loop on or off', group: 'Transport', shortcuts: ['L'], enabled: songLoaded, run: () => transport.toggleLoop() },
  { id: 'transport.metronome', label: 'Metronome on or off', group: 'Transport', shortcuts: ['M'], enabled: songLoaded, run: () => transport.toggleMetronome() },
  { id: 'transport.countIn', label: 'Count-in (one bar of clicks before playing) on or off', group: 'Transport', shortcuts: [], enabled: songLoaded, run: () => transport.toggleCountIn() },
  // ---- Audio: the project's waveform, when one is shown (the song editor's Space is the transport). ----
  { id: 'audio.playPause', label: 'Play or pause the audio file', group: 'Audio', shortcuts: ['Space'], enabled: waveformShown, run: () => useWaveformStore.getState().active?.playPause() },
  {
    id: 'audio.playRegion',
    label: 'Play the marked region of the audio file',
    group: 'Audio',
    shortcuts: ['Shift+Space'],
    enabled: waveformShown,
    run: () => {
      if (!useWaveformStore.getState().active?.playRegion()) notify('Drag across the waveform to mark a region first.');
    },
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

/** Keys the screenplay editor handles itself (Enter/Tab element cycling, suggestions); shown in the overlay. */
export const screenplayFieldKeys = screenplayKeys;
