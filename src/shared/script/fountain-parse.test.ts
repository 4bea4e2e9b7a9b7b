import { describe, expect, it } from 'vitest';
import { normalizeNewlines, parseFountain } from './fountain-parse';
import type { ScriptElement } from './script';

const els = (text: string): ScriptElement[] => parseFountain(text).script.elements;
const types = (text: string) => els(text).map((e) => e.type);

describe('parseFountain: title page', () => {
  it('reads keys with inline and indented multi-line values', () => {
    const p = parseFountain('Title:\n\t_**BRICK & STEEL**_\n    FULL RETIRED\nCredit: Written by\nAuthor: Stu\nContact:\n   1588 Mission Dr.\n\tSolvang\n\nINT. HOUSE - DAY\n');
    expect(p.script.titlePage).toEqual([
      { key: 'Title', value: '_**BRICK & STEEL**_\nFULL RETIRED' },
      { key: 'Credit', value: 'Written by' },
      { key: 'Author', value: 'Stu' },
      { key: 'Contact', value: '1588 Mission Dr.\nSolvang' },
    ]);
    expect(p.script.elements).toEqual([{ type: 'sceneHeading', text: 'INT. HOUSE - DAY', forced: false }]);
  });
  it('keeps an inline first value with more lines, and lower-case keys', () => {
    expect(parseFountain('title: A\n    B\nauthor: C\n').script.titlePage).toEqual([
      { key: 'title', value: 'A\nB' },
      { key: 'author', value: 'C' },
    ]);
  });
  it('is only a title page with a known key or several keys, at the start', () => {
    expect(parseFountain('FADE IN:\n\nINT. HOUSE - DAY').script.titlePage).toEqual([]);
    expect(types('FADE IN:\n\nINT. HOUSE - DAY')).toEqual(['action', 'sceneHeading']);
    expect(parseFountain('Producer: X\nPhone: 1').script.titlePage).toHaveLength(2);
    expect(parseFountain('Some action.\n\nTitle: X').script.titlePage).toEqual([]);
  });
  it('may follow a note or boneyard at the very start', () => {
    const p = parseFountain('[[A note]]\n\nTitle: X\n\nAction.');
    expect(p.script.titlePage).toEqual([{ key: 'Title', value: 'X' }]);
    expect(types('[[A note]]\n\nTitle: X\n\nAction.')).toEqual(['note', 'action']);
  });
});

describe('parseFountain: scene headings', () => {
  it.each(['INT. HOUSE - DAY', 'EXT. HOUSE - DAY', 'EST. CITY - DAY', 'INT./EXT. CAR - DAY', 'INT/EXT CAR - DAY', 'I/E CAR - DAY', 'int. house - day', 'INT HOUSE'])('reads %s', (h) => {
    expect(els(`\n${h}\n\nAction.`)[0]).toEqual({ type: 'sceneHeading', text: h, forced: false });
  });
  it('does not take INTERIOR or a lone prefix word for a heading', () => {
    expect(types('INTERIOR shots follow.')).toEqual(['action']);
    expect(types('Estimates vary.')).toEqual(['action']);
  });
  it('forces with a single leading period followed by a letter or digit', () => {
    expect(els('.SNIPER SCOPE POV')[0]).toEqual({ type: 'sceneHeading', text: 'SNIPER SCOPE POV', forced: true });
    expect(els('.wnętrze')[0]).toEqual({ type: 'sceneHeading', text: 'wnętrze', forced: true });
    expect(els('...and then')[0]).toEqual({ type: 'action', text: '...and then', forced: false });
  });
  it('reads scene numbers and colour notes', () => {
    expect(els('INT. HOUSE - DAY #1A#')[0]).toEqual({ type: 'sceneHeading', text: 'INT. HOUSE - DAY', forced: false, number: '1A' });
    expect(els('INT. HOUSE - DAY [[color red]] #12#')[0]).toEqual({ type: 'sceneHeading', text: 'INT. HOUSE - DAY', forced: false, number: '12', color: 'red' });
    expect(els('INT. HOUSE - DAY #I-1-A# [[Colour: Light Blue]]')[0]).toEqual({
      type: 'sceneHeading',
      text: 'INT. HOUSE - DAY',
      forced: false,
      number: 'I-1-A',
      color: 'Light Blue',
    });
    expect(els('.FLASHBACK [[COLOR: green]]')[0]).toEqual({ type: 'sceneHeading', text: 'FLASHBACK', forced: true, color: 'green' });
    // Other notes stay in the text.
    expect(els('INT. HOUSE [[fix this]]')[0]).toMatchObject({ text: 'INT. HOUSE [[fix this]]' });
  });
  it('reads a heading directly followed by action', () => {
    expect(types('INT. HOUSE - DAY\nThe door opens.')).toEqual(['sceneHeading', 'action']);
  });
});

