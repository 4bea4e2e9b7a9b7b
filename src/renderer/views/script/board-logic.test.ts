import { describe, expect, it } from 'vitest';
import { parseFountain } from '../../../shared/script/fountain-parse';
import { applyScriptOps } from '../../../shared/script/script-ops';
import { filterScenes, indexScript as indexParsed, moveSceneOps, sceneAt } from './board-logic';

const indexScript = (text: string) => indexParsed(parseFountain(text));

const script = ['Title: Test', '', '# Act One', '', 'INT. KITCHEN - NIGHT #1#', '', '= Brick is hungry.', '', 'BRICK', 'Food.', '', 'EXT. ROOF - DAY [[color red]]', '', 'STEEL', 'Sky.', '', 'BRICK', 'Yes.', '', 'INT. KITCHEN - DAY', '', 'Empty.'].join('\n');

describe('the scene index', () => {
  it('lists scenes with their number, synopsis, colour, characters and text ranges', () => {
    const index = indexScript(script);
    expect(index.scenes.map((s) => [s.heading, s.number, s.color, s.synopsis, s.characters])).toEqual([
      ['INT. KITCHEN - NIGHT', '1', null, 'Brick is hungry.', ['BRICK']],
      ['EXT. ROOF - DAY', null, 'red', '', ['STEEL', 'BRICK']],
      ['INT. KITCHEN - DAY', null, null, '', []],
    ]);
    expect(script.slice(index.scenes[1]?.from, index.scenes[1]?.to)).toBe('EXT. ROOF - DAY [[color red]]\n\nSTEEL\nSky.\n\nBRICK\nYes.\n\n');
    expect(index.characters).toEqual(['BRICK', 'STEEL']);
    expect(index.locations).toEqual(['KITCHEN', 'ROOF']);
    expect(index.outline.map((o) => o.type)).toEqual(['section', 'scene', 'scene', 'scene']);
    expect(sceneAt(index.scenes, index.scenes[1]?.from ?? 0)).toBe(1);
    expect(sceneAt(index.scenes, 0)).toBe(-1);
  });

  it('splits headings into INT/EXT, location and time, as the parser reads them', () => {
    const index = indexScript(['INT./EXT. CAR - MOVING - NIGHT', '', 'Driving.', '', '.BRIDGE', '', 'Wind.', '', 'int. hall - day [[a note]]', '', 'Dust.'].join('\n'));
    expect(index.scenes.map((s) => [s.heading, s.intExt, s.location, s.time])).toEqual([
      ['INT./EXT. CAR - MOVING - NIGHT', 'INT/EXT', 'CAR - MOVING', 'NIGHT'],
      ['BRIDGE', null, 'BRIDGE', null],
      ['int. hall - day', 'INT', 'hall', 'day'],
    ]);
  });

  it('reads only what the parser reads as headings and cues: not a boneyard, nor a capitalised line alone', () => {
    const index = indexScript(['INT. A - DAY', '', '/*', 'EXT. CUT - NIGHT', '', 'BRICK', 'Gone.', '*/', '', 'THE DOOR SLAMS.', '', 'STEEL', 'Here.', '', 'STEEL (V.O.)', 'Again.'].join('\n'));
    expect(index.scenes.map((s) => s.heading)).toEqual(['INT. A - DAY']);
    expect(index.characters).toEqual(['STEEL']);
    expect(index.scenes[0]?.characters).toEqual(['STEEL']);
  });

  it('filters by character and location', () => {
    const { scenes } = indexScript(script);
    expect(filterScenes(scenes, { character: 'STEEL', location: '' }).map((s) => s.index)).toEqual([2]);
    expect(filterScenes(scenes, { character: '', location: 'KITCHEN' }).map((s) => s.index)).toEqual([1, 3]);
  });
});

describe('moving a scene card', () => {
  const headings = (text: string) => indexScript(text).scenes.map((s) => s.heading);
  const move = (text: string, from: number, to: number) => {
    const ops = moveSceneOps(text, indexScript(text).scenes, from, to);
    if (!ops) return null;
    expect(ops).toHaveLength(2);
    return applyScriptOps({ fountain: text }, ops).content.fountain;
  };

  it('is one edit of two replacements, and keeps every line of the script', () => {
    const moved = move(script, 0, 2);
    expect(moved).not.toBeNull();
    expect(headings(moved ?? '')).toEqual(['EXT. ROOF - DAY', 'INT. KITCHEN - NIGHT', 'INT. KITCHEN - DAY']);
    expect([...(moved ?? '').split('\n')].filter(Boolean).sort()).toEqual(script.split('\n').filter(Boolean).sort());
  });

  it('moves the last scene (which ends without a blank line) to the front, and the first to the end', () => {
    const front = move(script, 2, 0) ?? '';
    expect(headings(front)).toEqual(['INT. KITCHEN - DAY', 'INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY']);
    expect(front).toContain('# Act One\n\nINT. KITCHEN - DAY\n\nEmpty.\n\nINT. KITCHEN - NIGHT');
    const end = move(script, 0, 3) ?? '';
    expect(headings(end)).toEqual(['EXT. ROOF - DAY', 'INT. KITCHEN - DAY', 'INT. KITCHEN - NIGHT']);
    expect(end).toContain('Empty.\n\nINT. KITCHEN - NIGHT');
  });

  it('does nothing when the scene stays where it is', () => {
    const { scenes } = indexScript(script);
    expect(moveSceneOps(script, scenes, 1, 1)).toBeNull();
    expect(moveSceneOps(script, scenes, 1, 2)).toBeNull();
  });
});
