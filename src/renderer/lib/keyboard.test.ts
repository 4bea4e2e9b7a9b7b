import { describe, expect, it } from 'vitest';
import { isEditableTarget, matchesShortcut, shortcutKeys, type KeyLike } from './keyboard';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('matchesShortcut', () => {
  it('accepts Ctrl or Cmd for Mod, case-insensitively', () => {
    expect(matchesShortcut(key('j', { ctrlKey: true }), 'Mod+J')).toBe(true);
    expect(matchesShortcut(key('J', { metaKey: true }), 'Mod+J')).toBe(true);
    expect(matchesShortcut(key('j'), 'Mod+J')).toBe(false);
  });

  it('requires exactly the listed modifiers', () => {
    expect(matchesShortcut(key('j', { ctrlKey: true, shiftKey: true }), 'Mod+J')).toBe(false);
    expect(matchesShortcut(key('ArrowLeft', { altKey: true }), 'Alt+ArrowLeft')).toBe(true);
    expect(matchesShortcut(key('Escape', { ctrlKey: true }), 'Escape')).toBe(false);
    expect(matchesShortcut(key('Escape'), 'Escape')).toBe(true);
  });
});

describe('symbol keys', () => {
  it('matches "?" whether or not the layout needs Shift for it', () => {
    expect(matchesShortcut(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(key('?'), '?')).toBe(true);
    expect(matchesShortcut(key('?', { ctrlKey: true }), '?')).toBe(false);
    expect(matchesShortcut(key('/', { ctrlKey: true }), 'Mod+/')).toBe(true);
    expect(matchesShortcut(key('/'), 'Mod+/')).toBe(false);
  });

  it('still tells letters apart by Shift', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
  });
});

describe('shortcutKeys', () => {
  it('names keys for the platform', () => {
    expect(shortcutKeys('Mod+Shift+Z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(shortcutKeys('Mod+Shift+Z', true)).toEqual(['⌘', '⇧', 'Z']);
    expect(shortcutKeys('Alt+ArrowLeft', false)).toEqual(['Alt', '←']);
    expect(shortcutKeys('Space', false)).toEqual(['Space']);
    expect(matchesShortcut({ key: ' ', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }, 'Space')).toBe(true);
    expect(matchesShortcut({ key: 's', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }, 'Space')).toBe(false);
    expect(shortcutKeys('Mod++', false)).toEqual(['Ctrl', '+']);
    expect(shortcutKeys('?', false)).toEqual(['?']);
  });
});

describe('isEditableTarget', () => {
  it('recognises fields and contenteditable', () => {
    expect(isEditableTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
