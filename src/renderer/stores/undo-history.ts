// Undo and redo of the user's document actions (rename, delete a project…). Each entry knows how to
// undo and redo itself by calling the host; the host stays the owner of state, this only remembers
// what to ask for. Pure list logic lives in undo-logic.ts.
import { create } from 'zustand';
import { popRedo, popUndo, pushEntry, type UndoEntry, type UndoState } from './undo-logic';
import { reportError } from './ui-store';

export const useUndoStore = create<UndoState>()(() => ({ undo: [], redo: [] }));

/** Records an action the user just did. */
export function recordUndoable(entry: UndoEntry): void {
  useUndoStore.setState((s) => pushEntry(s, entry));
}

async function replay(take: (s: UndoState) => { state: UndoState; entry: UndoEntry | undefined }, direction: 'undo' | 'redo'): Promise<string | null> {
  const { state, entry } = take(useUndoStore.getState());
  if (!entry) return null;
  useUndoStore.setState(state);
  try {
    await entry[direction]();
    return entry.label;
  } catch (err) {
    reportError(err);
    return null;
  }
}

/** Undoes the newest action; resolves to its label, or null if there was none or it failed. */
export const undoLast = (): Promise<string | null> => replay(popUndo, 'undo');
export const redoLast = (): Promise<string | null> => replay(popRedo, 'redo');
