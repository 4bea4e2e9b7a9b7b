import { describe, expect, it } from 'vitest';
import { linesPerPage, pageCount, paginate, wrapRanges, type LayoutLine, type Page } from './pagination';
import type { Script, ScriptElement } from './script';

const heading = (text: string, number?: string): ScriptElement => ({ type: 'sceneHeading', text, forced: false, ...(number ? { number } : {}) });
const action = (text: string): ScriptElement => ({ type: 'action', text, forced: false });
const cue = (name: string, extra: { extension?: string; dual?: boolean } = {}): ScriptElement => ({ type: 'character', name, forced: false, dual: extra.dual ?? false, ...(extra.extension ? { extension: extra.extension } : {}) });
const dialogue = (text: string): ScriptElement => ({ type: 'dialogue', text });
const paren = (text: string): ScriptElement => ({ type: 'parenthetical', text });
const script = (...elements: ScriptElement[]): Script => ({ titlePage: [], elements });
/** An action paragraph of exactly n printed lines. */
const lines = (n: number, word = 'Line') => action(Array.from({ length: n }, (_, i) => `${word} ${i + 1}.`).join('\n'));
const letter = { paper: 'letter' as const, sceneNumbers: false };
const printed = (p: Page) => p.lines.filter((l) => l.kind !== 'blank');
const col = (l: LayoutLine) => Math.round(l.x * 10);
const sentences = (n: number) => Array.from({ length: n }, (_, i) => `This is sentence number ${i + 1} of the speech.`).join(' ');

describe('layout of elements', () => {
  it('puts each element at its standard indent', () => {
    const s = script(
      heading('INT. KITCHEN - NIGHT'),
      action('Rain on the window.'),
      cue('MARA', { extension: 'V.O.' }),
      paren('(softly)'),
      dialogue('Are you awake?'),
      { type: 'transition', text: 'CUT TO:', forced: false },
      { type: 'centered', text: 'THE END' },
    );
    const [page] = paginate(s, letter).pages;
    const byKind = Object.fromEntries(printed(page as Page).map((l) => [l.kind, l]));
    expect(col(byKind.sceneHeading as LayoutLine)).toBe(15);
    expect(col(byKind.action as LayoutLine)).toBe(15);
    expect(byKind.character).toMatchObject({ text: 'MARA (V.O.)', x: 3.7 });
    expect(col(byKind.parenthetical as LayoutLine)).toBe(31);
    expect(col(byKind.dialogue as LayoutLine)).toBe(25);
    const t = byKind.transition as LayoutLine;
    expect(t.align).toBe('right');
    expect(t.x + t.text.length / 10).toBeCloseTo(7.5);
    const c = byKind.centered as LayoutLine;
    expect(c.x + c.text.length / 20).toBeCloseTo(4.5);
    // One blank line between elements, none inside the speech.
    expect((page as Page).lines.map((l) => l.kind)).toEqual([
      'sceneHeading', 'blank', 'action', 'blank', 'character', 'parenthetical', 'dialogue', 'blank', 'transition', 'blank', 'centered',
    ]);
  });

  it('wraps by character count: action at 60, dialogue at 35, parentheticals hanging one in', () => {
    const long = 'word '.repeat(80).trim();
    const s = script(action(long), cue('A'), paren(`(${'very '.repeat(12).trim()})`), dialogue(long));
    const [page] = paginate(s, letter).pages;
    const ls = printed(page as Page);
    const acts = ls.filter((l) => l.kind === 'action');
    const dia = ls.filter((l) => l.kind === 'dialogue');
    const par = ls.filter((l) => l.kind === 'parenthetical');
    expect(acts.length).toBe(Math.ceil(long.length / 60) + 1 - 1 + (long.length % 60 === 0 ? 0 : 0));
    for (const l of acts) expect(l.text.length).toBeLessThanOrEqual(60);
    expect(acts[0]?.text.length).toBeGreaterThan(55);
    for (const l of dia) expect(l.text.length).toBeLessThanOrEqual(35);
    expect(dia.length).toBeGreaterThanOrEqual(12);
    expect(par.length).toBeGreaterThan(1);
    expect(col(par[1] as LayoutLine)).toBe(col(par[0] as LayoutLine) + 1);
    for (const l of par) expect(l.text.length).toBeLessThanOrEqual(25);
  });

  it('wraps at spaces and cuts words longer than a line', () => {
    expect(wrapRanges('aaa bbb ccc', 7).map(([a, b]) => 'aaa bbb ccc'.slice(a, b))).toEqual(['aaa bbb', 'ccc']);
    expect(wrapRanges('abcdefghij', 4)).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(wrapRanges('', 10)).toEqual([[0, 0]]);
  });

  it('keeps emphasis as runs and drops inline notes', () => {
    const [page] = paginate(script(action('A *quiet* _underlined_ **bold** word[[a note]].')), letter).pages;
    const line = printed(page as Page)[0] as LayoutLine;
    expect(line.text).toBe('A quiet underlined bold word.');
    expect(line.runs.find((r) => r.text === 'quiet')?.italic).toBe(true);
    expect(line.runs.find((r) => r.text === 'underlined')?.underline).toBe(true);
    expect(line.runs.find((r) => r.text === 'bold')?.bold).toBe(true);
  });

  it('does not print notes, boneyard, synopses or sections', () => {
    const s = script(
      { type: 'section', depth: 1, text: 'Act One' },
      { type: 'synopsis', text: 'Things happen.' },
      heading('EXT. FIELD - DAY'),
      { type: 'note', text: 'fix this' },
      { type: 'boneyard', text: 'old scene' },
      action('Grass.'),
    );
    const all = paginate(s, letter).pages.flatMap((p) => p.lines.map((l) => l.text)).join('|');
    expect(all).toBe('EXT. FIELD - DAY||Grass.');
  });

  it('sets dual dialogue side by side', () => {
    const s = script(cue('ANN'), dialogue('Left side.'), cue('BEN', { dual: true }), dialogue('Right side, which is a good deal longer and wraps.'));
    const [page] = paginate(s, letter).pages;
    const rows = (page as Page).lines;
    expect(rows[0]?.text).toBe('ANN');
    expect(rows[0]?.right?.text).toBe('BEN');
    expect(rows[1]?.text).toBe('Left side.');
    expect(rows[2]?.kind).toBe('blank');
    expect(rows[2]?.right?.kind).toBe('dialogue');
    expect(rows[1]?.right?.x).toBeGreaterThan(4.3);
  });

  it('numbers scenes in the margins when asked, keeping written numbers', () => {
    const s = script(heading('INT. A - DAY'), action('x'), heading('INT. B - DAY', '7A'), heading('INT. C - DAY'));
    const hs = paginate(s, { paper: 'letter', sceneNumbers: true }).pages.flatMap((p) => p.lines).filter((l) => l.kind === 'sceneHeading');
    expect(hs.map((h) => h.sceneNumber)).toEqual(['1', '7A', '3']);
    const none = paginate(s, letter).pages.flatMap((p) => p.lines).filter((l) => l.kind === 'sceneHeading');
    expect(none.every((h) => h.sceneNumber === undefined)).toBe(true);
  });
});

