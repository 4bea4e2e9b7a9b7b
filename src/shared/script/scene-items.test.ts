import { describe, expect, it } from 'vitest';
import { parseFountain } from './fountain-parse';
import { findSceneByHeading, headingAt, parseSceneItem, sceneItemKey } from './scene-items';

const text = ['Title: Pilot', '', 'INT. KITCHEN - NIGHT #1#', '', 'Ana pours tea.', '', '.FLASHBACK', '', 'Rain.', '', 'EXT. ROOF - DAY', '', 'ANA', 'Hello.', ''].join('\n');

describe('scene items', () => {
  it('keys a scene by its script and heading, and reads the key back', () => {
    const key = sceneItemKey('s1', '  INT.  KITCHEN -   NIGHT ');
    expect(key).toBe('scene:s1/INT.%20KITCHEN%20-%20NIGHT');
    expect(parseSceneItem(key!)).toEqual({ scriptId: 's1', heading: 'INT. KITCHEN - NIGHT' });
    expect(sceneItemKey('s1', '   ')).toBeNull();
    expect(parseSceneItem('scene:s1/%E0%A4%A')).toBeNull();
    expect(parseSceneItem('song:s1')).toBeNull();
    // A long heading is cut so the key stays an item key.
    expect(sceneItemKey('00000000-0000-4000-8000-000000000001', 'INT. '.padEnd(400, 'X'))!.length).toBeLessThanOrEqual(6 + 36 + 1 + 100 * 3);
  });

  it('finds the heading of the scene holding a place in the text', () => {
    expect(headingAt(text, text.indexOf('Title'))).toBeNull();
    expect(headingAt(text, text.indexOf('pours'))).toBe('INT. KITCHEN - NIGHT');
    expect(headingAt(text, text.indexOf('INT.'))).toBe('INT. KITCHEN - NIGHT');
    expect(headingAt(text, text.indexOf('Rain'))).toBe('FLASHBACK');
    expect(headingAt(text, text.indexOf('Hello'))).toBe('EXT. ROOF - DAY');
    expect(headingAt(text, text.length + 10)).toBe('EXT. ROOF - DAY');
    // "INT." inside action that follows other action is not a heading.
    expect(headingAt('EXT. A - DAY\n\nShe says\nINT. is short for interior.', 30)).toBe('EXT. A - DAY');
  });

  it('agrees with the parser on which scene a heading names', () => {
    const parsed = parseFountain(text);
    expect(findSceneByHeading(parsed, 'EXT.  ROOF - DAY')?.index).toBe(2);
    expect(findSceneByHeading(parsed, headingAt(text, text.indexOf('pours'))!)?.index).toBe(0);
    expect(findSceneByHeading(parsed, 'INT. GONE - DAY')).toBeUndefined();
  });
});
