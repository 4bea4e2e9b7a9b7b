import { describe, expect, it } from 'vitest';
import type { SongOp } from '../../shared/music/song-ops';
import { UndoHistory, historyWindow } from './undo-history';

const op = (bpm: number): SongOp => ({ type: 'setTempos', tempos: [{ tick: 0, bpm }] });

describe('UndoHistory (derived from the edit log)', () => {
  it('merges consecutive edits of one group, and not across an undo', () => {
    const h = new UndoHistory();
    h.record({ kind: 'edit', ops: [op(100)], inverse: [op(120)], group: 'g', label: 'Drag' });
    h.record({ kind: 'edit', ops: [op(110)], inverse: [op(100)], group: 'g', label: 'Drag' });
    expect(h.nextUndo()).toEqual({ label: 'Drag', undo: [op(100), op(120)], redo: [op(100), op(110)] });
    h.record({ kind: 'undo', ops: [op(100), op(120)], inverse: [op(110), op(100)], group: null, label: 'Drag' });
    expect(h.state()).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Drag' });
    h.record({ kind: 'redo', ops: [op(110), op(100)], inverse: [op(100), op(120)], group: null, label: 'Drag' });
    h.record({ kind: 'edit', ops: [op(90)], inverse: [op(110)], group: 'g', label: 'Drag again' });
    expect(h.state()).toMatchObject({ undoLabel: 'Drag again', canRedo: false });
  });

  it('leaves a clone untouched when the original changes', () => {
    const h = new UndoHistory();
    h.record({ kind: 'edit', ops: [op(100)], inverse: [op(120)], group: 'g', label: 'Drag' });
    const copy = h.clone();
    h.record({ kind: 'edit', ops: [op(110)], inverse: [op(100)], group: 'g', label: 'Drag' });
    expect(copy.nextUndo()?.redo).toEqual([op(100)]);
  });

  it('ignores an undo of a step older than the window it was rebuilt from', () => {
    const h = new UndoHistory();
    h.record({ kind: 'undo', ops: [op(1)], inverse: [op(2)], group: null, label: 'Old' });
    expect(h.state()).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Old' });
    for (let i = 0; i < historyWindow + 5; i++) h.record({ kind: 'edit', ops: [op(i % 900 + 10)], inverse: [op(10)], group: null, label: `E${i}` });
    expect(h.state().undoLabel).toBe(`E${historyWindow + 4}`);
  });
});
