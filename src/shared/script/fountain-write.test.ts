import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFountain } from './fountain-parse';
import { writeFountain } from './fountain-write';
import type { Script, ScriptElement } from './script';
import { arbitraryRawScript, arbitraryScript } from './testing/arbitraries';

const write = (...elements: ScriptElement[]) => writeFountain({ titlePage: [], elements });

describe('writeFountain', () => {
  it('writes canonical Fountain', () => {
    const script: Script = {
      titlePage: [
        { key: 'Title', value: 'BRICK & STEEL\nFULL RETIRED' },
        { key: 'Author', value: 'Stu' },
        { key: 'Notes', value: '' },
      ],
      elements: [
        { type: 'sceneHeading', text: 'EXT. PATIO - DAY', forced: false, number: '1', color: 'red' },
        { type: 'action', text: 'A gorgeous day.', forced: false },
        { type: 'character', name: 'STEEL', extension: 'V.O.', forced: false, dual: false },
        { type: 'parenthetical', text: '(beer raised)' },
        { type: 'dialogue', text: 'To retirement.\n\nAll of it.' },
        { type: 'character', name: 'BRICK', forced: false, dual: true },
        { type: 'lyrics', text: 'La la' },
        { type: 'transition', text: 'CUT TO:', forced: false },
        { type: 'centered', text: 'THE END' },
        { type: 'pageBreak' },
        { type: 'section', depth: 2, text: 'Seq' },
        { type: 'synopsis', text: 'What happens.' },
        { type: 'note', text: 'A note.' },
        { type: 'boneyard', text: ' gone ' },
      ],
    };
    expect(writeFountain(script)).toBe(
      'Title:\n    BRICK & STEEL\n    FULL RETIRED\nAuthor: Stu\nNotes:\n\n' +
        'EXT. PATIO - DAY [[color red]] #1#\n\nA gorgeous day.\n\nSTEEL (V.O.)\n(beer raised)\nTo retirement.\n  \nAll of it.\n\n' +
        'BRICK ^\n~La la\n\nCUT TO:\n\n> THE END <\n\n===\n\n## Seq\n\n= What happens.\n\n[[A note.]]\n\n/* gone */\n',
    );
    expect(parseFountain(writeFountain(script)).script).toEqual(script);
  });
  it('forces what would read as something else', () => {
    expect(write({ type: 'action', text: 'INT. HOUSE', forced: false })).toBe('!INT. HOUSE\n');
    expect(write({ type: 'action', text: 'BRICK\nenters.', forced: false })).toBe('!BRICK\nenters.\n');
    expect(write({ type: 'action', text: 'CUT TO:', forced: false })).toBe('!CUT TO:\n');
    expect(write({ type: 'action', text: 'BANG!', forced: false })).toBe('BANG!\n');
    expect(write({ type: 'action', text: '~la', forced: false })).toBe('!~la\n');
    expect(write({ type: 'character', name: 'McCABE', forced: false, dual: false }, { type: 'dialogue', text: 'Hi.' })).toBe('@McCABE\nHi.\n');
    expect(write({ type: 'character', name: 'BRICK', forced: false, dual: false }, { type: 'dialogue', text: 'Hi.' })).toBe('BRICK\nHi.\n');
    expect(write({ type: 'sceneHeading', text: 'FLASHBACK', forced: false })).toBe('.FLASHBACK\n');
    expect(write({ type: 'sceneHeading', text: 'INT. HOUSE', forced: true })).toBe('.INT. HOUSE\n');
    expect(write({ type: 'transition', text: 'FADE OUT.', forced: false })).toBe('> FADE OUT.\n');
    expect(write({ type: 'action', text: 'Title: The Thing\nAuthor: Me', forced: false })).toBe('!Title: The Thing\nAuthor: Me\n');
  });
  it('writes nothing for an empty script', () => {
    expect(writeFountain({ titlePage: [], elements: [] })).toBe('');
  });
});

describe('writeFountain → parseFountain', () => {
  it('gives back every script Fountain can hold', () => {
    fc.assert(
      fc.property(arbitraryScript, (script) => {
        const text = writeFountain(script);
        const parsed = parseFountain(text);
        expect(parsed.script).toEqual(script);
        expect(parsed.problems).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
  it('keeps every element of any generated script, forcing where needed', () => {
    fc.assert(
      fc.property(arbitraryRawScript, (script) => {
        const back = parseFountain(writeFountain(script)).script;
        const unforced = (s: Script) => s.elements.map((e) => ('forced' in e ? { ...e, forced: false } : e));
        expect(unforced(back)).toEqual(unforced(script));
        expect(back.titlePage).toEqual(script.titlePage);
      }),
      { numRuns: 500 },
    );
  });
  it('writes text that is stable: write(parse(write(s))) = write(s)', () => {
    fc.assert(
      fc.property(arbitraryRawScript, (script) => {
        const text = writeFountain(script);
        expect(writeFountain(parseFountain(text).script)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
