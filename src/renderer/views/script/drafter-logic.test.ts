import { describe, expect, it } from 'vitest';
import { parseFountain } from '../../../shared/script/fountain-parse';
import type { ScriptOp } from '../../../shared/script/script-ops';
import { indexScript } from './board-logic';
import {
  afterSceneOf,
  findScene,
  focusAfterRemoval,
  fountainHeading,
  insertDraftOps,
  insertSceneOps,
  previewLines,
  primaryAction,
  sceneDraftRequest,
  stepCard,
} from './drafter-logic';

const script = `Title: Brick & Steel

INT. KITCHEN - NIGHT

= Brick finds the fridge empty.

BRICK
Anything to eat?

EXT. ROOF - DAY

STEEL
Cold up here.
`;

const scenesOf = (text: string) => indexScript(parseFountain(text)).scenes;
const apply = (text: string, ops: readonly ScriptOp[]): string => ops.reduce((t, op) => t.slice(0, op.from) + op.text + t.slice(op.to), text);

describe('inserting an accepted scene', () => {
  it('puts the heading and the beat after the current scene, a blank line before the next heading', () => {
    const scenes = scenesOf(script);
    const { ops, headingAt } = insertSceneOps(script, scenes, 0, { heading: 'INT. HALLWAY - NIGHT', beat: 'Brick hears steps.' });
    expect(ops).toHaveLength(1);
    const after = apply(script, ops);
    expect(after).toContain('Anything to eat?\n\nINT. HALLWAY - NIGHT\n\n= Brick hears steps.\n\nEXT. ROOF - DAY');
    expect(after.slice(headingAt)).toMatch(/^INT\. HALLWAY - NIGHT/);
    const again = scenesOf(after);
    expect(again.map((s) => s.heading)).toEqual(['INT. KITCHEN - NIGHT', 'INT. HALLWAY - NIGHT', 'EXT. ROOF - DAY']);
    expect(again[1]?.synopsis).toBe('Brick hears steps.');
  });

  it('goes at the end after the last scene, or when no scene is current', () => {
    const scenes = scenesOf(script);
    for (const after of [1, undefined]) {
      const out = apply(script, insertSceneOps(script, scenes, after, { heading: 'EXT. STREET - DAY', beat: '' }).ops);
      expect(out).toBe(`${script}\nEXT. STREET - DAY\n`);
    }
    // A script that does not end in a line break still gets a blank line before the heading.
    const bare = script.trimEnd();
    expect(apply(bare, insertSceneOps(bare, scenesOf(bare), undefined, { heading: 'EXT. STREET - DAY', beat: 'Rain.' }).ops)).toBe(`${bare}\n\nEXT. STREET - DAY\n\n= Rain.\n`);
  });

  it('can carry a drafted body, and forces a heading that does not read as one', () => {
    const out = apply(script, insertSceneOps(script, scenesOf(script), 0, { heading: 'THE VAULT', beat: 'In.', draft: 'Dark.\n\nBRICK\nHere.\n\n' }).ops);
    expect(out).toContain('.THE VAULT\n\n= In.\n\nDark.\n\nBRICK\nHere.\n\nEXT. ROOF');
    expect(fountainHeading('int. den - day')).toBe('int. den - day');
    expect(fountainHeading('  THE   VAULT ')).toBe('.THE VAULT');
  });
});

describe('inserting a draft', () => {
  it('goes under the scene’s last line, before the next heading', () => {
    const scenes = scenesOf(script);
    const out = apply(script, insertDraftOps(script, scenes[0]!, '\nBrick sits.\n\nBRICK\nFine.\n'));
    expect(out).toContain('Anything to eat?\n\nBrick sits.\n\nBRICK\nFine.\n\nEXT. ROOF - DAY');
  });

  it('ends the script with a line break when the scene is the last', () => {
    const scenes = scenesOf(script);
    const out = apply(script, insertDraftOps(script, scenes[1]!, 'Wind.'));
    expect(out.endsWith('Cold up here.\n\nWind.\n')).toBe(true);
    expect(insertDraftOps(script, scenes[1]!, '   ')).toEqual([]);
  });

  it('finds the scene a card stands for by its heading, nearest where it was put', () => {
    const text = `${script}\nINT. KITCHEN - NIGHT\n\nAgain.\n`;
    const scenes = scenesOf(text);
    expect(findScene(scenes, 'int. kitchen - night', 0)).toBe(0);
    expect(findScene(scenes, 'INT. KITCHEN - NIGHT', text.length)).toBe(2);
    expect(findScene(scenes, 'INT. ATTIC - DAY', 0)).toBe(-1);
  });

  it('drafts a scene of the script with its characters and synopsis, or the script’s leads', () => {
    const index = indexScript(parseFountain(script));
    expect(sceneDraftRequest(index.scenes[0]!, index.characters)).toEqual({ heading: 'INT. KITCHEN - NIGHT', characters: ['BRICK'], beat: 'Brick finds the fridge empty.' });
    const empty = { ...index.scenes[1]!, characters: [] };
    expect(sceneDraftRequest(empty, ['BRICK', 'STEEL']).characters).toEqual(['BRICK', 'STEEL']);
  });
});

describe('the draft preview', () => {
  it('lays the draft out under its heading with the editor’s line kinds', () => {
    const lines = previewLines('INT. KITCHEN - NIGHT', 'Brick sits.\n\nBRICK\n(quietly)\nFine.');
    expect(lines.map((l) => l.kind)).toEqual(['sceneHeading', 'blank', 'action', 'blank', 'character', 'parenthetical', 'dialogue']);
    expect(lines[0]?.text).toBe('INT. KITCHEN - NIGHT');
  });
});

describe('the card list’s keys', () => {
  it('moves between cards, clamped at the ends', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepCard(ids, 'a', 1)).toBe('b');
    expect(stepCard(ids, 'c', 1)).toBe('c');
    expect(stepCard(ids, 'a', -1)).toBe('a');
    expect(stepCard(ids, null, 1)).toBe('a');
    expect(stepCard([], null, 1)).toBeNull();
  });

  it('moves the focus to a neighbour when a card goes', () => {
    expect(focusAfterRemoval(['a', 'b', 'c'], 'b', 'b')).toBe('c');
    expect(focusAfterRemoval(['a', 'b', 'c'], 'c', 'c')).toBe('b');
    expect(focusAfterRemoval(['a', 'b', 'c'], 'a', 'c')).toBe('c');
    expect(focusAfterRemoval(['a'], 'a', 'a')).toBeNull();
  });

  it('Enter accepts a new scene, accepts a shown draft, drafts an accepted scene, and waits while drafting', () => {
    expect(primaryAction({ status: 'new', draft: null, busy: false })).toBe('accept');
    expect(primaryAction({ status: 'new', draft: {}, busy: false })).toBe('acceptDraft');
    expect(primaryAction({ status: 'accepted', draft: null, busy: false })).toBe('draft');
    expect(primaryAction({ status: 'scene', draft: null, busy: false })).toBe('draft');
    expect(primaryAction({ status: 'accepted', draft: null, busy: true })).toBeNull();
  });

  it('asks after the current scene, or at the end before the first scene', () => {
    const scenes = scenesOf(script);
    expect(afterSceneOf(scenes, 0)).toBe(0);
    expect(afterSceneOf(scenes, -1)).toBeUndefined();
    expect(afterSceneOf(scenes, 5)).toBeUndefined();
  });
});
