import { describe, expect, it } from 'vitest';
import { matchesShortcut } from '../lib/keyboard';
import { shortcutClashes } from './commands-logic';
import { commandById, commands } from './registry';

describe('the command registry', () => {
  it('names every command once', () => {
    const ids = commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('binds no key to two commands', () => {
    expect(shortcutClashes(commands)).toEqual([]);
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
  });
});
