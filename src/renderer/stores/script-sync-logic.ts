// The open script's text on this side of the wire. Typing must show at once, so unlike songs a
// script's edits are applied here first and sent after, one edit in flight at a time:
//   confirmed (the host's text at `rev`) + inFlight + queued = the text the editor shows.
// The host's onScriptChanged events arrive in revision order. The echo of our own edit (its
// editId) moves it into `confirmed`; anyone else's change (another window, undo, redo) is applied
// to `confirmed` as it is and to the shown text moved over our unacknowledged edits, which are in
// turn moved over it (the host rebases our in-flight edit the same way). Whenever the two sides
// might disagree (a gap in revisions, overlapping edits), the caller reloads from the host.
import { applyScriptOps, rebaseScriptOps, ScriptOpError, type ScriptOp } from '../../shared/script/script-ops';

export interface LocalEdit {
  editId: string;
  ops: ScriptOp[];
  label: string;
  group?: string;
}

export interface ScriptSync {
  confirmedText: string;
  rev: number;
  inFlight: LocalEdit | null;
  queued: LocalEdit[];
  /** What the editor shows: confirmedText with inFlight and queued applied. */
  text: string;
}

export interface RemoteChange {
  rev: number;
  ops: ScriptOp[];
  editId?: string | undefined;
}

export type ReceiveOutcome =
  | { kind: 'applied'; sync: ScriptSync; /** To apply to the shown text (empty for our own echo). */ shown: ScriptOp[] }
  | { kind: 'stale' }
  /** The shown text can no longer be derived: reload it from the host. */
  | { kind: 'reload'; reason: 'gap' | 'overlap' };

const applyText = (text: string, ops: readonly ScriptOp[]): string => applyScriptOps({ fountain: text }, ops).content.fountain;

export function startSync(text: string, rev: number): ScriptSync {
  return { confirmedText: text, rev, inFlight: null, queued: [], text };
}

/** A local edit: shown at once, queued to send. Merges into the last queued edit of the same group. */
export function localEdit(sync: ScriptSync, edit: LocalEdit): ScriptSync {
  const text = applyText(sync.text, edit.ops);
  const last = sync.queued.at(-1);
  if (last && edit.group !== undefined && last.group === edit.group && last.ops.length + edit.ops.length <= 1000) {
    return { ...sync, text, queued: [...sync.queued.slice(0, -1), { ...last, ops: [...last.ops, ...edit.ops] }] };
  }
  return { ...sync, text, queued: [...sync.queued, edit] };
}

/** Takes the next edit to send (none while one is in flight). */
export function nextToSend(sync: ScriptSync): { sync: ScriptSync; edit: LocalEdit } | null {
  if (sync.inFlight || sync.queued.length === 0) return null;
  const [edit, ...rest] = sync.queued;
  return edit ? { sync: { ...sync, inFlight: edit, queued: rest }, edit } : null;
}

export function receive(sync: ScriptSync, change: RemoteChange): ReceiveOutcome {
  if (change.rev <= sync.rev) return { kind: 'stale' };
  if (change.rev !== sync.rev + 1) return { kind: 'reload', reason: 'gap' };
  const confirmedText = applyText(sync.confirmedText, change.ops);
  if (sync.inFlight && change.editId === sync.inFlight.editId) {
    const next: ScriptSync = { ...sync, confirmedText, rev: change.rev, inFlight: null };
    // The host may have moved our edit; the shown text must still be confirmed + queued.
    if (applyText(confirmedText, next.queued.flatMap((e) => e.ops)) !== sync.text) return { kind: 'reload', reason: 'overlap' };
    return { kind: 'applied', sync: next, shown: [] };
  }
  try {
    const pending = [...(sync.inFlight ? [sync.inFlight] : []), ...sync.queued];
    const shown = rebaseScriptOps(change.ops, pending.flatMap((e) => e.ops));
    // Each pending edit moves over the change, the later ones also over the earlier ones' moves.
    let over = change.ops;
    const moved = pending.map((edit) => {
      const ops = rebaseScriptOps(edit.ops, over);
      over = rebaseScriptOps(over, edit.ops);
      return { ...edit, ops };
    });
    const inFlight = sync.inFlight ? (moved[0] ?? null) : null;
    const queued = sync.inFlight ? moved.slice(1) : moved;
    const text = applyText(sync.text, shown);
    if (applyText(confirmedText, moved.flatMap((e) => e.ops)) !== text) return { kind: 'reload', reason: 'overlap' };
    return { kind: 'applied', sync: { confirmedText, rev: change.rev, inFlight, queued, text }, shown };
  } catch (err) {
    if (err instanceof ScriptOpError) return { kind: 'reload', reason: 'overlap' };
    throw err;
  }
}

/**
 * After a reload (reconnect, conflict): the host's text at its rev. Unsent edits survive when the
 * host's text tells what became of the in-flight one: not applied (resend it) or applied (drop it).
 * Otherwise they are lost, and `lost` says so.
 */
export function reloaded(sync: ScriptSync, hostText: string, hostRev: number): { sync: ScriptSync; lost: boolean } {
  const fresh = startSync(hostText, hostRev);
  const pending = [...(sync.inFlight ? [sync.inFlight] : []), ...sync.queued];
  if (pending.length === 0) return { sync: fresh, lost: false };
  const candidates: LocalEdit[][] = [];
  if (hostText === sync.confirmedText) candidates.push(pending);
  if (sync.inFlight && hostText === applyText(sync.confirmedText, sync.inFlight.ops)) candidates.push(sync.queued);
  for (const queued of candidates) {
    try {
      const text = applyText(hostText, queued.flatMap((e) => e.ops));
      return { sync: { ...fresh, queued, text }, lost: false };
    } catch {
      // Does not apply: lost below.
    }
  }
  return { sync: fresh, lost: true };
}

/** One replacement of the whole shown text, for an editor to take a reloaded text in one step. */
export function replaceAll(before: string, after: string): ScriptOp[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return [{ type: 'replaceText', from: start, to: before.length - end, text: after.slice(start, after.length - end) }];
}
