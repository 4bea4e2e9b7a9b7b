// Shortcuts that work on every screen: Ctrl/Cmd+J toggles the Jobs panel, Ctrl/Cmd+N goes Home and
// focuses the new-project name. (In a plain browser tab Ctrl+N is reserved for a new window; in the
// Electron window and in installed-app windows it reaches the page.)
import { useEffect } from 'react';
import { matchesShortcut } from '../../lib/keyboard';
import { navigate, requestNewProjectFocus, toggleJobsPanel, useUiStore } from '../../stores/ui-store';

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
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
