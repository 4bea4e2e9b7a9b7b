import { describe, expect, it } from 'vitest';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { emptySequence } from '../../shared/music/note-sequence';
import type { SongOp } from '../../shared/music/song-ops';
import { catchUp, historyLabels, receiveChange, type ApplyOps, type DocMirror, type DocumentChange } from './document-logic';

// A stand-in for applySongOps that understands renaming the first track: enough to see order.
const apply: ApplyOps = (song: NoteSequence, ops: SongOp[]) => {
  let next = song;
  for (const op of ops) {
    if (op.type !== 'updateTrack' || op.changes.name === undefined) throw new Error('unsupported');
    const name = op.changes.name;
    next = { ...next, tracks: next.tracks.map((t) => (t.id === op.trackId ? { ...t, name } : t)) };
  }
  return { song: next };
};

const history = { canUndo: true, canRedo: false, undoLabel: 'Rename track', redoLabel: null };
const track = { id: 't1', name: 'Piano', program: 0, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [] };
const mirror: DocMirror = {
  info: { id: 'd1' as never, projectId: 'p1' as never, kind: 'song', name: 'Song', rev: 3, createdAt: 0, updatedAt: 0 },
  content: { ...emptySequence(), tracks: [track] },
  rev: 3,
  history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
};
const rename = (rev: number, name: string): DocumentChange => ({
  docId: 'd1',
  rev,
  reason: 'edit',
  history,
  ops: [{ type: 'updateTrack', trackId: 't1', changes: { name } }],
});

describe('the document mirror', () => {
  it('applies the next revision, with its history', () => {
    const outcome = receiveChange(mirror, rename(4, 'Keys'), apply);
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.mirror.rev).toBe(4);
    expect(outcome.mirror.info.rev).toBe(4);
    expect(outcome.mirror.content.tracks[0]?.name).toBe('Keys');
    expect(outcome.mirror.history).toEqual(history);
    expect(mirror.content.tracks[0]?.name).toBe('Piano'); // never mutated
  });

  it('skips what it has, asks to reopen on a gap or a change that does not apply', () => {
    expect(receiveChange(mirror, rename(3, 'Old'), apply).kind).toBe('stale');
    expect(receiveChange(mirror, rename(2, 'Older'), apply).kind).toBe('stale');
    expect(receiveChange(mirror, { ...rename(4, 'x'), docId: 'other' }, apply).kind).toBe('stale');
    expect(receiveChange(mirror, rename(5, 'Skipped one'), apply).kind).toBe('gap');
    const bad: DocumentChange = { ...rename(4, 'x'), ops: [{ type: 'removeTrack', trackId: 't1' }] };
    expect(receiveChange(mirror, bad, apply).kind).toBe('broken');
  });

  it('catches up on events that raced the open, in rev order', () => {
    const result = catchUp(mirror, [rename(5, 'Third'), rename(3, 'Already in'), rename(4, 'Second')], apply);
    expect(result.reopen).toBe(false);
    expect(result.mirror.rev).toBe(5);
    expect(result.mirror.content.tracks[0]?.name).toBe('Third');
    expect(catchUp(mirror, [rename(6, 'Gap')], apply).reopen).toBe(true);
  });

  it('labels the Undo and Redo buttons with what they do', () => {
    expect(historyLabels(history)).toEqual({ undo: 'Undo Rename track', redo: 'Redo' });
    expect(historyLabels({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Move 3 notes' })).toEqual({ undo: 'Undo', redo: 'Redo Move 3 notes' });
    expect(historyLabels(null)).toEqual({ undo: 'Undo', redo: 'Redo' });
  });
});
