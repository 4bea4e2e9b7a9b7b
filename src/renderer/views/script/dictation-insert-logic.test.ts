import { describe, expect, it } from 'vitest';
import { parseFountain } from '../../../shared/script/fountain-parse';
import { applyOps } from './ops-logic';
import { asSentence, dictationInsert } from './dictation-insert-logic';

/** The text after inserting the words at the cursor marked `|`, and where the cursor went (`|` again). */
function dictate(marked: string, kind: Parameters<typeof dictationInsert>[2], words = 'go forward ten meters'): { text: string; as: string } {
  const at = marked.indexOf('|');
  const text = marked.replace('|', '');
  const insert = dictationInsert(text, at, kind, words);
  if (!insert) throw new Error('nothing inserted');
  const after = applyOps(text, insert.ops);
  return { text: `${after.slice(0, insert.cursor)}|${after.slice(insert.cursor)}`, as: insert.as };
}

const elements = (text: string) => parseFountain(text.replace('|', '')).script.elements.map((e) => [e.type, 'text' in e ? e.text : '']);

describe('dictated words in the script', () => {
  it('makes a sentence', () => {
    expect(asSentence(' go  forward ten meters ')).toBe('Go forward ten meters.');
    expect(asSentence('is it raining?')).toBe('Is it raining?');
    expect(asSentence('   ')).toBe('');
  });

  it('adds an action paragraph after the paragraph the cursor is in', () => {
    const out = dictate('INT. HALL - NIGHT\n\nShe wa|its by the door.\nThe clock ticks.\n\nBOB\nHello.\n', 'action');
    expect(out).toEqual({ text: 'INT. HALL - NIGHT\n\nShe waits by the door.\nThe clock ticks.\n\nGo forward ten meters.|\n\nBOB\nHello.\n', as: 'action' });
    expect(elements(out.text).map((e) => e[0])).toEqual(['sceneHeading', 'action', 'action', 'character', 'dialogue']);
  });

  it('puts it on the empty line the cursor is on, apart from its neighbours', () => {
    expect(dictate('INT. HALL - NIGHT\n|\nBOB\nHi.', 'blank').text).toBe('INT. HALL - NIGHT\n\nGo forward ten meters.|\n\nBOB\nHi.');
    expect(dictate('Title: Demo\nAuthor: \n\n|', 'blank').text).toBe('Title: Demo\nAuthor: \n\nGo forward ten meters.|');
    expect(elements(dictate('Title: Demo\nAuthor: \n\n|', 'blank').text)).toEqual([['action', 'Go forward ten meters.']]);
  });

  it('continues dialogue at the cursor, and starts it under a cue or a parenthetical', () => {
    expect(dictate('BOB\nWe should leave.|', 'dialogue')).toEqual({ text: 'BOB\nWe should leave. Go forward ten meters.|', as: 'dialogue' });
    expect(dictate('BOB\nWe should|', 'dialogue').text).toBe('BOB\nWe should go forward ten meters.|');
    expect(dictate('BOB\n|', 'dialogue').text).toBe('BOB\nGo forward ten meters.|');
    expect(dictate('BO|B\n\nINT. X - DAY', 'character').text).toBe('BOB\nGo forward ten meters.|\n\nINT. X - DAY');
    expect(dictate('BOB\n(quietly)|\nHi.', 'parenthetical').text).toBe('BOB\n(quietly)\nGo forward ten meters.|\nHi.');
    expect(elements(dictate('BOB\n|', 'dialogue').text)).toEqual([['character', ''], ['dialogue', 'Go forward ten meters.']]);
  });

  it('forces action when the sentence alone would read as something else', () => {
    expect(dictate('|', 'blank', 'int house day').text).toBe('!Int house day.|');
    expect(elements('!Int house day.')).toEqual([['action', 'Int house day.']]);
    expect(dictationInsert('x', 0, 'action', '  ')).toBeNull();
  });
});