describe('parseFountain: action', () => {
  it('keeps line breaks, leading tabs and spaces', () => {
    expect(els('  He waits.\n\tAnd waits.\nAnd waits.')).toEqual([{ type: 'action', text: '  He waits.\n\tAnd waits.\nAnd waits.', forced: false }]);
  });
  it('forces with !', () => {
    expect(els('!SCANNING THE AISLES...\nWhere is that pit boss?')).toEqual([{ type: 'action', text: 'SCANNING THE AISLES...\nWhere is that pit boss?', forced: true }]);
    expect(els('!INT. ACTION')[0]).toEqual({ type: 'action', text: 'INT. ACTION', forced: true });
  });
  it('reads an all-caps line alone as action (a cue needs dialogue)', () => {
    expect(els('BANG!\n\nHe falls.')).toEqual([
      { type: 'action', text: 'BANG!', forced: false },
      { type: 'action', text: 'He falls.', forced: false },
    ]);
  });
  it('keeps a two-space line inside action', () => {
    expect(els('One.\n  \nTwo.')).toEqual([{ type: 'action', text: 'One.\n  \nTwo.', forced: false }]);
    expect(types('One.\n  \n\nTwo.')).toEqual(['action', 'action']);
  });
});

describe('parseFountain: dialogue blocks', () => {
  it('reads cue, parenthetical, dialogue', () => {
    expect(els('STEEL\n(beer raised)\nTo retirement.\nAll of it.')).toEqual([
      { type: 'character', name: 'STEEL', forced: false, dual: false },
      { type: 'parenthetical', text: '(beer raised)' },
      { type: 'dialogue', text: 'To retirement.\nAll of it.' },
    ]);
  });
  it('reads extensions, dual dialogue and forced cues', () => {
    expect(els('BRICK (V.O.)\nHi.')[0]).toEqual({ type: 'character', name: 'BRICK', extension: 'V.O.', forced: false, dual: false });
    expect(els("BRICK (O.S.) (CONT'D) ^\nHi.")[0]).toEqual({ type: 'character', name: 'BRICK', extension: "O.S.) (CONT'D", forced: false, dual: true });
    expect(els('HANS (on the radio)\nHi.')[0]).toEqual({ type: 'character', name: 'HANS', extension: 'on the radio', forced: false, dual: false });
    expect(els('@McCABE\nHi.')[0]).toEqual({ type: 'character', name: 'McCABE', forced: true, dual: false });
    expect(els('R2D2\nBeep.')[0]).toMatchObject({ type: 'character', name: 'R2D2' });
    expect(types('McCABE\nHi.')).toEqual(['action']);
    expect(types('2001\nA year.')).toEqual(['action']);
  });
  it('ignores indentation of cues and dialogue', () => {
    expect(els('\t\t\tJACK\n\t\t(in Vietnamese)\n\t*Did you know?*')).toEqual([
      { type: 'character', name: 'JACK', forced: false, dual: false },
      { type: 'parenthetical', text: '(in Vietnamese)' },
      { type: 'dialogue', text: '*Did you know?*' },
    ]);
  });
  it('keeps a blank line written as two spaces inside dialogue', () => {
    expect(els('DEALER\nTen.\nFour.\n  \nHit or stand sir?\n\nMONKEY\nDude.')).toEqual([
      { type: 'character', name: 'DEALER', forced: false, dual: false },
      { type: 'dialogue', text: 'Ten.\nFour.\n\nHit or stand sir?' },
      { type: 'character', name: 'MONKEY', forced: false, dual: false },
      { type: 'dialogue', text: 'Dude.' },
    ]);
  });
  it('reads lyrics inside and outside dialogue', () => {
    expect(els('@McCABE\n~Happy birthday\n~to you!\nThanks.')).toEqual([
      { type: 'character', name: 'McCABE', forced: true, dual: false },
      { type: 'lyrics', text: 'Happy birthday\nto you!' },
      { type: 'dialogue', text: 'Thanks.' },
    ]);
    expect(els('~Willy Wonka!\n~The amazing chocolatier!')).toEqual([{ type: 'lyrics', text: 'Willy Wonka!\nThe amazing chocolatier!' }]);
  });
});

