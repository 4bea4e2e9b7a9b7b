// The keyboard layer: every window-level key press is looked up in the command registry
// (commands/registry.ts) and runs the command bound to it, if that command applies here. Views
// bind no global keys of their own, so the shortcuts overlay, menus and the palette never drift
// from what the keys actually do. (In a plain browser tab Ctrl+N is reserved for a new window; in
// the Electron window and in installed-app windows it reaches the page.)
import { useEffect } from 'react';
import { useStudioClient } from '../../client/client-context';
import { commandForKey } from '../../commands/commands-logic';
import { commands } from '../../commands/registry';
import { isEditableTarget } from '../../lib/keyboard';

export function useGlobalShortcuts(): void {
  const client = useStudioClient();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A field or dialog that handled the key itself (Escape in the rename field) has the last word.
      if (e.defaultPrevented || e.isComposing) return;
      const scope = { inField: isEditableTarget(e.target), dialogOpen: document.querySelector('dialog[open]') !== null };
      const command = commandForKey(commands, e, scope, { ...scope, client });
      if (!command) return;
      e.preventDefault();
      void command.run({ ...scope, client });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
}
