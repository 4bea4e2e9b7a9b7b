// The undo and redo stacks of one document, derived from its edit log (document_ops) rather than
// stored beside it, so they survive a restart and can never disagree with the log.
//
// Each log row records the ops that were applied at that revision and their inverse:
// - 'edit' pushes a step {undo: inverse, redo: ops} and clears redo. Consecutive edits with the same
//   group id merge into the top step (one drag = one undo): its redo ops grow at the end, its undo
//   ops at the front, and it keeps the first edit's label.
// - 'undo' applied a step's undo ops; its row holds those ops and their inverse (= the redo ops),
//   so replay pops the undo stack and pushes {undo: ops, redo: inverse} onto redo.
// - 'redo' is the mirror image.
// A row therefore carries everything its step needs, which is what lets `open` rebuild the stacks
// from a bounded window of the log (`historyWindow` rows): an undo that pops a step older than the
// window finds the derived stack empty and pops nothing, and what remains is exactly the top of
// the real stacks. So undo reaches back over the last `historyWindow` revisions, and opening a
// song with a long past parses a bounded amount of JSON.
import type { HistoryState } from '../../shared/api';

/** How many log rows (revisions) the undo history reaches back over. */
export const historyWindow = 1000;

export interface UndoStep<Op = unknown> {
  label: string;
  /** Applied by Undo. */
  undo: Op[];
  /** Applied by Redo. */
  redo: Op[];
}

export interface HistoryEntry<Op = unknown> {
  kind: 'edit' | 'undo' | 'redo';
  ops: Op[];
  inverse: Op[];
  group: string | null;
  label: string;
}

export class UndoHistory<Op = unknown> {
  private undoStack: UndoStep<Op>[] = [];
  private redoStack: UndoStep<Op>[] = [];
  /** Group of the previous log row when it was a grouped edit; a later edit of that group merges. */
  private openGroup: string | null = null;

  /** Replays one log row (in revision order). */
  record(e: HistoryEntry<Op>): void {
    if (e.kind === 'edit') {
      const top = this.undoStack.at(-1);
      if (e.group !== null && e.group === this.openGroup && top) {
        // A new object, never an edit in place: clones share steps (see clone()).
        this.undoStack[this.undoStack.length - 1] = { label: top.label, undo: [...e.inverse, ...top.undo], redo: [...top.redo, ...e.ops] };
      } else {
        this.undoStack.push({ label: e.label, undo: e.inverse, redo: e.ops });
        if (this.undoStack.length > historyWindow) this.undoStack.shift();
      }
      this.redoStack = [];
      this.openGroup = e.group;
      return;
    }
    this.openGroup = null;
    if (e.kind === 'undo') {
      this.undoStack.pop();
      this.redoStack.push({ label: e.label, undo: e.ops, redo: e.inverse });
    } else {
      this.redoStack.pop();
      this.undoStack.push({ label: e.label, undo: e.inverse, redo: e.ops });
    }
  }

  /** The step Undo would apply, or undefined. */
  nextUndo(): UndoStep<Op> | undefined {
    return this.undoStack.at(-1);
  }

  nextRedo(): UndoStep<Op> | undefined {
    return this.redoStack.at(-1);
  }

  /** A copy, so a caller can try a change and keep the original if saving fails. */
  clone(): UndoHistory<Op> {
    const h = new UndoHistory<Op>();
    h.undoStack = [...this.undoStack];
    h.redoStack = [...this.redoStack];
    h.openGroup = this.openGroup;
    return h;
  }

  state(): HistoryState {
    const u = this.undoStack.at(-1);
    const r = this.redoStack.at(-1);
    return { canUndo: u !== undefined, canRedo: r !== undefined, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }
}
