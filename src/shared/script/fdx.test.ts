// eslint-disable-next-line no-restricted-imports -- a test reading afterwriting's fixtures from node_modules; never shipped
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FdxError, readFdx, writeFdx } from './fdx';
import { parseFountain } from './fountain-parse';
import { writeFountain } from './fountain-write';
import type { Script, ScriptElement } from './script';
import { arbitraryScript } from './testing/arbitrary-script';

// The devDependency afterwriting's test files, read where npm installed them.
const afterwriting = new URL('../../../node_modules/afterwriting/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`test/data/screenplays/fdx/${name}`, afterwriting), 'utf8');
const brickAndSteel = () => readFileSync(new URL('samples/brick_and_steel.fountain', afterwriting), 'utf8');

const fdx = (content: string, titlePage = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Template="No" Version="4">\n<Content>\n${content}\n</Content>\n${titlePage}</FinalDraft>\n`;
const para = (type: string, text: string, attrs = '') => `<Paragraph Type="${type}"${attrs}><Text>${text}</Text></Paragraph>`;

/** The script without the `forced` flags, which say how Fountain spells an element, not what it is. */
const unforced = (script: Script) => ({
  titlePage: script.titlePage,
  elements: script.elements.map((e) => {
    if (!('forced' in e)) return e;
    const { forced: _, ...rest } = e;
    return rest;
  }),
});

describe('readFdx', () => {
  it('reads the afterwriting fixtures: notes in a heading and in action, and a synopsis', () => {
    expect(readFdx(fixture('header_note.fdx')).elements).toEqual([
      { type: 'sceneHeading', text: 'INT. SCENE HEADING - DAY', forced: false },
      { type: 'note', text: 'Note in scene heading.' },
    ]);
    expect(readFdx(fixture('note.fdx')).elements).toEqual([{ type: 'action', text: 'Action. Action. [[Note in action. Note. Note. Note.]]', forced: false }]);
    expect(readFdx(fixture('synopsis.fdx')).elements).toEqual([
      { type: 'sceneHeading', text: 'INT. SCENE HEADING - DAY', forced: false },
      { type: 'synopsis', text: 'Here is the synopsis.' },
    ]);
  });

  it('reads the afterwriting fixtures as their Fountain versions read', () => {
    for (const name of ['header_note', 'note', 'synopsis']) {
      expect(readFdx(fixture(`${name}.fdx`))).toEqual(parseFountain(fixture(`${name}.fountain`)).script);
    }
  });

  it('reads every paragraph type, numbers, colours and page breaks', () => {
    const script = readFdx(
      fdx(
        [
          `<Paragraph Type="Scene Heading" Number="12A"><SceneProperties Color="#FFFF00000000" Title="Kitchen"/><Text>INT. KITCHEN - DAY</Text></Paragraph>`,
          para('Action', 'Brick enters.'),
          para('Character', 'BRICK (V.O.)'),
          para('Parenthetical', '(quietly)'),
          para('Dialogue', 'First line.'),
          para('Dialogue', 'Second line.'),
          para('Transition', 'CUT TO:'),
          para('Shot', 'ANGLE ON THE DOOR'),
          para('General', 'Some general text.', ' StartsNewPage="Yes"'),
          para('Cast List', 'BRICK, STEEL'),
          para('Action', 'THE END', ' Alignment="Center"'),
          para('Lyrics', 'La la la'),
          para('Outline 2', 'ACT TWO'),
          para('Action', ''),
          para('Scene Heading', 'FLASHBACK', ' Number="13"'),
          `<Paragraph Type="Scene Heading"><SceneProperties Color="#123412345678"/><Text>EXT. ROOF - NIGHT</Text></Paragraph>`,
        ].join('\n'),
      ),
    );
    expect(script.elements).toEqual<ScriptElement[]>([
      { type: 'sceneHeading', text: 'INT. KITCHEN - DAY', forced: false, number: '12A', color: 'red' },
      { type: 'action', text: 'Brick enters.', forced: false },
      { type: 'character', name: 'BRICK', extension: 'V.O.', forced: false, dual: false },
      { type: 'parenthetical', text: '(quietly)' },
      { type: 'dialogue', text: 'First line.\nSecond line.' },
      { type: 'transition', text: 'CUT TO:', forced: false },
      { type: 'action', text: 'ANGLE ON THE DOOR', forced: false },
      { type: 'pageBreak' },
      { type: 'action', text: 'Some general text.', forced: false },
      { type: 'action', text: 'BRICK, STEEL', forced: false },
      { type: 'centered', text: 'THE END' },
      { type: 'lyrics', text: 'La la la' },
      { type: 'section', depth: 2, text: 'ACT TWO' },
      { type: 'sceneHeading', text: 'FLASHBACK', forced: true, number: '13' },
      { type: 'sceneHeading', text: 'EXT. ROOF - NIGHT', forced: false, color: '#121256' },
    ]);
  });

  it('reads Text styles as Fountain emphasis and escapes literal markers', () => {
    const script = readFdx(
      fdx(
        `<Paragraph Type="Action"><Text>He </Text><Text Style="Bold">really </Text><Text Style="Bold+Italic">means</Text><Text Style="Bold"> it</Text><Text>. </Text>` +
          `<Text Style="Underline">Now</Text><Text> 5*3 &amp; snake_case &lt;ok&gt; &#x2014; &apos;x&apos;</Text><Text Style="AllCaps"> loud</Text></Paragraph>`,
      ),
    );
    expect(script.elements).toEqual([{ type: 'action', text: "He **really *means* it**. _Now_ 5\\*3 & snake\\_case <ok> — 'x' LOUD", forced: false }]);
  });

  it('reads dual dialogue: the second cue of the block is dual', () => {
    const script = readFdx(
      fdx(
        `<Paragraph><DualDialogue>${para('Character', 'BRICK')}${para('Dialogue', 'Left!')}${para('Character', 'STEEL')}${para('Parenthetical', '(shouting)')}${para('Dialogue', 'Right!')}</DualDialogue></Paragraph>` +
          para('Character', 'BRICK') +
          para('Dialogue', 'Fine.'),
      ),
    );
    expect(script.elements.filter((e) => e.type === 'character')).toEqual([
      { type: 'character', name: 'BRICK', forced: false, dual: false },
      { type: 'character', name: 'STEEL', forced: false, dual: true },
      { type: 'character', name: 'BRICK', forced: false, dual: false },
    ]);
    expect(script.elements).toHaveLength(7);
  });

  it('moves a note on a cue into the speech, so the speech stays whole', () => {
    const note = '<ScriptNote ID="1"><Paragraph><Text>Louder?</Text></Paragraph></ScriptNote>';
    const cue = (text: string) => `<Paragraph Type="Character">${note}<Text>${text}</Text></Paragraph>`;
    expect(readFdx(fdx(cue('BRICK') + para('Dialogue', 'Go.') + cue('STEEL'))).elements).toEqual([
      { type: 'character', name: 'BRICK', forced: false, dual: false },
      { type: 'dialogue', text: 'Go. [[Louder?]]' },
      { type: 'character', name: 'STEEL', forced: false, dual: false },
      { type: 'note', text: 'Louder?' },
    ]);
  });

  it('marks elements Fountain would misread as forced', () => {
    const script = readFdx(fdx([para('Character', 'McCLANE'), para('Dialogue', 'Yippee.'), para('Action', 'INT. IS NOT A HEADING'), para('Transition', 'Fade out.')].join('')));
    expect(script.elements.map((e) => ('forced' in e ? e.forced : null))).toEqual([true, null, true, true]);
  });

  it('reads the title page into keys', () => {
    const line = (text: string, align: string) => `<Paragraph Alignment="${align}"><Text>${text}</Text></Paragraph>`;
    const titlePage = `<TitlePage><Content>${[
      line('BRICK &amp; STEEL', 'Center'),
      line('FULL RETIRED', 'Center'),
      line('', 'Center'),
      line('Written by', 'Center'),
      line('', 'Center'),
      line('Stu Maschwitz', 'Center'),
      line('', 'Center'),
      line('Based on a true story', 'Center'),
      line('', 'Left'),
      line('Final Draft, 2 May 2024', 'Left'),
      line('', 'Left'),
      line('stu@example.com', 'Left'),
      line('(555) 0100', 'Left'),
    ].join('')}</Content></TitlePage>`;
    expect(readFdx(fdx('', titlePage)).titlePage).toEqual([
      { key: 'Title', value: 'BRICK & STEEL\nFULL RETIRED' },
      { key: 'Credit', value: 'Written by' },
      { key: 'Author', value: 'Stu Maschwitz' },
      { key: 'Source', value: 'Based on a true story' },
      { key: 'Draft date', value: 'Final Draft, 2 May 2024' },
      { key: 'Contact', value: 'stu@example.com\n(555) 0100' },
    ]);
  });

  it('refuses broken XML with the line where it breaks', () => {
    const broken = fdx('<Paragraph Type="Action">\n<Text>Hi</Text>\n</Content>');
    expect(() => readFdx(broken)).toThrow(FdxError);
    expect(() => readFdx(broken)).toThrow(/^This is not a Final Draft file: its XML is broken at line 6 \(expected closing tag 'Paragraph'/);
    const unclosed = '<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action">\n<Text>Hi</Text>\n';
    expect(() => readFdx(unclosed)).toThrow('This is not a Final Draft file: its XML is broken at line 4 (unclosed tag <Paragraph>).');
    expect(() => readFdx('')).toThrow('This is not a Final Draft file: it is empty.');
    expect(() => readFdx('INT. KITCHEN - DAY\n\nBrick enters.')).toThrow(/^This is not a Final Draft file: its XML is broken at line 1/);
  });

  it('refuses XML that is not a Final Draft document', () => {
    expect(() => readFdx('<?xml version="1.0"?><html><body/></html>')).toThrow('This is not a Final Draft file: its XML holds <html>, not <FinalDraft>.');
  });
});

