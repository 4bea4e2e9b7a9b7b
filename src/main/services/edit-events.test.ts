// What a saved change records: the document, a song's instruments taken up, a script's scenes
// written in (found in the text after the change, each op's place moved by the ops after it).
import { describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../shared/api';
import { recordDocumentChange } from './edit-events';

const script = { id: 's1', kind: 'script', projectId: 'p1' } as DocumentInfo;
const song = { id: 'g1', kind: 'song', projectId: 'p1' } as DocumentInfo;
const fountain = ['INT. KITCHEN - NIGHT', '', 'Ana pours tea.', '', 'EXT. ROOF - DAY', '', 'Wind.', ''].join('\n');

function recorded(info: DocumentInfo, ops: unknown[], content?: unknown): string[] {
  const items: string[] = [];
  recordDocumentChange({ record: (e) => (items.push(e.item ?? ''), true) }, info, ops, content);
  return items;
}

describe('recordDocumentChange', () => {
  it('names the scenes a script change wrote in', () => {
    const tea = fountain.indexOf('tea');
    expect(recorded(script, [{ type: 'replaceText', from: tea, to: tea, text: 'hot ' }], { fountain })).toEqual(['script:s1', 'scene:s1/INT.%20KITCHEN%20-%20NIGHT']);
    // Two ops: the first's place is moved by the second (inserted before it).
    const wind = fountain.indexOf('Wind');
    const ops = [
      { type: 'replaceText', from: wind, to: wind, text: 'Cold ' },
      { type: 'replaceText', from: 0, to: 0, text: 'FADE IN:\n\n' },
    ];
    expect(recorded(script, ops, { fountain: `FADE IN:\n\n${fountain}` })).toEqual(['script:s1', 'scene:s1/EXT.%20ROOF%20-%20DAY']);
    // Before the first heading there is no scene; without the text only the script is named.
    expect(recorded(script, [{ type: 'replaceText', from: 0, to: 0, text: 'X' }], { fountain: `X${fountain}`.replace('INT.', 'Title: INT.') })).toEqual(['script:s1']);
    expect(recorded(script, [{ type: 'replaceText', from: tea, to: tea, text: 'x' }])).toEqual(['script:s1']);
  });

  it("names a song's instruments taken up", () => {
    const ops = [{ type: 'addTrack', track: { isDrum: false, program: 33 } }, { type: 'updateTrack', changes: { isDrum: true } }];
    expect(recorded(song, ops)).toEqual(['song:g1', 'instrument:33', 'instrument:drums']);
  });
});
