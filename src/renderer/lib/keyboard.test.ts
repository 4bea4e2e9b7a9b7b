import { describe, expect, it } from 'vitest';
import { isEditableTarget, matchesShortcut, type KeyLike } from './keyboard';

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

describe('isEditableTarget', () => {
  it('recognises fields and contenteditable', () => {
    expect(isEditableTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
