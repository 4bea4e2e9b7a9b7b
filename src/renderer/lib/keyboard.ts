// Keyboard shortcut matching for the command registry (src/renderer/commands). "Mod" is Ctrl or
// Cmd, whichever the platform uses; both are accepted so one binding serves every OS.
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * A symbol key such as "?" or "/" is whatever the layout produces: "?" needs Shift on a US layout
 * and not on others, so Shift is not part of such a shortcut and is ignored when matching it.
 */
function isSymbolKey(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

/** `shortcut` is like "Mod+J", "Alt+ArrowLeft", "Escape" or "?". */
export function matchesShortcut(event: KeyLike, shortcut: string): boolean {
  // Split on "+" but keep a literal "+" key ("Mod++").
  const parts = shortcut.endsWith('++') ? [...shortcut.slice(0, -2).split('+'), '+'] : shortcut.split('+');
  const key = parts.pop() ?? '';
  const wantMod = parts.includes('Mod');
  const wantAlt = parts.includes('Alt');
  const wantShift = parts.includes('Shift');
  // "Space" names the key whose `key` is " " (a blank would not read in the shortcuts overlay).
  const wanted = key === 'Space' ? ' ' : key;
  return (
    event.key.toLowerCase() === wanted.toLowerCase() &&
    (event.ctrlKey || event.metaKey) === wantMod &&
    event.altKey === wantAlt &&
    (isSymbolKey(key) || event.shiftKey === wantShift)
  );
}

/** How a shortcut reads on screen: "Mod+Shift+Z" → ["Ctrl", "Shift", "Z"] (⌘ and ⇧ on a Mac). */
export function shortcutKeys(shortcut: string, mac: boolean): string[] {
  const parts = shortcut.endsWith('++') ? [...shortcut.slice(0, -2).split('+'), '+'] : shortcut.split('+');
  const names: Record<string, [string, string]> = {
    Mod: ['Ctrl', '⌘'],
    Alt: ['Alt', '⌥'],
    Shift: ['Shift', '⇧'],
    Escape: ['Esc', 'Esc'],
    ArrowLeft: ['←', '←'],
    ArrowRight: ['→', '→'],
    ArrowUp: ['↑', '↑'],
    ArrowDown: ['↓', '↓'],
    Enter: ['Enter', '↩'],
    Space: ['Space', 'Space'],
  };
  return parts.map((p) => names[p]?.[mac ? 1 : 0] ?? (p.length === 1 ? p.toUpperCase() : p));
}

/** Typing in a field must not trigger screen-level shortcuts like Escape-to-go-back. */
export function isEditableTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  return el.isContentEditable === true || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