describe("automatic (CONT'D)", () => {
  const s = script(
    heading('INT. ROOM - DAY'),
    cue('BOB'),
    dialogue('One.'),
    action('He pauses.'),
    cue('BOB'),
    dialogue('Two.'),
    cue('ANN'),
    dialogue('Three.'),
    cue('BOB', { extension: 'O.S.' }),
    dialogue('Four.'),
    heading('INT. HALL - DAY'),
    cue('BOB'),
    dialogue('Five.'),
  );
  const cues = (contd?: boolean) =>
    paginate(s, { ...letter, ...(contd === undefined ? {} : { contd }) })
      .pages.flatMap((p) => p.lines)
      .filter((l) => l.kind === 'character')
      .map((l) => l.text);

  it('marks a speaker who goes on after only action in the same scene', () => {
    expect(cues()).toEqual(['BOB', "BOB (CONT'D)", 'ANN', 'BOB (O.S.)', 'BOB']);
  });

  it('can be turned off', () => {
    expect(cues(false)).toEqual(['BOB', 'BOB', 'ANN', 'BOB (O.S.)', 'BOB']);
  });
});

describe('pages', () => {
  it('has 55 lines on Letter and 59 on A4, and never overfills a page', () => {
    expect(linesPerPage('letter')).toBe(55);
    expect(linesPerPage('a4')).toBe(59);
    const els: ScriptElement[] = [];
    for (let i = 0; i < 60; i++) els.push(heading(`INT. ROOM ${i} - DAY`), action(sentences(3)), cue('BOB'), dialogue(sentences(4)));
    const s = script(...els);
    const l = paginate(s, letter);
    const a = paginate(s, { paper: 'a4', sceneNumbers: false });
    for (const p of l.pages) expect(p.lines.length).toBeLessThanOrEqual(55);
    for (const p of a.pages) expect(p.lines.length).toBeLessThanOrEqual(59);
    for (const p of [...l.pages, ...a.pages]) {
      expect(p.lines[0]?.kind).not.toBe('blank');
      expect(p.lines[p.lines.length - 1]?.kind).not.toBe('blank');
    }
    expect(l.pages.map((p) => p.number)).toEqual(l.pages.map((_, i) => i + 1));
    expect(a.pages.length).toBeLessThan(l.pages.length);
    expect(pageCount(s, 'letter')).toBe(l.pages.length);
    expect(pageCount(s, 'a4')).toBe(a.pages.length);
  });

  it('starts a new page at a page break', () => {
    const s = script(action('One.'), { type: 'pageBreak' }, action('Two.'), { type: 'pageBreak' }, { type: 'pageBreak' }, action('Three.'));
    expect(paginate(s, letter).pages.map((p) => p.lines.map((l) => l.text))).toEqual([['One.'], ['Two.'], ['Three.']]);
  });

  it('never leaves a scene heading at the foot of a page without two lines after it', () => {
    // 51 lines of action, a blank, then the heading would sit on line 53 with one free line after its blank.
    const s = script(lines(51), heading('EXT. ROOF - NIGHT'), action(sentences(6)));
    const pages = paginate(s, letter).pages;
    expect(pages[0]?.lines.some((l) => l.kind === 'sceneHeading')).toBe(false);
    expect(pages[1]?.lines[0]?.kind).toBe('sceneHeading');
    // With room for the heading, a blank and two lines, it stays and the action splits after it.
    const t = script(lines(48), heading('EXT. ROOF - NIGHT'), action(sentences(6)));
    const p2 = paginate(t, letter).pages;
    const first = p2[0] as Page;
    const at = first.lines.findIndex((l) => l.kind === 'sceneHeading');
    expect(at).toBe(49);
    expect(first.lines.slice(at + 2).filter((l) => l.kind === 'action').length).toBeGreaterThanOrEqual(2);
  });

  it("breaks a long speech with (MORE) and the cue (CONT'D), at a sentence end, 2+ lines each side", () => {
    const s = script(lines(40), cue('BOB'), paren('(slowly)'), dialogue(sentences(12)));
    const pages = paginate(s, letter).pages;
    expect(pages.length).toBe(2);
    const [p1, p2] = pages as [Page, Page];
    const last = p1.lines[p1.lines.length - 1] as LayoutLine;
    expect(last).toMatchObject({ kind: 'more', text: '(MORE)', x: 3.7 });
    const before = p1.lines.filter((l) => l.kind === 'dialogue');
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before[before.length - 1]?.text).toMatch(/[.!?]$/);
    expect(p2.lines[0]).toMatchObject({ kind: 'character', text: "BOB (CONT'D)", continued: true });
    const after = p2.lines.filter((l) => l.kind === 'dialogue');
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after[0]?.text).toMatch(/^This is sentence/);
    // Nothing lost: the same words on both sides.
    const words = [...before, ...after].map((l) => l.text).join(' ');
    expect(words).toBe(sentences(12));
    expect(p1.lines.length).toBeLessThanOrEqual(55);
  });

  it('does not split a speech when it would leave fewer than 2 lines on a side', () => {
    // Room for the cue and one line only: the whole speech moves.
    const s = script(lines(51), cue('BOB'), dialogue(sentences(2)));
    const pages = paginate(s, letter).pages;
    expect(pages[0]?.lines.some((l) => l.kind === 'character' || l.kind === 'more')).toBe(false);
    expect(pages[1]?.lines[0]).toMatchObject({ kind: 'character', text: 'BOB' });
    expect(pages[1]?.lines[0]?.continued).toBeUndefined();
  });

  it('splits long action across pages without (MORE)', () => {
    const s = script(lines(45), action(sentences(20)));
    const pages = paginate(s, letter).pages;
    expect(pages.length).toBe(2);
    expect(pages[0]?.lines.length).toBeGreaterThan(50);
    expect(pages.flatMap((p) => p.lines).some((l) => l.kind === 'more')).toBe(false);
    expect(pages[1]?.lines[0]?.kind).toBe('action');
  });

  it('lays A4 out with the same indents and more lines', () => {
    const s = script(lines(56), cue('BOB'), dialogue('Hi.'));
    expect(paginate(s, letter).pages.length).toBe(2);
    const a4 = paginate(s, { paper: 'a4', sceneNumbers: false });
    expect(a4.pages.length).toBe(1);
    expect(a4.pages[0]?.lines.find((l) => l.kind === 'character')?.x).toBe(3.7);
  });
});

