import { describe, expect, it } from 'vitest';
import type { KeyLike } from '../lib/keyboard';
import { commandForKey, paletteMatches, shortcutClashes, shortcutSections, type CommandSpec, type KeyScope } from './commands-logic';

type Ctx = { project: boolean };
const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const free: KeyScope = { inField: false, dialogOpen: false };

const cmd = (id: string, shortcuts: string[], more: Partial<CommandSpec<Ctx>> = {}): CommandSpec<Ctx> => ({
  id,
  label: id,
  group: more.group ?? 'G',
  shortcuts,
  run: () => id,
  ...more,
});

const list = [
  cmd('help', ['?', 'Mod+/'], { whenTyping: true, whenDialogOpen: true }),
  cmd('jobs', ['Mod+J'], { whenTyping: true }),
  cmd('undo', ['Mod+Z']),
  cmd('back', ['Escape'], { enabled: (c) => c.project }),
];

describe('commandForKey', () => {
  it('finds the command bound to a key', () => {
    expect(commandForKey(list, key('j', { ctrlKey: true }), free, { project: false })?.id).toBe('jobs');
    expect(commandForKey(list, key('?', { shiftKey: true }), free, { project: false })?.id).toBe('help');
    expect(commandForKey(list, key('x'), free, { project: false })).toBeNull();
  });

  it('leaves plain keys and commands without whenTyping to a focused field', () => {
    const typing: KeyScope = { inField: true, dialogOpen: false };
    expect(commandForKey(list, key('?', { shiftKey: true }), typing, { project: false })).toBeNull();
    expect(commandForKey(list, key('/', { ctrlKey: true }), typing, { project: false })?.id).toBe('help');
    expect(commandForKey(list, key('z', { ctrlKey: true }), typing, { project: false })).toBeNull();
    expect(commandForKey(list, key('j', { metaKey: true }), typing, { project: false })?.id).toBe('jobs');
  });

  it('honours enabled-when and open dialogs', () => {
    expect(commandForKey(list, key('Escape'), free, { project: false })).toBeNull();
    expect(commandForKey(list, key('Escape'), free, { project: true })?.id).toBe('back');
    const modal: KeyScope = { inField: false, dialogOpen: true };
    expect(commandForKey(list, key('j', { ctrlKey: true }), modal, { project: false })).toBeNull();
    expect(commandForKey(list, key('?'), modal, { project: false })?.id).toBe('help');
  });

  it('falls through to a later command bound to the same key when the first does not apply', () => {
    const two = [cmd('a', ['F2'], { enabled: () => false }), cmd('b', ['F2'])];
    expect(commandForKey(two, key('F2'), free, { project: false })?.id).toBe('b');
  });
});

describe('shortcutClashes', () => {
  it('reports a key bound twice, case-insensitively', () => {
    expect(shortcutClashes([cmd('a', ['Mod+J']), cmd('b', ['mod+j']), cmd('c', ['Mod+K'])])).toEqual([{ shortcut: 'mod+j', ids: ['a', 'b'] }]);
    expect(shortcutClashes(list)).toEqual([]);
  });
});

describe('shortcutSections', () => {
  it('groups commands with shortcuts in registry order, keys named for the platform', () => {
    const sections = shortcutSections([cmd('a', ['Mod+J'], { group: 'Jobs' }), cmd('b', [], { group: 'Help' }), cmd('c', ['?'], { group: 'Help' })], true);
    expect(sections).toEqual([
      { group: 'Jobs', rows: [{ id: 'a', label: 'a', combos: [['⌘', 'J']] }] },
      { group: 'Help', rows: [{ id: 'c', label: 'c', combos: [['?']] }] },
    ]);
  });
});

describe('the command palette', () => {
  const list: CommandSpec<null>[] = [
    { id: 'song.redo', label: 'Redo the last undone change', group: 'Song editor', shortcuts: [], run: () => null },
    { id: 'song.undo', label: 'Undo the last change', group: 'Song editor', shortcuts: [], run: () => null },
    { id: 'jobs.togglePanel', label: 'Show or hide the Jobs panel', group: 'Jobs', shortcuts: [], run: () => null },
    { id: 'notes.delete', label: 'Delete the selected notes', group: 'Song editor', shortcuts: [], run: () => null },
  ];
  const always = () => true;

  it('lists every applicable command for an empty query, in registry order', () => {
    expect(paletteMatches(list, '  ', always).map((c) => c.id)).toEqual(list.map((c) => c.id));
    expect(paletteMatches(list, '', (c) => c.group === 'Jobs').map((c) => c.id)).toEqual(['jobs.togglePanel']);
  });

  it('matches every word, in any order and case, and puts label prefixes first', () => {
    expect(paletteMatches(list, 'undo', always).map((c) => c.id)).toEqual(['song.undo', 'song.redo']);
    expect(paletteMatches(list, 'JOBS show', always).map((c) => c.id)).toEqual(['jobs.togglePanel']);
    expect(paletteMatches(list, 'notes song', always).map((c) => c.id)).toEqual(['notes.delete']);
    expect(paletteMatches(list, 'zzz', always)).toEqual([]);
    expect(paletteMatches(list, 'delete', () => false)).toEqual([]);
  });
});
