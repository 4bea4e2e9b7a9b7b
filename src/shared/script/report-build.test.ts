// eslint-disable-next-line no-restricted-imports -- a test reading afterwriting's sample from node_modules; never shipped
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFountain } from './fountain-parse';
import { pageCount } from './pagination';
import { buildScriptReport, countWords, pagesOfElements, scriptReport } from './report-build';
import type { Script, ScriptElement } from './script';

const heading = (text: string, number?: string): ScriptElement => ({ type: 'sceneHeading', text, forced: false, ...(number ? { number } : {}) });
const cue = (name: string, extension?: string, dual = false): ScriptElement => ({ type: 'character', name, forced: false, dual, ...(extension ? { extension } : {}) });
const line = (text: string): ScriptElement => ({ type: 'dialogue', text });
const paren = (text: string): ScriptElement => ({ type: 'parenthetical', text });
const action = (text: string): ScriptElement => ({ type: 'action', text, forced: false });
const script = (elements: ScriptElement[], title?: string): Script => ({ titlePage: title === undefined ? [] : [{ key: 'Title', value: title }], elements });
const report = (s: Script, pageOf: (i: number) => number = () => 1, pages = 1) => buildScriptReport(s, pageOf, pages);

describe('buildScriptReport', () => {
  it('counts V.O., O.S. and CONT\'D as the same character, one speech per cue', () => {
    const r = report(
      script([
        heading('INT. KITCHEN - DAY'),
        cue('BRICK'),
        line('One two three.'),
        cue('BRICK', 'V.O.'),
        paren('(quietly, to himself)'),
        line('Four five.'),
        line('Six.'),
        cue('Brick', "CONT'D"),
        line('Seven.'),
        cue('BRICK', 'O.S.'),
        line('Eight.'),
      ]),
    );
    expect(r.characters).toEqual([{ name: 'BRICK', lines: 4, words: 8, scenes: 1 }]);
  });

  it('gives dual dialogue to both speakers', () => {
    const r = report(script([heading('EXT. ROOF - NIGHT'), cue('BRICK'), line('Go left!'), cue('STEEL', undefined, true), line('Go right!'), paren('(beat)'), line('No, left.')]));
    expect(r.characters).toEqual([
      { name: 'STEEL', lines: 1, words: 4, scenes: 1 },
      { name: 'BRICK', lines: 1, words: 2, scenes: 1 },
    ]);
    expect(r.scenes[0]!.characters).toEqual(['BRICK', 'STEEL']);
  });

  it('counts words without emphasis, notes, boneyard, parentheticals or bare punctuation', () => {
    expect(countWords('**Get** _down_ *now* [[a note here]] -- ... /* cut this */ ***really***')).toBe(4);
    expect(countWords("  it's   a\nnew-line   test  ")).toBe(4);
    expect(countWords('\\*not\\* emphasis')).toBe(2);
    expect(countWords('')).toBe(0);
    const r = report(script([heading('INT. CAR - DAY'), cue('ANNA'), paren('(whispering loudly now)'), line('Hi [[too quiet?]] there.')]));
    expect(r.characters[0]!.words).toBe(2);
  });

  it('counts the scenes of each character, not their cues', () => {
    const r = report(
      script([
        cue('NARRATOR', 'V.O.'),
        line('Before it all.'),
        heading('INT. A - DAY'),
        cue('ANNA'),
        line('One.'),
        cue('ANNA'),
        line('Two.'),
        heading('INT. B - DAY'),
        action('Empty.'),
        heading('INT. C - DAY'),
        cue('ANNA', "CONT'D"),
        line('Three.'),
        cue('BEN'),
        line('Four.'),
      ]),
    );
    const byName = Object.fromEntries(r.characters.map((c) => [c.name, c]));
    expect(byName.ANNA).toEqual({ name: 'ANNA', lines: 3, words: 3, scenes: 2 });
    expect(byName.BEN!.scenes).toBe(1);
    expect(byName.NARRATOR).toEqual({ name: 'NARRATOR', lines: 1, words: 3, scenes: 0 });
    expect(r.scenes.map((s) => s.characters)).toEqual([['ANNA'], [], ['ANNA', 'BEN']]);
  });

  it('does not count action after a speech as dialogue', () => {
    const r = report(script([heading('INT. A - DAY'), cue('ANNA'), line('Hi.'), action('She leaves the room quickly.'), { type: 'dialogue', text: 'stray words' }]));
    expect(r.characters).toEqual([{ name: 'ANNA', lines: 1, words: 1, scenes: 1 }]);
  });

  it('groups locations by name without prefix and time, ignoring case and extra spaces', () => {
    const r = report(
      script([
        heading('INT. KITCHEN - DAY'),
        heading('EXT. KITCHEN - NIGHT'),
        heading('int.   kitchen   -  continuous'),
        heading('INT. HOUSE - KITCHEN - DAY'),
        heading('I/E HOUSE - KITCHEN - DAY'),
        heading('EST. CITY'),
        heading('FLASHBACK'),
      ]),
    );
    expect(r.locations).toEqual([
      { name: 'KITCHEN', scenes: 3 },
      { name: 'HOUSE - KITCHEN', scenes: 2 },
      { name: 'CITY', scenes: 1 },
      { name: 'FLASHBACK', scenes: 1 },
    ]);
    expect(r.scenes.map((s) => [s.intExt, s.location, s.time])).toEqual([
      ['INT', 'KITCHEN', 'DAY'],
      ['EXT', 'KITCHEN', 'NIGHT'],
      ['INT', 'kitchen', 'continuous'],
      ['INT', 'HOUSE - KITCHEN', 'DAY'],
      ['INT/EXT', 'HOUSE - KITCHEN', 'DAY'],
      ['EXT', 'CITY', null],
      [null, 'FLASHBACK', null],
    ]);
  });

  it('counts INT, EXT (EST. included), INT/EXT in all its spellings, and other', () => {
    const r = report(
      script(
        ['INT. A - DAY', 'EXT. B - DAY', 'INT./EXT. C - DAY', 'INT/EXT D - DAY', 'EXT./INT. E - DAY', 'I/E F - DAY', 'EST. G - DAY', 'ANOTHER PLACE'].map((h) =>
          heading(h),
        ),
      ),
    );
    // EST. (an establishing shot) is exterior.
    expect(r.intExt).toEqual({ int: 1, ext: 2, intExt: 4, other: 1 });
  });

  it('counts day and night by the words of the time', () => {
    const times = ['DAY', 'MORNING', 'AFTERNOON', 'DAWN', 'NIGHT', 'EVENING', 'DUSK', 'LATER THAT NIGHT', 'CONTINUOUS', 'MOMENTS LATER', 'DAY/NIGHT'];
    const r = report(script([...times.map((t) => heading(`INT. A - ${t}`)), heading('INT. NOWHEN')]));
    expect(r.dayNight).toEqual({ day: 4, night: 4, other: 4 });
  });

  it('lists scenes with their number, heading and page', () => {
    const pages = [1, 1, 1, 2, 3];
    const r = report(script([heading('INT. A - DAY', '1'), action('x'), action('y'), heading('EXT. B - NIGHT', '2A'), heading('INT. C')]), (i) => pages[i]!, 3);
    expect(r.sceneCount).toBe(3);
    expect(r.pages).toBe(3);
    expect(r.scenes).toEqual([
      { index: 1, number: '1', heading: 'INT. A - DAY', intExt: 'INT', location: 'A', time: 'DAY', characters: [], page: 1 },
      { index: 2, number: '2A', heading: 'EXT. B - NIGHT', intExt: 'EXT', location: 'B', time: 'NIGHT', characters: [], page: 2 },
      { index: 3, number: null, heading: 'INT. C', intExt: 'INT', location: 'C', time: null, characters: [], page: 3 },
    ]);
  });

  it('takes the title from the title page without markup', () => {
    expect(report(script([], '**_BRICK & STEEL_**\nFULL RETIRED')).title).toBe('BRICK & STEEL FULL RETIRED');
    expect(report(script([])).title).toBeNull();
    expect(report({ titlePage: [{ key: 'title', value: '  ' }], elements: [] }).title).toBeNull();
  });

  it('sorts characters by speeches, then words, then name', () => {
    const r = report(script([cue('CARL'), line('a'), cue('BEA'), line('a b'), cue('AMY'), line('a b'), cue('DAN'), line('x'), cue('DAN'), line('y')]));
    expect(r.characters.map((c) => c.name)).toEqual(['DAN', 'AMY', 'BEA', 'CARL']);
  });
});

