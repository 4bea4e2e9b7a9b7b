// The pure part of the command registry: which command a key press runs, which shortcuts clash,
// and how the shortcuts overlay groups them. Kept apart from registry.ts (which binds commands to
// the stores) so it is tested without a window.
import { matchesShortcut, shortcutKeys, type KeyLike } from '../lib/keyboard';

/** Where a key press happens; commands decide with it whether they apply. */
export interface KeyScope {
  /** Focus is in a text field, which owns plain keys (and its own Ctrl/Cmd+Z). */
  inField: boolean;
  /** A modal dialog is open; the window behind it is inert. */
  dialogOpen: boolean;
}

export interface CommandSpec<C> {
  /** Stable name, e.g. "jobs.togglePanel": menus, the palette and voice commands refer to it. */
  id: string;
  /** What it does, as a menu item would say it. */
  label: string;
  group: string;
  /** Key combinations (see matchesShortcut); the first is the one shown first. */
  shortcuts: readonly string[];
  /** Runs while typing in a field too (only for Ctrl/Cmd combinations; plain keys are typing). */
  whenTyping?: boolean;
  /** Runs while a modal dialog is open. */
  whenDialogOpen?: boolean;
  /** Whether it can run now; a disabled command's keys fall through to the page. */
  enabled?: (ctx: C) => boolean;
  run: (ctx: C) => unknown;
}

function hasModifier(shortcut: string): boolean {
  return /^(Mod|Alt)\+/.test(shortcut) || /\+(Mod|Alt)\+/.test(shortcut);
}

export function isCommandEnabled<C>(command: CommandSpec<C>, scope: KeyScope, ctx: C): boolean {
  if (scope.dialogOpen && !command.whenDialogOpen) return false;
  return command.enabled ? command.enabled(ctx) : true;
}

/**
 * The command a key press runs: the first whose shortcut matches and that applies here. Later
 * commands may bind the same key for other situations (their `enabled` tells them apart).
 */
export function commandForKey<C>(commands: readonly CommandSpec<C>[], event: KeyLike, scope: KeyScope, ctx: C): CommandSpec<C> | null {
  for (const command of commands) {
    const shortcut = command.shortcuts.find((s) => matchesShortcut(event, s));
    if (!shortcut) continue;
    if (scope.inField && !(command.whenTyping && hasModifier(shortcut))) continue;
    if (!isCommandEnabled(command, scope, ctx)) continue;
    return command;
  }
  return null;
}

/** Shortcuts bound by more than one command: each is a bug unless their `enabled` never overlap. */
export function shortcutClashes<C>(commands: readonly CommandSpec<C>[]): { shortcut: string; ids: string[] }[] {
  const byShortcut = new Map<string, string[]>();
  for (const command of commands) {
    for (const shortcut of command.shortcuts) {
      const key = shortcut.toLowerCase();
      byShortcut.set(key, [...(byShortcut.get(key) ?? []), command.id]);
    }
  }
  return [...byShortcut].filter(([, ids]) => ids.length > 1).map(([shortcut, ids]) => ({ shortcut, ids }));
}

export interface ShortcutRow {
  id: string;
  label: string;
  /** One entry per alternative combination, each as the keys to press. */
  combos: string[][];
}

/** The overlay's sections: commands with a shortcut, by group, in registry order. */
export function shortcutSections<C>(commands: readonly CommandSpec<C>[], mac: boolean): { group: string; rows: ShortcutRow[] }[] {
  const sections: { group: string; rows: ShortcutRow[] }[] = [];
  for (const command of commands) {
    if (command.shortcuts.length === 0) continue;
    let section = sections.find((s) => s.group === command.group);
    if (!section) {
      section = { group: command.group, rows: [] };
      sections.push(section);
    }
    section.rows.push({ id: command.id, label: command.label, combos: command.shortcuts.map((s) => shortcutKeys(s, mac)) });
  }
  return sections;
}

/**
 * The command palette's list: the commands that apply now whose label, group or id contain every
 * word typed (in any order, any case), in registry order, with labels that start with the query
 * first so "undo" finds Undo before "Redo the last undone…".
 */
export function paletteMatches<C>(commands: readonly CommandSpec<C>[], query: string, applies: (command: CommandSpec<C>) => boolean): CommandSpec<C>[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const q = words.join(' ');
  const matches = commands.filter((c) => {
    const text = `${c.label} ${c.group} ${c.id}`.toLowerCase();
    return words.every((w) => text.includes(w)) && applies(c);
  });
  if (!q) return matches;
  const starts = (c: CommandSpec<C>) => (c.label.toLowerCase().startsWith(q) ? 0 : 1);
  return matches.map((c, i) => ({ c, i })).sort((a, b) => starts(a.c) - starts(b.c) || a.i - b.i).map((x) => x.c);
}
