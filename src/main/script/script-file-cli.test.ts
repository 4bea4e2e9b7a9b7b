import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFdx } from '../../shared/script/fdx';
import { parseFountain } from '../../shared/script/fountain-parse';
import { pageCount } from '../../shared/script/pagination';
import type { ScriptReport } from '../../shared/script/report';
import { formatReport, readScriptFile, reportForFile } from './script-file-cli';

const brickAndSteelPath = join(process.cwd(), 'node_modules/afterwriting/samples/brick_and_steel.fountain');
const dir = mkdtempSync(join(tmpdir(), 'montage-script-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const at = join(dir, name);
  writeFileSync(at, content);
  return at;
};

describe('reportForFile', () => {
  it('reports a Fountain file with its pages', async () => {
    const report = await reportForFile(brickAndSteelPath);
    expect(report.title).toBe('BRICK & STEEL FULL RETIRED');
    expect(report.sceneCount).toBe(8);
    expect(report.pages).toBeGreaterThan(1);
    expect(report.characters[0]).toEqual({ name: 'STEEL', lines: 9, words: 40, scenes: 5 });
  });

  it('reports a Final Draft file the same as the Fountain it was made from', async () => {
    const script = parseFountain(readFileSync(brickAndSteelPath, 'utf8')).script;
    const fdxPath = file('Brick & Steel.FDX', writeFdx(script));
    expect(await reportForFile(fdxPath)).toEqual(await reportForFile(brickAndSteelPath));
  });

  it('counts pages on A4 when asked', async () => {
    // 30 scenes of 3 lines with a blank line between: 3 Letter pages (55 lines each) but 2 A4 pages (59).
    const long = Array.from({ length: 30 }, (_, i) => `INT. ROOM ${i} - DAY\n\nSomething happens in room ${i}.\n`).join('\n');
    const at = file('long.fountain', long);
    const script = parseFountain(long).script;
    const letter = await reportForFile(at);
    const a4 = await reportForFile(at, { paper: 'a4' });
    expect(letter.pages).toBe(pageCount(script, 'letter'));
    expect(a4.pages).toBe(pageCount(script, 'a4'));
    expect(a4.pages).toBeLessThan(letter.pages);
  });

  it('reads Windows-1252 .txt and UTF-16 .spmd files', async () => {
    const cp1252 = Uint8Array.from([...new TextEncoder().encode('INT. CAF'), 0xc9, ...new TextEncoder().encode(' - DAY\n\nZO'), 0xcb, 0x0a, 0x93, 0x48, 0x69, 0x94, 0x0a]);
    const r1 = await reportForFile(file('old.txt', cp1252));
    expect(r1.locations).toEqual([{ name: 'CAFÉ', scenes: 1 }]);
    expect(r1.characters).toEqual([{ name: 'ZOË', lines: 1, words: 1, scenes: 1 }]);
    const text = 'EXT. ROOF - NIGHT\n\nANNA\nHello there.\n';
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect((await reportForFile(file('roof.spmd', utf16))).dayNight).toEqual({ day: 0, night: 1, other: 0 });
  });

  it('refuses a Fountain file with an unclosed boneyard or note, with the parser\'s message', async () => {
    await expect(reportForFile(file('open.fountain', 'INT. A - DAY\n\n/* cut\n\nBob runs.\n'))).rejects.toThrow(
      'The boneyard opened on line 3 (/*) is never closed.',
    );
    await expect(reportForFile(file('note.fountain', 'INT. A - DAY\n\nBob [[runs.\n'))).rejects.toThrow(/note opened on line 3/);
  });

  it('refuses files that are not scripts', async () => {
    await expect(reportForFile(file('script.pdf', '%PDF-1.7'))).rejects.toThrow(/\.fountain, \.spmd, \.txt and \.fdx files/);
    await expect(reportForFile(file('fake.fountain', '%PDF-1.7\n'))).rejects.toThrow('This file is not a script: it looks like a PDF.');
    await expect(reportForFile(file('broken.fdx', '<FinalDraft><Content>\n<Paragraph>'))).rejects.toThrow(/^This is not a Final Draft file/);
    await expect(reportForFile(join(dir, 'missing.fountain'))).rejects.toThrow(/^There is no file at .*missing\.fountain\.$/);
    await expect(readScriptFile(dir + '/')).rejects.toThrow();
  });
});

describe('formatReport', () => {
  const report: ScriptReport = {
    title: 'BRICK & STEEL',
    scenes: [
      { index: 1, number: '1', heading: "EXT. BRICK'S PATIO - DAY", intExt: 'EXT', location: "BRICK'S PATIO", time: 'DAY', characters: ['STEEL', 'BRICK'], page: 1 },
      { index: 2, number: null, heading: 'OPENING TITLES', intExt: null, location: 'OPENING TITLES', time: null, characters: [], page: 12 },
    ],
    sceneCount: 2,
    characters: [
      { name: 'STEEL', lines: 1234, words: 10, scenes: 2 },
      { name: 'BRICK', lines: 4, words: 14, scenes: 1 },
    ],
    locations: [
      { name: "BRICK'S PATIO", scenes: 1 },
      { name: 'OPENING TITLES', scenes: 1 },
    ],
    pages: 12,
    intExt: { int: 0, ext: 1, intExt: 0, other: 1 },
    dayNight: { day: 1, night: 0, other: 1 },
  };

  it('prints the scene list, characters, locations, breakdown and pages as aligned tables', () => {
    expect(formatReport(report)).toBe(
      [
        'BRICK & STEEL',
        '12 pages, 2 scenes, 2 speaking characters, 2 locations',
        '',
        'Scenes',
        '  #  No.  INT/EXT  Location        Time  Page',
        "  1  1    EXT      BRICK'S PATIO   DAY      1",
        '  2                OPENING TITLES          12',
        '',
        'Characters',
        '  Name   Lines  Words  Scenes',
        '  STEEL  1,234     10       2',
        '  BRICK      4     14       1',
        '',
        'Locations',
        '  Location        Scenes',
        "  BRICK'S PATIO        1",
        '  OPENING TITLES       1',
        '',
        'Breakdown',
        '           Scenes',
        '  INT           0',
        '  EXT           1',
        '  INT/EXT       0',
        '  Other         1',
        '',
        '  Day           1',
        '  Night         0',
        '  Other         1',
        '',
        'Pages: 12',
        '',
      ].join('\n'),
    );
  });

  it('says so when a script is empty', () => {
    const empty: ScriptReport = {
      title: null,
      scenes: [],
      sceneCount: 0,
      characters: [],
      locations: [],
      pages: 0,
      intExt: { int: 0, ext: 0, intExt: 0, other: 0 },
      dayNight: { day: 0, night: 0, other: 0 },
    };
    const text = formatReport(empty);
    expect(text).toContain('Untitled script\n0 pages, 0 scenes, 0 speaking characters, 0 locations');
    expect(text).toContain('(no scene headings)');
    expect(text).toContain('(no dialogue)');
  });

  it('cuts very long cells', () => {
    const long = { ...report, locations: [{ name: 'A'.repeat(60), scenes: 1 }] };
    expect(formatReport(long)).toContain(`  ${'A'.repeat(39)}…  `);
  });
});
