import { describe, expect, it } from 'vitest';
import { matchesShortcut } from '../lib/keyboard';
import { shortcutClashes } from './commands-logic';
import { useDocumentsStore } from '../stores/documents-store';
import { initialEditorState, selectClip, setSelection, useSongEditorStore } from '../stores/song-editor-store';
import { useScriptStore } from '../stores/script-store';
import { useUiStore } from '../stores/ui-store';
import { commandById, commands } from './registry';
import type { Route } from '../stores/route';

describe('the command registry', () => {
  it('names every command once', () => {
    const ids = commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('binds a key to two commands only where they apply on different screens', () => {
    // Each group below is split by the route or by what is chosen (see the next tests); any other clash is a bug.
    expect(shortcutClashes(commands)).toEqual([
      { shortcut: 'f2', ids: ['project.rename', 'clips.rename'] },
      { shortcut: 'escape', ids: ['nav.home', 'generate.closePanel', 'drafter.closePanel', 'notes.deselect', 'clips.deselect', 'nav.project'] },
      { shortcut: 'alt+arrowleft', ids: ['nav.home', 'nav.project'] },
      { shortcut: 'mod+z', ids: ['edit.undo', 'song.undo', 'script.undo'] },
      { shortcut: 'mod+shift+z', ids: ['edit.redo', 'song.redo', 'script.redo'] },
      { shortcut: 'mod+y', ids: ['edit.redo', 'song.redo', 'script.redo'] },
      // Ctrl/Cmd+G: the Generate panel on a song, the scene drafter on a script.
      { shortcut: 'mod+g', ids: ['generate.togglePanel', 'drafter.togglePanel'] },
      // The Generate panel's and the drafter's card keys apply only while one of their cards has the focus.
      { shortcut: 'arrowright', ids: ['generate.nextCard', 'drafter.nextCard', 'notes.moveRight'] },
      { shortcut: 'arrowdown', ids: ['generate.nextCard', 'drafter.nextCard', 'notes.transposeDown'] },
      { shortcut: 'arrowleft', ids: ['generate.previousCard', 'drafter.previousCard', 'notes.moveLeft'] },
      { shortcut: 'arrowup', ids: ['generate.previousCard', 'drafter.previousCard', 'notes.transposeUp'] },
      { shortcut: 'space', ids: ['generate.playCard', 'transport.playStop', 'audio.playPause'] },
      { shortcut: 'delete', ids: ['generate.discardCard', 'drafter.rejectCard', 'notes.delete', 'clips.delete'] },
      { shortcut: 'backspace', ids: ['generate.discardCard', 'drafter.rejectCard', 'notes.delete', 'clips.delete'] },
      { shortcut: 'mod+d', ids: ['notes.duplicate', 'clips.duplicate'] },
      // Ctrl/Cmd+Shift+D: duplicate the track on a song, dictate on a script.
      { shortcut: 'mod+shift+d', ids: ['tracks.duplicate', 'script.dictate'] },
      { shortcut: 'mod+shift+e', ids: ['song.renderWav', 'script.export'] },
    ]);
  });

  it('gives Ctrl/Cmd+Z to the song’s history in the song editor and to project actions elsewhere', () => {
    const ctx = { inField: false, dialogOpen: false, client: null as never };
    const enabled = (id: string) => commandById(id).enabled?.(ctx) ?? true;
    const history = { canUndo: true, canRedo: true, undoLabel: 'Move 3 notes', redoLabel: 'Add note' };
    const content = { ppq: 480, tracks: [], tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }], keySignatures: [] };
    const info = { id: 'd' as never, projectId: 'p' as never, kind: 'song' as const, name: 'S', rev: 1, createdAt: 0, updatedAt: 0 };
    useDocumentsStore.setState({ open: { info, content, rev: 1, history } });
    useSongEditorStore.setState({ ...initialEditorState(), trackId: 't', selection: new Set(['n']) });
    const at = (route: Route) => useUiStore.setState({ route });

    at({ name: 'song', projectId: 'p', docId: 'd' });
    expect(enabled('song.undo')).toBe(true);
    expect(enabled('song.redo')).toBe(true);
    expect(enabled('edit.undo')).toBe(false);
    expect(enabled('nav.home')).toBe(false);
    expect(enabled('nav.project')).toBe(true);
    expect(enabled('notes.deselect')).toBe(true);

    for (const route of [{ name: 'home' }, { name: 'project', projectId: 'p' }] as Route[]) {
      at(route);
      for (const id of ['song.undo', 'song.redo', 'notes.delete', 'notes.selectAll', 'notes.deselect', 'nav.project', 'roll.zoomIn', 'notes.quantize']) {
        expect(enabled(id), `${id} on ${route.name}`).toBe(false);
      }
    }
    useDocumentsStore.setState({ open: null });
    useSongEditorStore.setState(initialEditorState());
    at({ name: 'home' });
  });

  it('gives Delete and Ctrl/Cmd+D to the chosen clip or to the selected notes, never both', () => {
    const ctx = { inField: false, dialogOpen: false, client: null as never };
    const enabled = (id: string) => commandById(id).enabled?.(ctx) ?? true;
    const bar = 1920;
    const track = { id: 't', name: 'Lead', program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0, notes: [{ id: 'n', pitch: 60, velocity: 90, start: 0, duration: 240 }], clips: [{ id: 'c', name: 'Hook', start: 0, duration: bar }] };
    const content = { ppq: 480, tracks: [track], tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }], keySignatures: [] };
    const info = { id: 'd' as never, projectId: 'p' as never, kind: 'song' as const, name: 'S', rev: 1, createdAt: 0, updatedAt: 0 };
    useDocumentsStore.setState({ open: { info, content, rev: 1, history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null } } });
    useUiStore.setState({ route: { name: 'song', projectId: 'p', docId: 'd' } });
    useSongEditorStore.setState({ ...initialEditorState(), trackId: 't' });
    selectClip('t', 'c');
    expect([enabled('clips.delete'), enabled('notes.delete'), enabled('clips.duplicate'), enabled('notes.duplicate')]).toEqual([true, false, true, false]);
    setSelection(['n']);
    expect(useSongEditorStore.getState().clipId).toBeNull();
    expect([enabled('clips.delete'), enabled('notes.delete'), enabled('clips.duplicate'), enabled('notes.duplicate')]).toEqual([false, true, false, true]);
    selectClip('t', 'c');
    expect(useSongEditorStore.getState().selection.size).toBe(0);
    useDocumentsStore.setState({ open: null });
    useSongEditorStore.setState(initialEditorState());
    useUiStore.setState({ route: { name: 'home' } });
  });

  it('groups every song-editor command under “Song editor”', () => {
    const songIds = commands.filter((c) => /^(song|notes|roll|tracks|clips|arrange)\./.test(c.id));
    expect(songIds.length).toBeGreaterThanOrEqual(20);
    for (const c of songIds) expect(c.group).toBe('Song editor');
  });

  it('enables the transport only in the song editor, with Space, Home, L and M', () => {
    const ctx = { inField: false, dialogOpen: false, client: null as never };
    const enabled = (id: string) => commandById(id).enabled?.(ctx) ?? true;
    const ids = ['transport.playStop', 'transport.toStart', 'transport.loop', 'transport.metronome', 'transport.countIn'];
    for (const id of ids) expect(commandById(id).group).toBe('Transport');
    const content = { ppq: 480, tracks: [], tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }], keySignatures: [] };
    const info = { id: 'd' as never, projectId: 'p' as never, kind: 'song' as const, name: 'S', rev: 1, createdAt: 0, updatedAt: 0 };
    const history = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
    useDocumentsStore.setState({ open: { info, content, rev: 1, history } });
    useUiStore.setState({ route: { name: 'song', projectId: 'p', docId: 'd' } });
    for (const id of ids) expect(enabled(id), id).toBe(true);
    useUiStore.setState({ route: { name: 'project', projectId: 'p' } });
    for (const id of ids) expect(enabled(id), id).toBe(false);
    useDocumentsStore.setState({ open: null });
    useUiStore.setState({ route: { name: 'song', projectId: 'p', docId: 'd' } });
    for (const id of ids) expect(enabled(id), `${id} before the song opens`).toBe(false);
    useUiStore.setState({ route: { name: 'home' } });

    const bound = (id: string, event: Partial<KeyboardEvent>) =>
      commandById(id).shortcuts.some((s) => matchesShortcut({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...event }, s));
    expect(bound('transport.playStop', { key: ' ' })).toBe(true);
    expect(bound('transport.playStop', { key: ' ', ctrlKey: true })).toBe(false);
    expect(bound('transport.toStart', { key: 'Home' })).toBe(true);
    expect(bound('transport.loop', { key: 'l' })).toBe(true);
    expect(bound('transport.metronome', { key: 'm' })).toBe(true);
  });

  it('opens the Generate panel with Ctrl/Cmd+G only in the song editor; its card keys need the results focused', () => {
    const ctx = { inField: false, dialogOpen: false, client: null as never };
    const enabled = (id: string) => commandById(id).enabled?.(ctx) ?? true;
    const content = { ppq: 480, tracks: [], tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }], keySignatures: [] };
    const info = { id: 'd' as never, projectId: 'p' as never, kind: 'song' as const, name: 'S', rev: 1, createdAt: 0, updatedAt: 0 };
    useDocumentsStore.setState({ open: { info, content, rev: 1, history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null } } });
    useUiStore.setState({ route: { name: 'song', projectId: 'p', docId: 'd' } });
    expect(enabled('generate.togglePanel')).toBe(true);
    expect(commandById('generate.togglePanel').shortcuts).toContain('Mod+G');
    // No results list has the focus here (no window): the card keys fall through to the editor.
    for (const id of ['generate.nextCard', 'generate.previousCard', 'generate.playCard', 'generate.keepCard', 'generate.discardCard', 'generate.closePanel']) expect(enabled(id), id).toBe(false);
    useUiStore.setState({ route: { name: 'project', projectId: 'p' } });
    expect(enabled('generate.togglePanel')).toBe(false);
    useDocumentsStore.setState({ open: null });
    useUiStore.setState({ route: { name: 'home' } });
  });

  it('opens the scene drafter with Ctrl/Cmd+G only on an open script; its card keys need a card focused', () => {
    const ctx = { inField: true, dialogOpen: false, client: null as never };
    const enabled = (id: string) => commandById(id).enabled?.(ctx) ?? true;
    expect(commandById('drafter.togglePanel').shortcuts).toContain('Mod+G');
    expect(commandById('drafter.togglePanel').whenTyping).toBe(true);
    useUiStore.setState({ route: { name: 'script', projectId: 'p', docId: 'd' } });
    useScriptStore.setState({ status: 'ready', docId: 'd' });
    expect(enabled('drafter.togglePanel')).toBe(true);
    expect(enabled('generate.togglePanel')).toBe(false);
    // No card has the focus here (no window): Enter, Delete and the arrows stay the editor's.
    for (const id of ['drafter.nextCard', 'drafter.previousCard', 'drafter.acceptCard', 'drafter.rejectCard', 'drafter.closePanel']) expect(enabled(id), id).toBe(false);
    expect(commandById('drafter.acceptCard').shortcuts).toEqual(['Enter']);
    useScriptStore.setState({ status: 'idle', docId: null });
    useUiStore.setState({ route: { name: 'project', projectId: 'p' } });
    expect(enabled('drafter.togglePanel')).toBe(false);
    expect(enabled('train.scenes')).toBe(true);
    useUiStore.setState({ route: { name: 'home' } });
  });

  it('has the shortcuts the app documents', () => {
    const bound = (id: string, event: Partial<KeyboardEvent>) =>
      commandById(id).shortcuts.some((s) => matchesShortcut({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...event }, s));
    expect(bound('help.shortcuts', { key: '?', shiftKey: true })).toBe(true);
    expect(bound('help.shortcuts', { key: '/', ctrlKey: true })).toBe(true);
    expect(bound('help.shortcuts', { key: '/', metaKey: true })).toBe(true);
    expect(bound('jobs.togglePanel', { key: 'j', ctrlKey: true })).toBe(true);
    expect(bound('projects.new', { key: 'n', metaKey: true })).toBe(true);
    expect(bound('edit.undo', { key: 'z', ctrlKey: true })).toBe(true);
    expect(bound('edit.redo', { key: 'Z', ctrlKey: true, shiftKey: true })).toBe(true);
    expect(bound('nav.home', { key: 'Escape' })).toBe(true);
    expect(bound('palette.open', { key: 'k', ctrlKey: true })).toBe(true);
    expect(bound('song.undo', { key: 'z', metaKey: true })).toBe(true);
    expect(bound('song.redo', { key: 'Z', ctrlKey: true, shiftKey: true })).toBe(true);
    expect(bound('notes.delete', { key: 'Backspace' })).toBe(true);
    expect(bound('notes.duplicate', { key: 'd', ctrlKey: true })).toBe(true);
    expect(bound('notes.transposeOctaveUp', { key: 'ArrowUp', shiftKey: true })).toBe(true);
    expect(bound('notes.transposeUp', { key: 'ArrowUp', shiftKey: true })).toBe(false);
    expect(bound('notes.quantize', { key: 'q' })).toBe(true);
  });
});
