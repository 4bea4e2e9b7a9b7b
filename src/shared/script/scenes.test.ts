import { describe, expect, it } from 'vitest';
import { parseFountain } from './fountain-parse';
import { characterKey, headingParts, outlineOf, scenesOf } from './scenes';

describe('headingParts', () => {
  it.each([
    ['INT. HOUSE - DAY', { intExt: 'INT', location: 'HOUSE', time: 'DAY' }],
    ['EXT. HOUSE - KITCHEN - NIGHT', { intExt: 'EXT', location: 'HOUSE - KITCHEN', time: 'NIGHT' }],
    ['INT./EXT. CAR - CONTINUOUS', { intExt: 'INT/EXT', location: 'CAR', time: 'CONTINUOUS' }],
    ['INT/EXT CAR', { intExt: 'INT/EXT', location: 'CAR', time: null }],
    ['I/E CAR - DAY', { intExt: 'INT/EXT', location: 'CAR', time: 'DAY' }],
    ['EST. CITY – DAWN', { intExt: 'EXT', location: 'CITY', time: 'DAWN' }],
    ['int. house - day', { intExt: 'INT', location: 'house', time: 'day' }],
    ['SNIPER SCOPE POV', { intExt: null, location: 'SNIPER SCOPE POV', time: null }],
    ['INT. HOUSE [[fix]] - DAY', { intExt: 'INT', location: 'HOUSE', time: 'DAY' }],
  ] as const)('%s', (text, parts) => {
    expect(headingParts(text)).toEqual(parts);
  });
});

describe('characterKey', () => {
  it.each([
    ['BRICK', 'BRICK'],
    ['BRICK (V.O.)', 'BRICK'],
    ["BRICK (CONT'D)", 'BRICK'],
    ['BRICK ^', 'BRICK'],
    ["BRICK (O.S.) (CONT'D) ^", 'BRICK'],
    ['@McCABE', 'McCABE'],
    ['  HANDSOME   MAN ', 'HANDSOME MAN'],
  ])('%s → %s', (cue, key) => expect(characterKey(cue)).toBe(key));
});

const text = `Title: X

# Act One

= The setup.

INT. HOUSE - DAY #1# [[color red]]

= Brick waits.
= Steel arrives.

BRICK
Hi.

STEEL (V.O.)
Hi.

BRICK (CONT'D)
Bye.

## Chase

EXT. STREET - NIGHT

STEEL
Run!

# Act Two

.DREAM

Nothing.
`;

describe('scenesOf / outlineOf', () => {
  it('lists scenes with numbers, colours, synopses, characters and text ranges', () => {
    const parsed = parseFountain(text);
    const scenes = scenesOf(parsed);
    expect(scenes.map(({ from: _f, to: _t, ...s }) => s)).toEqual([
      { index: 0, elementIndex: 2, heading: 'INT. HOUSE - DAY', number: '1', color: 'red', synopsis: 'Brick waits.\nSteel arrives.', characters: ['BRICK', 'STEEL'] },
      { index: 1, elementIndex: 11, heading: 'EXT. STREET - NIGHT', synopsis: null, characters: ['STEEL'] },
      { index: 2, elementIndex: 15, heading: 'DREAM', synopsis: null, characters: [] },
    ]);
    expect(text.slice(scenes[0]!.from, scenes[0]!.to)).toBe(text.slice(text.indexOf('INT. HOUSE'), text.indexOf('## Chase')));
    expect(text.slice(scenes[1]!.from, scenes[1]!.to)).toBe(text.slice(text.indexOf('EXT. STREET'), text.indexOf('# Act Two')));
    expect(scenes[2]!.to).toBe(text.length);
  });
  it('gives sections and scenes with their depth', () => {
    const outline = outlineOf(parseFountain(text));
    expect(outline.map((o) => (o.kind === 'section' ? `${o.depth}:# ${o.text}` : `${o.depth}:${o.scene.heading}`))).toEqual([
      '1:# Act One',
      '2:INT. HOUSE - DAY',
      '2:# Chase',
      '3:EXT. STREET - NIGHT',
      '1:# Act Two',
      '2:DREAM',
    ]);
    const act1 = outline[0]!;
    expect(act1.kind === 'section' && text.slice(act1.from, act1.to)).toBe(text.slice(text.indexOf('# Act One'), text.indexOf('# Act Two')));
  });
  it('has depth 1 scenes without sections', () => {
    expect(outlineOf(parseFountain('INT. A\n\nEXT. B')).map((o) => o.depth)).toEqual([1, 1]);
  });
});