describe('writeFdx', () => {
  it('writes well-formed, escaped XML with styles, numbers, colours, notes and summaries', () => {
    const script: Script = {
      titlePage: [{ key: 'Title', value: 'R&D <“Two”>' }],
      elements: [
        { type: 'sceneHeading', text: 'INT. R&D LAB - DAY', forced: false, number: '4', color: 'blue' },
        { type: 'synopsis', text: 'They meet.' },
        { type: 'note', text: 'Check the lab name.' },
        { type: 'action', text: 'A **bold** move [[is it?]] & more.', forced: false },
        { type: 'pageBreak' },
        { type: 'character', name: 'BRICK', extension: "CONT'D", forced: false, dual: false },
        { type: 'dialogue', text: 'Say "<hi>"\u0007.' },
        { type: 'boneyard', text: 'cut' },
      ],
    };
    const xml = writeFdx(script);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"/);
    expect(xml).toContain('<Paragraph Type="Scene Heading" Number="4">');
    expect(xml).toContain('<SceneProperties Color="#00000000FFFF">');
    expect(xml).toContain('<Summary>');
    expect(xml).toContain('<Text Style="Bold">bold</Text>');
    expect(xml).toContain('<Paragraph Type="Character" StartsNewPage="Yes">');
    expect(xml).toContain('<Text>Say &quot;&lt;hi&gt;&quot;.</Text>');
    expect(xml).not.toContain('cut');
    expect(readFdx(xml)).toEqual({
      titlePage: [{ key: 'Title', value: 'R&D <“Two”>' }],
      elements: [
        { type: 'sceneHeading', text: 'INT. R&D LAB - DAY', forced: false, number: '4', color: 'blue' },
        { type: 'synopsis', text: 'They meet.' },
        { type: 'note', text: 'Check the lab name.' },
        { type: 'action', text: 'A **bold** move & more. [[is it?]]', forced: false },
        { type: 'pageBreak' },
        { type: 'character', name: 'BRICK', extension: "CONT'D", forced: false, dual: false },
        { type: 'dialogue', text: 'Say "<hi>".' },
      ],
    });
  });

  it('writes a note in a heading as the heading\'s ScriptNote', () => {
    const xml = writeFdx({ titlePage: [], elements: [{ type: 'sceneHeading', text: 'INT. HOUSE - DAY [[which house?]]', forced: false }] });
    expect(readFdx(xml).elements).toEqual([
      { type: 'sceneHeading', text: 'INT. HOUSE - DAY', forced: false },
      { type: 'note', text: 'which house?' },
    ]);
  });

  it('writes dual dialogue as one <DualDialogue> block', () => {
    const xml = writeFdx({
      titlePage: [],
      elements: [
        { type: 'character', name: 'BRICK', forced: false, dual: false },
        { type: 'dialogue', text: 'Left!' },
        { type: 'character', name: 'STEEL', forced: false, dual: true },
        { type: 'dialogue', text: 'Right!' },
        { type: 'action', text: 'They stop.', forced: false },
      ],
    });
    expect(xml.match(/<DualDialogue>/g)).toHaveLength(1);
    expect(xml.indexOf('They stop.')).toBeGreaterThan(xml.indexOf('</DualDialogue>'));
  });

  it('round-trips the afterwriting fixtures', () => {
    for (const name of ['header_note.fdx', 'note.fdx', 'synopsis.fdx']) {
      const script = readFdx(fixture(name));
      expect(readFdx(writeFdx(script))).toEqual(script);
    }
  });

  it('round-trips the Brick & Steel sample exactly, title page included', () => {
    const script = parseFountain(brickAndSteel()).script;
    expect(script.elements.length).toBeGreaterThan(50);
    expect(readFdx(writeFdx(script))).toEqual(script);
  });

  it('reads generated scripts into elements that Fountain writes and reads back the same', () => {
    fc.assert(
      fc.property(arbitraryScript, (script) => {
        const read = readFdx(writeFdx(script));
        expect(parseFountain(writeFountain(read)).script).toEqual(read);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips generated scripts: readFdx(writeFdx(s)) is s', () => {
    fc.assert(
      fc.property(arbitraryScript, (script) => {
        const xml = writeFdx(script);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(unforced(readFdx(xml))).toEqual(unforced(script));
      }),
      { numRuns: 300 },
    );
  });
});
