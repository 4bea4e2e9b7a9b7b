import { describe, expect, it } from 'vitest';
import { createIncrementalParser } from '../../../shared/script/fountain-incremental';
import { parseFountain } from '../../../shared/script/fountain-parse';
import { looksLikeCue } from './cycling-logic';
import { lineKinds, readsAsCue, showsContd, type LineHint, type LineKind, type TextLine } from './parsed-lines-logic';

function linesOf(text: string): TextLine[] {
  const out: TextLine[] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    out.push({ from, to: from + line.length, text: line });
    from += line.length + 1;
  }
  return out;
}

/** Kinds of every line; `hint` names a line by its 0-based number. */
const kinds = (text: string, hint?: { line: number; kind: LineKind }): LineKind[] => {
  const lines = linesOf(text);
  const h: LineHint | null = hint ? { from: lines[hint.line]!.from, kind: hint.kind } : null;
  return lineKinds(parseFountain(text), lines, h).map((k) => k.kind);
};

/** 0-based lines whose cue gets (CONT'D). */
const contd = (text: string): number[] => {
  const parsed = parseFountain(text);
  const lines = linesOf(text);
  return lineKinds(parsed, lines)
    .map((k, i) => (k.kind === 'character' && showsContd(parsed, k.element) ? i : -1))
    .filter((i) => i >= 0);
};

