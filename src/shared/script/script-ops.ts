// The typed edits of a script. A script is Fountain text, so every change (typing, Enter/Tab
// cycling an element, a card dragged on the scene board, an accepted suggestion) is one or more
// text replacements. The host applies them with `applyScriptOps`, which returns their inverse (the
// undo), and rebases an edit made on an older revision through the edits made since
// (`rebaseScriptOps`), refusing it when it touches text another edit changed.
import { z } from 'zod';
import { maxScriptChars, type ScriptContent } from './script';

const offset = z.number().int().min(0).max(maxScriptChars);

export const scriptOpSchema = z.discriminatedUnion('type', [
  /** Replaces the text in [from, to) with `text` (an insert when from = to, a delete when text is empty). */
  z
    .object({ type: z.literal('replaceText'), from: offset, to: offset, text: z.string().max(maxScriptChars) })
    .strict()
    .refine((op) => op.to >= op.from, { message: 'A replacement must end at or after its start.', path: ['to'] }),
]);
export type ScriptOp = z.infer<typeof scriptOpSchema>;

export class ScriptOpError extends Error {
  override name = 'ScriptOpError';
}

export interface AppliedScriptOps {
  content: ScriptContent;
  /** Applied in order, these undo the ops. */
  inverse: ScriptOp[];
}

/** Applies ops in order, each on the text the previous one left. */
export function applyScriptOps(content: ScriptContent, ops: readonly ScriptOp[]): AppliedScriptOps {
  let text = content.fountain;
  const inverses: ScriptOp[] = [];
  for (const op of ops) {
    if (op.to > text.length) throw new ScriptOpError(`The edit reaches character ${op.to}, past the end of the script (${text.length} characters).`);
    const removed = text.slice(op.from, op.to);
    text = text.slice(0, op.from) + op.text + text.slice(op.to);
    if (text.length > maxScriptChars) throw new ScriptOpError(`The script would be longer than ${maxScriptChars.toLocaleString('en-US')} characters.`);
    inverses.push({ type: 'replaceText', from: op.from, to: op.from + op.text.length, text: removed });
  }
  return { content: { fountain: text }, inverse: inverses.reverse() };
}

/**
 * Moves an edit made on an older text over `applied` (the ops applied since, in order), so that it
 * means the same on the current text. Positions after a change shift by its length; an edit that
 * overlaps text a later change replaced is refused: the writer's intent there is unknown.
 */
export function rebaseScriptOps(ops: readonly ScriptOp[], applied: readonly ScriptOp[]): ScriptOp[] {
  // Each op of the edit is relative to the text its predecessors left, so the changes made since
  // are carried into that text too as the edit's ops are moved across them one by one.
  let since = [...applied];
  return ops.map((op) => {
    let moved = op;
    for (const other of since) moved = shiftOver(moved, other);
    since = since.map((other) => shiftOver(other, moved));
    return moved;
  });
}

/** `op` as it reads after `other` was applied to the same text; overlapping changes are refused. */
function shiftOver(op: ScriptOp, other: ScriptOp): ScriptOp {
  // Two inserts at the same place: the later edit's text goes after the earlier one's.
  const bothInsertHere = op.from === op.to && other.from === other.to && op.from === other.from;
  if (op.to <= other.from && !bothInsertHere) return op;
  if (op.from >= other.to) {
    const shift = other.text.length - (other.to - other.from);
    return { ...op, from: op.from + shift, to: op.to + shift };
  }
  throw new ScriptOpError('another window changed the same lines');
}

/** "Typing", "Delete text", … for Undo's label when the client gives none. */
export function describeScriptOps(ops: readonly ScriptOp[]): string {
  if (ops.length > 1) return 'Edit script';
  const op = ops[0];
  if (!op) return 'Edit script';
  if (op.from === op.to) return 'Typing';
  if (op.text === '') return 'Delete text';
  return 'Replace text';
}
