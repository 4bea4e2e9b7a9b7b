import { describe, expect, it } from 'vitest';
import { maxUndo, popRedo, popUndo, pushEntry, type UndoEntry, type UndoState } from './undo-logic';

const entry = (label: string): UndoEntry => ({ label, undo: async () => label, redo: async () => label });
const empty: UndoState = { undo: [], redo: [] };

describe('undo logic', () => {
  it('undoes newest first and redoes in reverse', () => {
    let s = pushEntry(pushEntry(empty, entry('a')), entry('b'));
    const u1 = popUndo(s);
    expect(u1.entry?.label).toBe('b');
    s = u1.state;
    const u2 = popUndo(s);
    expect(u2.entry?.label).toBe('a');
    s = u2.state;
    expect(popUndo(s).entry).toBeUndefined();
    const r1 = popRedo(s);
    expect(r1.entry?.label).toBe('a');
    expect(r1.state.undo.map((e) => e.label)).toEqual(['a']);
    expect(r1.state.redo.map((e) => e.label)).toEqual(['b']);
  });

  it('a new action clears redo', () => {
    const undone = popUndo(pushEntry(empty, entry('a'))).state;
    expect(undone.redo).toHaveLength(1);
    expect(pushEntry(undone, entry('b')).redo).toEqual([]);
  });

  it('keeps at most maxUndo entries, dropping the oldest', () => {
    let s = empty;
    for (let i = 0; i < maxUndo + 5; i++) s = pushEntry(s, entry(String(i)));
    expect(s.undo).toHaveLength(maxUndo);
    expect(s.undo[0]?.label).toBe('5');
  });
});
