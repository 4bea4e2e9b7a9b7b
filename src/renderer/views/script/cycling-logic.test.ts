import { describe, expect, it } from 'vitest';
import { enterOutcome, tabOutcome, type CursorLine, type KeyOutcome } from './cycling-logic';
import type { LineKind } from './parsed-lines-logic';

const at = (text: string, kind: LineKind, prevKind: LineKind | null = 'blank', from = 100): CursorLine => ({ text, kind, from, column: text.length, prevKind });

/** The text around the line after the outcome, for reading the tests. */
function apply(line: CursorLine, outcome: KeyOutcome | null): string | null {
  if (!outcome) return null;
  let text = ' '.repeat(line.from) + line.text;
  for (const c of [...outcome.changes].sort((a, b) => b.from - a.from)) text = text.slice(0, c.from) + c.insert + text.slice(c.to);
  return `${text.slice(0, outcome.cursor)}|${text.slice(outcome.cursor)}`.trimStart();
}

describe('Enter in the screenplay editor', () => {
  it('after a heading: a new action paragraph, the heading in capitals', () => {
    const line = at('int. kitchen - night', 'sceneHeading');
    const outcome = enterOutcome(line);
    expect(apply(line, outcome)).toBe('INT. KITCHEN - NIGHT\n\n|');
    expect(outcome?.hint).toBe('action');
  });

  it('forces a heading or transition the editor made that Fountain would not recognise', () => {
    expect(apply(at('kitchen', 'sceneHeading'), enterOutcome(at('kitchen', 'sceneHeading')))).toBe('.KITCHEN\n\n|');
    expect(apply(at('fade out.', 'transition'), enterOutcome(at('fade out.', 'transition')))).toBe('>FADE OUT.\n\n|');
    expect(enterOutcome(at('CUT TO:', 'transition'))?.hint).toBe('sceneHeading');
  });

  it('after a cue: dialogue; after dialogue: a new action paragraph', () => {
    const cue = at('brick', 'character');
    expect(apply(cue, enterOutcome(cue))).toBe('BRICK\n|');
    expect(enterOutcome(cue)?.hint).toBe('dialogue');
    const speech = at('Hello.', 'dialogue', 'character');
    expect(apply(speech, enterOutcome(speech))).toBe('Hello.\n\n|');
    expect(enterOutcome(speech)?.hint).toBe('action');
  });

  it('on an empty dialogue line: leaves the speech with a blank line', () => {
    const line = at('', 'dialogue', 'dialogue');
    const outcome = enterOutcome(line);
    expect(outcome?.changes).toEqual([{ from: 100, to: 100, insert: '\n' }]);
    expect(outcome?.hint).toBe('action');
  });

  it('after an upper-case name on its own: a cue with dialogue; after other action: a paragraph', () => {
    expect(enterOutcome(at('BRICK', 'action'))?.hint).toBe('dialogue');
    expect(enterOutcome(at('BRICK', 'action', 'action'))?.hint).toBe('action');
    expect(apply(at('He runs.', 'action'), enterOutcome(at('He runs.', 'action')))).toBe('He runs.\n\n|');
  });

  it('after a parenthetical: dialogue; an empty "()" is taken away', () => {
    expect(enterOutcome(at('(softly)', 'parenthetical', 'character'))?.hint).toBe('dialogue');
    expect(enterOutcome({ ...at('()', 'parenthetical', 'character'), column: 1 })?.changes).toEqual([{ from: 100, to: 102, insert: '' }]);
  });

  it('leaves a line break in the middle of a line alone', () => {
    expect(enterOutcome({ ...at('He runs.', 'action'), column: 3 })).toBeNull();
    expect(enterOutcome(at('', 'action'))).toBeNull();
  });
});

describe('Tab in the screenplay editor', () => {
  it('cycles an empty line: cue → transition → heading → action (Shift+Tab backwards)', () => {
    expect(tabOutcome(at('', 'action'))?.hint).toBe('character');
    expect(tabOutcome(at('', 'character'))?.hint).toBe('transition');
    expect(tabOutcome(at('', 'transition'))?.hint).toBe('sceneHeading');
    expect(tabOutcome(at('', 'sceneHeading'))?.hint).toBe('action');
    expect(tabOutcome(at('', 'character'), true)?.hint).toBe('action');
    expect(tabOutcome(at('', 'action'), true)?.hint).toBe('sceneHeading');
  });

  it('adds the blank line a cue needs after a paragraph', () => {
    const outcome = tabOutcome(at('', 'action', 'action'));
    expect(outcome?.changes).toEqual([{ from: 100, to: 100, insert: '\n' }]);
    expect(outcome?.cursor).toBe(101);
    expect(outcome?.hint).toBe('character');
  });

  it('makes a parenthetical on an empty line in dialogue, the cursor inside', () => {
    const line = at('', 'dialogue', 'character');
    expect(apply(line, tabOutcome(line))).toBe('(|)');
    expect(tabOutcome(line)?.hint).toBe('parenthetical');
  });

  it('turns a line of action into a cue, and a cue into a transition', () => {
    const action = at('brick', 'action', 'action');
    expect(tabOutcome(action)?.changes).toEqual([{ from: 100, to: 105, insert: '\nBRICK' }]);
    expect(tabOutcome(action)?.cursor).toBe(106);
    const cue = at('cut to black', 'character');
    expect(apply(cue, tabOutcome(cue))).toBe('>CUT TO BLACK|');
  });
});
