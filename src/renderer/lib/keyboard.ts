// Keyboard shortcut matching shared by the global shortcuts and the project screen. "Mod" is Ctrl
// or Cmd, whichever the platform uses; both are accepted so one binding serves every OS.
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** `shortcut` is like "Mod+J", "Alt+ArrowLeft" or "Escape". */
export function matchesShortcut(event: KeyLike, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const wantMod = parts.includes('Mod');
  const wantAlt = parts.includes('Alt');
  const wantShift = parts.includes('Shift');
  return (
    event.key.toLowerCase() === key.toLowerCase() &&
    (event.ctrlKey || event.metaKey) === wantMod &&
    event.altKey === wantAlt &&
    event.shiftKey === wantShift
  );
}

/** Typing in a field must not trigger screen-level shortcuts like Escape-to-go-back. */
export function isEditableTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  return el.isContentEditable === true || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
