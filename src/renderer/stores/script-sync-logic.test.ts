import { describe, expect, it } from 'vitest';
import type { ScriptOp } from '../../shared/script/script-ops';
import { localEdit, nextToSend, receive, reloaded, replaceAll, startSync, type ScriptSync } from './script-sync-logic';

const r = (from: number, to: number, text: string): ScriptOp => ({ type: 'replaceText', from, to, text });
const edit = (editId: string, ops: ScriptOp[], group?: string) => ({ editId, ops, label: 'Typing', ...(group ? { group } : {}) });

function applied(outcome: ReturnType<typeof receive>): { sync: ScriptSync; shown: ScriptOp[] } {
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome;
}

describe('script sync', () => {
  it('shows local edits at once, sends one at a time, and takes its own echo without changing the text', () => {
    let sync = localEdit(startSync('INT. HOUSE', 3), edit('a', [r(10, 10, ' - DAY')], 'g'));
    sync = localEdit(sync, edit('b', [r(16, 16, '\n')], 'g'));
    expect(sync.text).toBe('INT. HOUSE - DAY\n');
    expect(sync.queued).toHaveLength(1); // the same group merges
    const sent = nextToSend(sync);
    expect(sent?.edit.ops).toHaveLength(2);
    expect(nextToSend(sent!.sync)).toBeNull();
    const echo = applied(receive(sent!.sync, { rev: 4, ops: sent!.edit.ops, editId: 'a' }));
    expect(echo.shown).toEqual([]);
    expect(echo.sync).toMatchObject({ confirmedText: 'INT. HOUSE - DAY\n', rev: 4, inFlight: null, text: 'INT. HOUSE - DAY\n' });
  });

  it('moves another window’s change over local edits not yet acknowledged', () => {
    let sync = localEdit(startSync('aaa bbb', 1), edit('mine', [r(7, 7, '!')]));
    sync = nextToSend(sync)!.sync;
    sync = localEdit(sync, edit('mine2', [r(8, 8, '?')]));
    const theirs = applied(receive(sync, { rev: 2, ops: [r(0, 3, 'AAAAA')] }));
    expect(theirs.sync.text).toBe('AAAAA bbb!?');
    expect(theirs.shown).toEqual([r(0, 3, 'AAAAA')]);
    // The host rebases the in-flight edit the same way, and its echo confirms it.
    const echo = applied(receive(theirs.sync, { rev: 3, ops: theirs.sync.inFlight!.ops, editId: 'mine' }));
    expect(echo.sync.confirmedText).toBe('AAAAA bbb!');
    expect(echo.sync.text).toBe('AAAAA bbb!?');
  });

  it('asks for a reload on a gap in revisions or overlapping edits, and ignores old events', () => {
    const sync = nextToSend(localEdit(startSync('abcdef', 5), edit('m', [r(2, 4, 'X')])))!.sync;
    expect(receive(sync, { rev: 5, ops: [] }).kind).toBe('stale');
    expect(receive(sync, { rev: 7, ops: [] })).toEqual({ kind: 'reload', reason: 'gap' });
    expect(receive(sync, { rev: 6, ops: [r(3, 5, 'Y')] })).toEqual({ kind: 'reload', reason: 'overlap' });
  });

  it('after a reload keeps unsent edits when the host text says what became of the one in flight', () => {
    let sync = localEdit(startSync('one', 1), edit('a', [r(3, 3, ' two')]));
    sync = nextToSend(sync)!.sync;
    sync = localEdit(sync, edit('b', [r(7, 7, ' three')]));
    // Not applied: both are kept.
    expect(reloaded(sync, 'one', 1)).toMatchObject({ lost: false, sync: { text: 'one two three', queued: [{ editId: 'a' }, { editId: 'b' }] } });
    // Applied: only the queued one remains.
    expect(reloaded(sync, 'one two', 2)).toMatchObject({ lost: false, sync: { text: 'one two three', queued: [{ editId: 'b' }] } });
    // Something else: the host's text wins and the loss is reported.
    expect(reloaded(sync, 'uno', 2)).toMatchObject({ lost: true, sync: { text: 'uno', queued: [] } });
  });

  it('replaces a whole text by its changed middle only', () => {
    expect(replaceAll('INT. HOUSE - DAY', 'INT. BARN - DAY')).toEqual([r(5, 10, 'BARN')]);
    expect(replaceAll('same', 'same')).toEqual([]);
  });
});
