// The pure part of undo/redo: two bounded stacks. A new action clears the redo stack, as in every
// editor; undoing moves an entry to redo, redoing moves it back.
export interface UndoEntry {
  /** What the user did, e.g. "Delete “Demo”". */
  label: string;
  undo(): Promise<unknown>;
  redo(): Promise<unknown>;
}

export interface UndoState {
  undo: UndoEntry[];
  redo: UndoEntry[];
}

export const maxUndo = 50;

export function pushEntry(s: UndoState, entry: UndoEntry): UndoState {
  return { undo: [...s.undo, entry].slice(-maxUndo), redo: [] };
}

export function popUndo(s: UndoState): { state: UndoState; entry: UndoEntry | undefined } {
  const entry = s.undo.at(-1);
  if (!entry) return { state: s, entry };
  return { state: { undo: s.undo.slice(0, -1), redo: [...s.redo, entry] }, entry };
}

export function popRedo(s: UndoState): { state: UndoState; entry: UndoEntry | undefined } {
  const entry = s.redo.at(-1);
  if (!entry) return { state: s, entry };
  return { state: { undo: [...s.undo, entry], redo: s.redo.slice(0, -1) }, entry };
}
