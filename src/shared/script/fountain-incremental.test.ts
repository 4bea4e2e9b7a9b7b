import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIncrementalParser } from './fountain-incremental';
import { parseFountain } from './fountain-parse';
import { writeFountain } from './fountain-write';
import { applyEdit, arbitraryEdit, arbitraryRawScript } from './testing/arbitraries';

describe('createIncrementalParser', () => {
  it('equals parseFountain after each of a series of random edits', () => {
    fc.assert(
      fc.property(arbitraryRawScript, fc.array(arbitraryEdit, { minLength: 1, maxLength: 8 }), (script, edits) => {
        const parser = createIncrementalParser();
        let text = writeFountain(script);
        expect(parser.parse(text)).toEqual(parseFountain(text));
        for (const edit of edits) {
          text = applyEdit(text, edit);
          expect(parser.parse(text)).toEqual(parseFountain(text));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('follows notes and boneyards opened and closed far from the edit', () => {
    const parser = createIncrementalParser();
    const base = 'INT. HOUSE\n\nBRICK\nHi.\n\nAction.\n\nSTEEL\n(beat)\nBye.\n\nEXT. YARD\n';
    const steps = [base, base.replace('Action.', '/* Action.'), base.replace('Action.', '/* Action.').replace('Bye.', 'Bye. */'), base.replace('Hi.', 'Hi. [['), base.replace('Hi.', 'Hi. [[').replace('(beat)', '(beat) ]]'), base];
    for (const text of steps) expect(parser.parse(text)).toEqual(parseFountain(text));
  });

  it('returns elements the caller may change without affecting later results', () => {
    const parser = createIncrementalParser();
    const text = 'BRICK\nHi.\n\nAction.\n';
    const first = parser.parse(text);
    (first.script.elements[1] as { text: string }).text = 'changed';
    expect(parser.parse(text + '\nMore.\n').script.elements[1]).toEqual({ type: 'dialogue', text: 'Hi.' });
  });
});