describe('scriptReport', () => {
  const brickAndSteel = parseFountain(readFileSync(new URL('../../../node_modules/afterwriting/samples/brick_and_steel.fountain', import.meta.url), 'utf8')).script;

  it('reports the Brick & Steel sample', () => {
    const r = scriptReport(brickAndSteel);
    expect(r.title).toBe('BRICK & STEEL FULL RETIRED');
    expect(r.pages).toBe(pageCount(brickAndSteel, 'letter'));
    expect(r.sceneCount).toBe(8);
    expect(r.scenes.map((s) => s.location)).toEqual([
      "BRICK'S PATIO",
      'TRAILER HOME',
      "BRICK'S POOL",
      'SNIPER SCOPE POV',
      'OPENING TITLES',
      'WOODEN SHACK',
      'GARAGE',
      'PALATIAL MANSION',
    ]);
    // Counted by hand from the sample: STEEL speaks 4 times on the patio (BRICK's last speech there
    // is dual with his), once at the pool, twice through the scope, once at the shack, once in the garage.
    expect(r.characters.slice(0, 3)).toEqual([
      { name: 'STEEL', lines: 9, words: 40, scenes: 5 },
      { name: 'BRICK', lines: 4, words: 14, scenes: 2 },
      { name: 'COGNITO', lines: 3, words: 27, scenes: 1 },
    ]);
    expect(r.characters.map((c) => c.name).sort()).toEqual(['BRICK', 'COGNITO', 'DAN', 'HANDSOME MAN', 'JACK', 'MINION', 'STEEL']);
    expect(r.intExt).toEqual({ int: 2, ext: 4, intExt: 0, other: 2 });
    expect(r.dayNight).toEqual({ day: 6, night: 0, other: 2 });
    expect(r.scenes[0]!.page).toBe(1);
    expect(r.scenes.map((s) => s.page)).toEqual([...r.scenes.map((s) => s.page)].sort((a, b) => a - b));
    expect(r.scenes[r.scenes.length - 1]!.page).toBeLessThanOrEqual(r.pages);
  });

  it('gives elements that do not print the page of what follows them', () => {
    const script = {
      titlePage: [],
      elements: [
        { type: 'note' as const, text: 'not printed' },
        heading('INT. A - DAY'),
        ...Array.from({ length: 40 }, (_, i) => action(`Paragraph ${i} of action that fills the page.`)),
        { type: 'synopsis' as const, text: 'not printed either' },
        heading('INT. B - DAY'),
      ],
    };
    const { pageOf, pages } = pagesOfElements(script, 'letter');
    expect(pages).toBe(2);
    expect(pageOf(0)).toBe(1);
    expect(pageOf(1)).toBe(1);
    expect(pageOf(42)).toBe(pageOf(43));
    expect(pageOf(43)).toBe(2);
    expect(scriptReport(script).scenes.map((s) => s.page)).toEqual([1, 2]);
  });
});
