// The command palette (Ctrl/Cmd+K): the registry's commands that apply on the screen behind it,
// filtered as you type, each with its shortcut. ↑/↓ choose, Enter runs, Escape closes. It reads
// the same list as the keyboard layer and the shortcuts overlay, so it can never offer an action
// the keys do not have, nor miss one.
import { useMemo, useState } from 'react';
import { useStudioClient } from '../../client/client-context';
import { isCommandEnabled, paletteMatches } from '../../commands/commands-logic';
import { commands, type Command } from '../../commands/registry';
import { ModalDialog } from '../../components/modal-dialog';
import { shortcutKeys } from '../../lib/keyboard';
import { isMac } from '../../lib/platform';
import { setOverlay } from '../../stores/ui-store';
import './help.css';

export function CommandPalette() {
  const client = useStudioClient();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const mac = isMac();
  // Judged as the window behind the palette sees it (no dialog open, focus not in a field).
  const scope = useMemo(() => ({ inField: false, dialogOpen: false }), []);
  const matches = paletteMatches(commands, query, (c) => c.id !== 'palette.open' && isCommandEnabled(c, scope, { ...scope, client }));
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const run = (command: Command | undefined) => {
    if (!command) return;
    setOverlay(null);
    // After the dialog has closed, so the command sees the window as the user will.
    queueMicrotask(() => void command.run({ ...scope, client }));
  };

  return (
    <ModalDialog title="Commands" testId="command-palette" className="palette" onClose={() => setOverlay(null)}>
      <input
        className="input palette-input"
        data-testid="palette-input"
        placeholder="Type a command…"
        aria-label="Find a command"
        aria-controls="palette-list"
        aria-activedescendant={matches[current] ? `palette-${matches[current].id}` : undefined}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((current + step + matches.length) % Math.max(1, matches.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(matches[current]);
          }
        }}
      />
      <ul id="palette-list" className="palette-list" role="listbox" data-testid="palette-list">
        {matches.map((c, i) => (
          <li
            key={c.id}
            id={`palette-${c.id}`}
            role="option"
            aria-selected={i === current}
            className={`palette-row${i === current ? ' is-active' : ''}`}
            data-testid="palette-row"
            data-command={c.id}
            onMouseEnter={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span className="palette-label">{c.label}</span>
            <span className="palette-group text-dim">{c.group}</span>
            {c.shortcuts[0] && (
              <span className="palette-keys">
                {shortcutKeys(c.shortcuts[0], mac).map((k, j) => (
                  <kbd key={`${k}-${j}`}>{k}</kbd>
                ))}
              </span>
            )}
          </li>
        ))}
        {matches.length === 0 && <li className="palette-empty text-dim">No command here matches “{query}”.</li>}
      </ul>
    </ModalDialog>
  );
}