describe('the line kinds of the live layout, from the parse', () => {
  it('reads a scene with action, a cue, a parenthetical, dialogue and a transition', () => {
    const text = ['INT. KITCHEN - NIGHT', '', 'Brick opens the fridge.', '', 'BRICK', '(quietly)', 'Nothing.', '', 'CUT TO:', '', 'EXT. ROOF - DAY'].join('\n');
    expect(kinds(text)).toEqual(['sceneHeading', 'blank', 'action', 'blank', 'character', 'parenthetical', 'dialogue', 'blank', 'transition', 'blank', 'sceneHeading']);
  });

  it('knows forced elements, sections, synopses, notes, centered text and page breaks', () => {
    const text = ['# Act One', '', '.BRIDGE', '', '= They meet.', '', '[[a note]]', '', '>THE END<', '', '===', '', '@McCLANE', 'Yippee.', '', '!LOUD NOISES', '', '> FADE OUT.'].join('\n');
    expect(kinds(text)).toEqual(['section', 'blank', 'sceneHeading', 'blank', 'synopsis', 'blank', 'note', 'blank', 'centered', 'blank', 'pageBreak', 'blank', 'character', 'dialogue', 'blank', 'action', 'blank', 'transition']);
  });

  it('gives every line of an element its kind: action and dialogue over several lines, a boneyard', () => {
    const text = ['One line.', 'Two lines.', '', 'BRICK', 'Hello there.', 'And more.', '', '/* cut', '', 'EXT. GONE - DAY', '*/', '', 'After.'].join('\n');
    expect(kinds(text)).toEqual(['action', 'action', 'blank', 'character', 'dialogue', 'dialogue', 'blank', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'blank', 'action']);
  });

  it('needs a line after a cue: an upper-case line alone is action', () => {
    expect(kinds('\nTHE DOOR SLAMS.\n\nMore.')).toEqual(['blank', 'action', 'blank', 'action']);
  });

  it('applies the hint: the element Enter or Tab chose for the cursor line, and the cue above empty dialogue', () => {
    expect(kinds('\nBRICK\n', { line: 2, kind: 'dialogue' })).toEqual(['blank', 'character', 'dialogue']);
    expect(kinds('Action.\n\n', { line: 2, kind: 'character' })).toEqual(['action', 'blank', 'character']);
    // Tab made this line of action a cue: it is one while the cursor is on it.
    expect(kinds('Action.\n\nBRICK', { line: 2, kind: 'character' })).toEqual(['action', 'blank', 'character']);
    // An action hint gives way once the line has text.
    expect(kinds('\next. roof - day', { line: 1, kind: 'action' })).toEqual(['blank', 'sceneHeading']);
    // Not a cue above: a sentence, or the last line of a paragraph of action.
    expect(kinds('\nHe waits.\n', { line: 2, kind: 'dialogue' })).toEqual(['blank', 'action', 'dialogue']);
    expect(kinds('\nHe waits.\nBRICK\n', { line: 3, kind: 'dialogue' })).toEqual(['blank', 'action', 'action', 'dialogue']);
  });

  it('maps only the lines asked for, in the middle of the text', () => {
    const text = 'Action.\n\nBRICK\nHello there.\nAnd more.';
    const lines = linesOf(text);
    expect(lineKinds(parseFountain(text), lines.slice(4)).map((k) => k.kind)).toEqual(['dialogue']);
    expect(lineKinds(parseFountain(text), [lines[0]!, lines[3]!]).map((k) => k.kind)).toEqual(['action', 'dialogue']);
  });

  it('finds the title page', () => {
    expect(kinds('Title: Brick & Steel\nAuthor: Me\n\nINT. A - DAY')).toEqual(['titlePage', 'titlePage', 'blank', 'sceneHeading']);
    expect(kinds('INT. A - DAY')).toEqual(['sceneHeading']);
  });

  it('follows an incremental parse as the text is typed', () => {
    const parser = createIncrementalParser();
    let text = 'INT. A - DAY\n\nBrick waits.\n\nSTEEL\nNow.';
    expect(lineKinds(parser.parse(text), linesOf(text)).map((k) => k.kind)).toEqual(['sceneHeading', 'blank', 'action', 'blank', 'character', 'dialogue']);
    text = 'INT. A - DAY\n\nBrick waits.\n\nSTEEL\nNow.\n\nEXT. B - NIGHT';
    expect(lineKinds(parser.parse(text), linesOf(text)).map((k) => k.kind).slice(-2)).toEqual(['blank', 'sceneHeading']);
    text = 'INT. A - DAY\n\nBrick waits.\nSTEEL\nNow.\n\nEXT. B - NIGHT';
    expect(lineKinds(parser.parse(text), linesOf(text)).map((k) => k.kind)).toEqual(['sceneHeading', 'blank', 'action', 'action', 'action', 'blank', 'sceneHeading']);
  });

  it('tells cue names apart from sentences', () => {
    expect(readsAsCue('BRICK (V.O.)')).toBe(true);
    expect(readsAsCue("BRICK (cont'd)")).toBe(true);
    expect(readsAsCue('@McCLANE')).toBe(true);
    expect(readsAsCue('Brick')).toBe(false);
    expect(readsAsCue('CUT TO:')).toBe(false);
    expect(looksLikeCue('BRICK')).toBe(true);
    expect(looksLikeCue('THE DOOR SLAMS.')).toBe(false);
    expect(looksLikeCue('INT. KITCHEN - DAY')).toBe(false);
  });
});

describe("(CONT'D)", () => {
  it('follows a cue whose character spoke the previous speech, with only action between', () => {
    const text = ['INT. A - DAY', '', 'BRICK', 'One.', '', 'He sits.', '', 'BRICK (V.O.)', 'Two.'].join('\n');
    expect(contd(text)).toEqual([7]);
  });

  it('not after another speaker, a new scene, a transition, for a dual cue, or when written already', () => {
    expect(contd(['BRICK', 'One.', '', 'STEEL', 'Two.', '', 'BRICK', 'Three.'].join('\n'))).toEqual([]);
    expect(contd(['BRICK', 'One.', '', 'EXT. B - DAY', '', 'BRICK', 'Two.'].join('\n'))).toEqual([]);
    expect(contd(['BRICK', 'One.', '', 'CUT TO:', '', 'BRICK', 'Two.'].join('\n'))).toEqual([]);
    expect(contd(['BRICK', 'One.', '', "BRICK (CONT'D)", 'Two.'].join('\n'))).toEqual([]);
    expect(contd(['BRICK', 'One.', '', 'BRICK ^', 'Two.'].join('\n'))).toEqual([]);
  });
});
