// The pure rules of the open-document mirror (documents-store.ts): which change events apply, in
// what order, and when the mirror has lost track and must be reopened. The host numbers every
// change (rev); the mirror applies exactly rev + 1 and nothing else, so two windows on one song
// converge on the host's content without the renderer ever guessing.
import type { DocumentInfo, HistoryState } from '../../shared/api/documents';
import type { StudioEvents } from '../../shared/api/events';
import type { NoteSequence } from '../../shared/music/note-sequence';
import type { SongOp } from '../../shared/music/song-ops';

export interface DocMirror {
  info: DocumentInfo;
  content: NoteSequence;
  rev: number;
  history: HistoryState;
}

export type DocumentChange = StudioEvents['onDocumentChanged'];

/** Applies ops to a song; the shared applySongOps in the app, a stand-in in tests. */
export type ApplyOps = (song: NoteSequence, ops: SongOp[]) => { song: NoteSequence };

export type ChangeOutcome =
  | { kind: 'applied'; mirror: DocMirror }
  /** Already in the mirror (an event that raced the open, or a duplicate). */
  | { kind: 'stale' }
  /** A change is missing between the mirror and this one: reopen. */
  | { kind: 'gap' }
  /** The ops did not apply to the mirror's content (it drifted): reopen. */
  | { kind: 'broken'; error: unknown };

export function receiveChange(mirror: DocMirror, change: DocumentChange, apply: ApplyOps): ChangeOutcome {
  if (change.docId !== mirror.info.id || change.rev <= mirror.rev) return { kind: 'stale' };
  if (change.rev !== mirror.rev + 1) return { kind: 'gap' };
  try {
    const { song } = apply(mirror.content, change.ops);
    return { kind: 'applied', mirror: { ...mirror, content: song, rev: change.rev, history: change.history, info: { ...mirror.info, rev: change.rev } } };
  } catch (error) {
    return { kind: 'broken', error };
  }
}

/**
 * Applies the events that arrived while `open` was in flight (the host subscribes before it reads,
 * so some may already be in the opened content). Sorted by rev; stops at the first gap.
 */
export function catchUp(mirror: DocMirror, buffered: readonly DocumentChange[], apply: ApplyOps): { mirror: DocMirror; reopen: boolean } {
  let current = mirror;
  for (const change of [...buffered].sort((a, b) => a.rev - b.rev)) {
    const outcome = receiveChange(current, change, apply);
    if (outcome.kind === 'applied') current = outcome.mirror;
    else if (outcome.kind !== 'stale') return { mirror: current, reopen: true };
  }
  return { mirror: current, reopen: false };
}

/** The Undo/Redo buttons' text: "Undo Move 3 notes", or plain "Undo" when there is nothing. */
export function historyLabels(history: HistoryState | null): { undo: string; redo: string } {
  return {
    undo: history?.canUndo && history.undoLabel ? `Undo ${history.undoLabel}` : 'Undo',
    redo: history?.canRedo && history.redoLabel ? `Redo ${history.redoLabel}` : 'Redo',
  };
}

/** Edits in one gesture share a group id so they undo as one step; ids are short and random. */
export function newGroupId(random: () => number = Math.random): string {
  return `g-${Math.floor(random() * 2 ** 48).toString(36)}-${Date.now().toString(36)}`;
}