describe('title page', () => {
  it('centres the title a third down and puts contact and draft date at the foot', () => {
    const s: Script = {
      titlePage: [
        { key: 'Title', value: '_**BIG NIGHT**_' },
        { key: 'Credit', value: 'Written by' },
        { key: 'Author', value: 'Ann Lee' },
        { key: 'Draft date', value: '1/2/2025' },
        { key: 'Contact', value: 'Ann Lee\n12 Road' },
      ],
      elements: [action('x')],
    };
    const tp = paginate(s, letter).titlePage;
    expect(tp).not.toBeNull();
    const find = (t: string) => tp?.lines.find((l) => l.text === t) as LayoutLine & { row: number };
    const title = find('BIG NIGHT');
    expect(title.row).toBe(16);
    expect(title.runs[0]).toMatchObject({ bold: true, underline: true });
    expect(title.x + title.text.length / 20).toBeCloseTo(4.5);
    expect(find('Written by').row).toBe(18);
    expect(find('Ann Lee').row).toBe(20);
    expect(find('12 Road')).toMatchObject({ row: 54, x: 1.5 });
    const date = find('1/2/2025');
    expect(date.row).toBe(54);
    expect(date.x + date.text.length / 10).toBeCloseTo(7.5);
  });

  it('is null without entries', () => {
    expect(paginate(script(action('x')), letter).titlePage).toBeNull();
    expect(paginate(script(), letter).pages).toEqual([]);
  });
});
