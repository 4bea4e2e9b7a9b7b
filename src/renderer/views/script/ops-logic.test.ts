import { describe, expect, it } from 'vitest';
import { applyScriptOps } from '../../../shared/script/script-ops';
import { applyOps, changesToOps, continuesBurst, labelOf } from './ops-logic';

describe('editor changes to script ops', () => {
  it('shifts each change by the length the earlier ones added or removed', () => {
    const before = 'one two three four';
    // Two changes of one transaction, positions in the text before it: "two" → "2", "four" → "FOUR!".
    const ops = changesToOps([
      { fromA: 4, toA: 7, inserted: '2' },
      { fromA: 14, toA: 18, inserted: 'FOUR!' },
    ]);
    expect(ops).toEqual([
      { type: 'replaceText', from: 4, to: 7, text: '2' },
      { type: 'replaceText', from: 12, to: 16, text: 'FOUR!' },
    ]);
    expect(applyOps(before, ops)).toBe('one 2 three FOUR!');
    expect(applyScriptOps({ fountain: before }, ops).content.fountain).toBe('one 2 three FOUR!');
  });

  it('drops empty changes and refuses ops that do not fit', () => {
    expect(changesToOps([{ fromA: 3, toA: 3, inserted: '' }])).toEqual([]);
    expect(() => applyOps('abc', [{ type: 'replaceText', from: 2, to: 9, text: '' }])).toThrow(RangeError);
  });

  it('labels edits by what the user did', () => {
    expect(labelOf([{ type: 'replaceText', from: 1, to: 1, text: 'a' }], 'input.type')).toBe('Typing');
    expect(labelOf([{ type: 'replaceText', from: 1, to: 2, text: '' }], 'delete.backward')).toBe('Delete text');
    expect(labelOf([{ type: 'replaceText', from: 1, to: 1, text: 'abc' }], 'input.paste')).toBe('Paste');
  });

  it('groups a burst of typing, and starts anew after a pause, a jump, another kind of edit or a new element', () => {
    const burst = { group: 'g', at: 1000, end: 10, label: 'Typing' };
    expect(continuesBurst(burst, { at: 1500, from: 10, label: 'Typing', newElement: false })).toBe(true);
    expect(continuesBurst(burst, { at: 2100, from: 10, label: 'Typing', newElement: false })).toBe(false);
    expect(continuesBurst(burst, { at: 1500, from: 40, label: 'Typing', newElement: false })).toBe(false);
    expect(continuesBurst(burst, { at: 1500, from: 9, label: 'Delete text', newElement: false })).toBe(false);
    expect(continuesBurst(burst, { at: 1500, from: 10, label: 'Typing', newElement: true })).toBe(false);
    expect(continuesBurst(null, { at: 1500, from: 10, label: 'Typing', newElement: false })).toBe(false);
  });
});
