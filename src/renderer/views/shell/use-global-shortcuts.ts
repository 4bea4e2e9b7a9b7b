// Shortcuts that work on every screen: Ctrl/Cmd+J toggles the Jobs panel, Ctrl/Cmd+N goes Home and
// focuses the new-project name, Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo the last
// project action (outside text fields, which keep their own undo). (In a plain browser tab Ctrl+N is reserved for a new window; in the
// Electron window and in installed-app windows it reaches the page.)
import { useEffect } from 'react';
import { isEditableTarget, matchesShortcut } from '../../lib/keyboard';
import { navigate, notify, requestNewProjectFocus, toggleJobsPanel, useUiStore } from '../../stores/ui-store';
import { redoLast, undoLast } from '../../stores/undo-history';

const announce = (verb: string) => (label: string | null) => {
  if (label) notify(`${verb}: ${label}`);
};

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesShortcut(e, 'Mod+J')) {
        e.preventDefault();
        toggleJobsPanel();
      } else if (matchesShortcut(e, 'Mod+N')) {
        e.preventDefault();
        if (document.querySelector('dialog[open]')) return;
        if (useUiStore.getState().route.name !== 'home') navigate({ name: 'home' });
        requestNewProjectFocus();
      } else if (!isEditableTarget(e.target) && matchesShortcut(e, 'Mod+Z')) {
        e.preventDefault();
        void undoLast().then(announce('Undone'));
      } else if (!isEditableTarget(e.target) && (matchesShortcut(e, 'Mod+Shift+Z') || matchesShortcut(e, 'Mod+Y'))) {
        e.preventDefault();
        void redoLast().then(announce('Redone'));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