describe('parseFountain: other elements', () => {
  it('reads transitions, plain and forced', () => {
    expect(els('Text.\n\nCUT TO:\n\nINT. HOUSE')[1]).toEqual({ type: 'transition', text: 'CUT TO:', forced: false });
    expect(els('\t\t\t\tSMASH CUT TO:')[0]).toEqual({ type: 'transition', text: 'SMASH CUT TO:', forced: false });
    expect(els('> Burn to White.')[0]).toEqual({ type: 'transition', text: 'Burn to White.', forced: true });
    expect(types('Cut to:')).toEqual(['action']);
  });
  it('reads centered text', () => {
    expect(els('> THE END <')).toEqual([{ type: 'centered', text: 'THE END' }]);
    expect(els('> BRICK <\n>& STEEL<')).toEqual([{ type: 'centered', text: 'BRICK\n& STEEL' }]);
  });
  it('reads page breaks, sections, synopses', () => {
    expect(els('===\n\n# Act I\n\n## Seq\n\n= What happens.\n= More.')).toEqual([
      { type: 'pageBreak' },
      { type: 'section', depth: 1, text: 'Act I' },
      { type: 'section', depth: 2, text: 'Seq' },
      { type: 'synopsis', text: 'What happens.\nMore.' },
    ]);
    expect(els('=====')).toEqual([{ type: 'pageBreak' }]);
  });
  it('reads standalone notes, also over several lines and blank lines; inline notes stay in text', () => {
    expect(els('[[A note.]]')).toEqual([{ type: 'note', text: 'A note.' }]);
    expect(els('[[Long\n\n...note]]\n\nAction.')).toEqual([
      { type: 'note', text: 'Long\n\n...note' },
      { type: 'action', text: 'Action.', forced: false },
    ]);
    expect(els('He enters. [[Or does he?\nMaybe.]] Then sits.')).toEqual([{ type: 'action', text: 'He enters. [[Or does he?\nMaybe.]] Then sits.', forced: false }]);
    expect(els('BRICK\nHi. [[note\n(not a parenthetical)]]')).toEqual([
      { type: 'character', name: 'BRICK', forced: false, dual: false },
      { type: 'dialogue', text: 'Hi. [[note\n(not a parenthetical)]]' },
    ]);
  });
  it('reads boneyards over many paragraphs, nested ones, and inline ones', () => {
    expect(els('/*\n\nINT. GONE\n\nBRICK\nBye. /* nested */\n\n*/\n\nAction.')).toEqual([
      { type: 'boneyard', text: '\n\nINT. GONE\n\nBRICK\nBye. /* nested */\n\n' },
      { type: 'action', text: 'Action.', forced: false },
    ]);
    expect(els('Action /*cut*/ more.')).toEqual([{ type: 'action', text: 'Action /*cut*/ more.', forced: false }]);
    // A boneyard opened in a paragraph keeps it going over blank lines.
    expect(els('Action /* cut\n\nINT. GONE\n\n*/ more.')).toEqual([{ type: 'action', text: 'Action /* cut\n\nINT. GONE\n\n*/ more.', forced: false }]);
  });
  it('keeps emphasis and escapes in the text', () => {
    expect(els('*italic* **bold** _under_ \\*not\\*')[0]).toMatchObject({ text: '*italic* **bold** _under_ \\*not\\*' });
  });
});

describe('parseFountain: problems and tolerance', () => {
  it('reports an unclosed boneyard and reads the rest normally', () => {
    const p = parseFountain('INT. HOUSE\n\nAction.\n\n/* half typed\n\nBRICK\nHi.\n');
    expect(p.problems).toEqual([{ line: 5, message: 'The boneyard opened on line 5 (/*) is never closed.' }]);
    expect(p.script.elements.map((e) => e.type)).toEqual(['sceneHeading', 'action', 'action', 'character', 'dialogue']);
  });
  it('reports an unclosed note', () => {
    const p = parseFountain('Action.\n\nMore [[ unfinished\n\nBRICK\nHi.');
    expect(p.problems).toEqual([{ line: 3, message: 'The note opened on line 3 ([[) is never closed.' }]);
    expect(p.script.elements.map((e) => e.type)).toEqual(['action', 'action', 'character', 'dialogue']);
  });
  it('keeps the closed pairs inside an unclosed boneyard', () => {
    const p = parseFountain('/* open\n\n/* closed */\n');
    expect(p.problems).toHaveLength(1);
    expect(p.script.elements).toEqual([
      { type: 'action', text: '/* open', forced: false },
      { type: 'boneyard', text: ' closed ' },
    ]);
  });
  it('reads an empty text and blank lines as nothing', () => {
    expect(parseFountain('')).toEqual({ script: { titlePage: [], elements: [] }, spans: [], problems: [], length: 0 });
    expect(parseFountain('\n\n  \n\t\n').script.elements).toEqual([]);
  });
});

describe('parseFountain: spans and line ends', () => {
  it('gives each element its range of the text', () => {
    const text = 'Title: X\n\nINT. HOUSE - DAY\n\n  Quiet.\n\nBRICK\n(beat)\nHello.\nAgain.\n\n!FORCED\n';
    const p = parseFountain(text);
    expect(p.spans.map((s) => text.slice(s.from, s.to))).toEqual(['INT. HOUSE - DAY', '  Quiet.', 'BRICK', '(beat)', 'Hello.\nAgain.', '!FORCED']);
  });
  it('reads \\r\\n and \\r line ends like \\n, with spans into the text as given', () => {
    const lf = 'INT. HOUSE\n\nBRICK\nHi.\nThere.\n\n[[a\n\nb]]\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const cr = lf.replace(/\n/g, '\r');
    expect(parseFountain(crlf).script).toEqual(parseFountain(lf).script);
    expect(parseFountain(cr).script).toEqual(parseFountain(lf).script);
    const p = parseFountain(crlf);
    expect(crlf.slice(p.spans[2]!.from, p.spans[2]!.to)).toBe('Hi.\r\nThere.');
    expect(normalizeNewlines(crlf)).toBe(lf);
    expect(parseFountain(normalizeNewlines(crlf))).toEqual({ ...parseFountain(lf), length: lf.length });
  });
  it('skips a byte-order mark', () => {
    expect(parseFountain('\uFEFFTitle: X\n\nAction.').script.titlePage).toEqual([{ key: 'Title', value: 'X' }]);
  });
});
