import { describe, expect, it } from 'vitest';
import { applyScriptOps, rebaseScriptOps, scriptOpSchema, ScriptOpError, type ScriptOp } from './script-ops';

const replace = (from: number, to: number, text: string): ScriptOp => ({ type: 'replaceText', from, to, text });
const apply = (text: string, ops: ScriptOp[]) => applyScriptOps({ fountain: text }, ops).content.fountain;

describe('script ops', () => {
  it('applies replacements in order and returns an inverse that restores the text', () => {
    const before = 'INT. HOUSE - DAY\n\nBRICK sits.\n';
    const ops = [replace(5, 10, 'BARN'), replace(0, 0, 'Title: X\n\n')];
    const { content, inverse } = applyScriptOps({ fountain: before }, ops);
    expect(content.fountain).toBe('Title: X\n\nINT. BARN - DAY\n\nBRICK sits.\n');
    expect(apply(content.fountain, inverse)).toBe(before);
  });

  it('refuses an edit past the end, and a replacement that ends before it starts', () => {
    expect(() => applyScriptOps({ fountain: 'abc' }, [replace(2, 9, '')])).toThrow(ScriptOpError);
    expect(scriptOpSchema.safeParse(replace(4, 2, '')).success).toBe(false);
  });

  it('rebases an edit over changes elsewhere and refuses one over the same text', () => {
    const base = 'aaa bbb ccc';
    const since = [replace(0, 3, 'AAAAA')];
    const mine = [replace(8, 11, 'CCC')];
    const rebased = rebaseScriptOps(mine, since);
    expect(apply(apply(base, since), rebased)).toBe('AAAAA bbb CCC');
    expect(() => rebaseScriptOps([replace(1, 5, 'x')], since)).toThrow(ScriptOpError);
  });

  it('rebases a multi-op edit (a scene moved) whose later ops see the earlier ones', () => {
    const base = 'one\ntwo\nthree\n';
    // Move "two\n" to the end: delete it, then insert it where "three\n" now ends.
    const mine = [replace(4, 8, ''), replace(10, 10, 'two\n')];
    expect(apply(base, mine)).toBe('one\nthree\ntwo\n');
    const since = [replace(0, 0, 'zero\n')];
    expect(apply(apply(base, since), rebaseScriptOps(mine, since))).toBe('zero\none\nthree\ntwo\n');
  });

  it('puts a stale insert after an insert made at the same place meanwhile', () => {
    const since = [replace(3, 3, 'X')];
    expect(apply(apply('abcdef', since), rebaseScriptOps([replace(3, 3, 'Y')], since))).toBe('abcXYdef');
  });
});
