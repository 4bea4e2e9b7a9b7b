// Where dictated words go in the script, as one edit: in a line of dialogue (or on an empty line
// under a cue) they continue what the character says, at the cursor; anywhere else they become a
// new action paragraph of their own, after the paragraph the cursor is in (or on the empty line it
// is on), with the blank lines Fountain needs around it. The words are made a sentence (capital
// first letter, a full stop); a sentence the parser would read as something else alone (a scene
// heading, a cue, a transition) is forced to action with Fountain's `!`. Pure, so it is
// unit-tested on plain text.
import { readFountainParagraph } from '../../../shared/script/fountain-parse';
import type { ScriptOp } from '../../../shared/script/script-ops';
import type { LineKind } from './parsed-lines-logic';

export interface DictationInsert {
  ops: ScriptOp[];
  /** Where the cursor goes afterwards (in the text after the edit). */
  cursor: number;
  /** What the words became. */
  as: 'action' | 'dialogue';
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "go forward ten meters" → "Go forward ten meters." */
export function asSentence(words: string): string {
  const text = words.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  return capitalise(/[.!?…]$/.test(text) ? text : `${text}.`);
}

function lineAt(text: string, pos: number): { from: number; to: number } {
  const from = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', pos);
  return { from, to: end < 0 ? text.length : end };
}

const blank = (text: string, line: { from: number; to: number }): boolean => text.slice(line.from, line.to).trim() === '';

/** The dictated words inserted at `cursor`, whose line the editor reads as `kind`. */
export function dictationInsert(text: string, cursor: number, kind: LineKind, words: string): DictationInsert | null {
  const sentence = asSentence(words);
  if (sentence === '') return null;
  const line = lineAt(text, cursor);

  if (kind === 'dialogue') {
    // In dialogue: at the cursor, spaced from the words around it, a sentence of its own after a full stop.
    const before = text.slice(line.from, cursor);
    const after = text.slice(cursor, line.to);
    const startsSentence = before.trim() === '' || /[.!?…]["”’)]?\s*$/.test(before);
    const said = startsSentence ? sentence : sentence.charAt(0).toLowerCase() + sentence.slice(1);
    const piece = `${before !== '' && !/\s$/.test(before) ? ' ' : ''}${said}${after !== '' && !/^\s/.test(after) ? ' ' : ''}`;
    return { ops: [{ type: 'replaceText', from: cursor, to: cursor, text: piece }], cursor: cursor + piece.length, as: 'dialogue' };
  }
  if (kind === 'character' || kind === 'parenthetical') {
    // On a cue or a parenthetical: what the character says, on the line after it.
    const piece = `\n${sentence}`;
    return { ops: [{ type: 'replaceText', from: line.to, to: line.to, text: piece }], cursor: line.to + piece.length, as: 'dialogue' };
  }

  const action = readFountainParagraph(sentence)[0]?.type === 'action' ? sentence : `!${sentence}`;
  if (blank(text, line)) {
    // On an empty line: the paragraph goes here, apart from its neighbours.
    const prev = line.from > 0 ? lineAt(text, line.from - 1) : null;
    const next = line.to < text.length ? lineAt(text, line.to + 1) : null;
    const lead = prev && !blank(text, prev) ? '\n' : '';
    const tail = next && !blank(text, next) ? '\n' : '';
    const piece = `${lead}${action}${tail}`;
    return { ops: [{ type: 'replaceText', from: line.from, to: line.to, text: piece }], cursor: line.from + lead.length + action.length, as: 'action' };
  }
  // In a paragraph: a new one after it.
  let end = line;
  while (end.to < text.length) {
    const next = lineAt(text, end.to + 1);
    if (blank(text, next)) break;
    end = next;
  }
  // The line after it is blank or there is none, so the blank line before the next paragraph stays.
  const piece = `\n\n${action}`;
  return { ops: [{ type: 'replaceText', from: end.to, to: end.to, text: piece }], cursor: end.to + 2 + action.length, as: 'action' };
}
