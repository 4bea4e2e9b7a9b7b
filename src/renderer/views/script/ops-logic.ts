// From the editor's changes to the script's typed edits, and which undo step they join. CodeMirror
// reports a transaction's changes with positions in the text before it; ScriptOps apply one after
// another, each on the text the previous one left, so each change's position is moved by the
// length the earlier ones added or removed.
import type { ScriptOp } from '../../../shared/script/script-ops';

export interface EditorChange {
  /** [fromA, toA) in the text before the transaction. */
  fromA: number;
  toA: number;
  inserted: string;
}

/** Changes in ascending order of fromA (as iterChanges gives them) → ops applied in sequence. */
export function changesToOps(changes: readonly EditorChange[]): ScriptOp[] {
  const ops: ScriptOp[] = [];
  let shift = 0;
  for (const c of changes) {
    if (c.fromA === c.toA && c.inserted === '') continue;
    ops.push({ type: 'replaceText', from: c.fromA + shift, to: c.toA + shift, text: c.inserted });
    shift += c.inserted.length - (c.toA - c.fromA);
  }
  return ops;
}

/** Applies ops in order to a string (the editor's check that a remote change lands where it should). */
export function applyOps(text: string, ops: readonly ScriptOp[]): string {
  let out = text;
  for (const op of ops) {
    if (op.to > out.length || op.from > op.to) throw new RangeError('The change does not fit the text.');
    out = out.slice(0, op.from) + op.text + out.slice(op.to);
  }
  return out;
}

/** "Typing", "Delete text", … for a change the user made in the editor. */
export function labelOf(ops: readonly ScriptOp[], userEvent: string | undefined): string {
  if (userEvent?.startsWith('input.paste')) return 'Paste';
  if (userEvent?.startsWith('input.drop') || userEvent?.startsWith('move.drop')) return 'Move text';
  if (userEvent?.startsWith('input.complete')) return 'Complete';
  if (userEvent?.startsWith('delete.cut')) return 'Cut';
  if (userEvent?.startsWith('delete')) return 'Delete text';
  if (ops.length === 1 && ops[0]?.from === ops[0]?.to) return 'Typing';
  if (ops.every((op) => op.text === '')) return 'Delete text';
  return 'Typing';
}

/** Which undo step a typing burst's edit joins: a new one after a pause, a cursor jump, a new element or another kind of edit. */
export interface Burst {
  group: string;
  /** When its last edit was made (ms). */
  at: number;
  /** Where its last edit left the cursor. */
  end: number;
  label: string;
}

export const burstPauseMs = 1000;

export function continuesBurst(burst: Burst | null, next: { at: number; from: number; label: string; newElement: boolean }): boolean {
  if (!burst || next.newElement) return false;
  if (next.at - burst.at > burstPauseMs) return false;
  if (next.label !== burst.label) return false;
  // Typing goes on where it stopped; deleting backwards ends where the previous delete began.
  return Math.abs(next.from - burst.end) <= 1;
}
