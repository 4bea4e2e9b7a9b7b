// The Fountain files shipped with the `afterwriting` devDependency (samples and test screenplays),
// read from node_modules at test time, never copied here: each parses without problems, with
// sensible counts, survives parse → write → parse, and parses the same incrementally.
// eslint-disable-next-line no-restricted-imports -- a test reading fixtures from disk; never shipped
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncrementalParser } from './fountain-incremental';
import { parseFountain } from './fountain-parse';
import { writeFountain } from './fountain-write';
import { scenesOf } from './scenes';

const root = join(process.cwd(), 'node_modules', 'afterwriting');
const walk = (dir: string): string[] =>
  !existsSync(dir)
    ? []
    : readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : n.endsWith('.fountain') ? [p] : [];
      });
const files = [...walk(join(root, 'samples')), ...walk(join(root, 'test', 'data', 'screenplays'))].map((p) => p.slice(root.length + 1));
const read = (name: string) => readFileSync(join(root, name), 'utf8');
const count = (name: string, type: string) => parseFountain(read(name)).script.elements.filter((e) => e.type === type).length;

describe('real Fountain files (afterwriting samples and test screenplays)', () => {
  it('finds them', () => {
    expect(files).toContain('samples/brick_and_steel.fountain');
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s parses without problems and survives write → parse', (name) => {
    const text = read(name);
    const first = parseFountain(text);
    expect(first.problems).toEqual([]);
    expect(first.script.elements.length).toBeGreaterThan(0);
    expect(first.spans).toHaveLength(first.script.elements.length);
    for (const s of first.spans) expect(s.to).toBeGreaterThanOrEqual(s.from);
    const written = writeFountain(first.script);
    expect(parseFountain(written).script).toEqual(first.script);
    expect(writeFountain(parseFountain(written).script)).toBe(written);
    expect(createIncrementalParser().parse(text)).toEqual(first);
  });

  it('brick_and_steel: title page, scenes, cues', () => {
    const p = parseFountain(read('samples/brick_and_steel.fountain'));
    expect(p.script.titlePage.map((e) => e.key)).toEqual(['Title', 'Credit', 'Author', 'Source', 'Draft date', 'Contact']);
    expect(p.script.titlePage[0]!.value).toBe('_**BRICK & STEEL**_\n_**FULL RETIRED**_');
    const scenes = scenesOf(p);
    expect(scenes.map((s) => s.heading)).toEqual([
      "EXT. BRICK'S PATIO - DAY",
      'INT. TRAILER HOME - DAY',
      "EXT. BRICK'S POOL - DAY",
      'SNIPER SCOPE POV',
      'OPENING TITLES',
      'EXT. WOODEN SHACK - DAY',
      'INT. GARAGE - DAY',
      'EXT. PALATIAL MANSION - DAY',
    ]);
    expect(count('samples/brick_and_steel.fountain', 'character')).toBe(20);
    expect(count('samples/brick_and_steel.fountain', 'transition')).toBe(7);
    expect(count('samples/brick_and_steel.fountain', 'centered')).toBe(3);
    expect(scenes[0]!.characters).toEqual(['STEEL', 'BRICK']);
    expect(scenes[1]!.characters).toEqual(['JACK', 'DAN']);
    expect(scenes[5]!.characters).toEqual(['COGNITO', 'STEEL']);
    expect(p.script.elements.filter((e) => e.type === 'character' && e.dual)).toHaveLength(1);
  });

  it('test.fountain: every kind of element', () => {
    const p = parseFountain(read('test/data/screenplays/test.fountain'));
    const kinds = new Set(p.script.elements.map((e) => e.type));
    for (const k of ['sceneHeading', 'action', 'character', 'parenthetical', 'dialogue', 'lyrics', 'transition', 'centered', 'pageBreak', 'section', 'synopsis', 'note', 'boneyard'])
      expect(kinds, k).toContain(k);
    expect(p.script.titlePage.find((e) => e.key === 'Contact')?.value).toBe('e-mail: email@email.com\nphone: +12 34 567 89');
  });

  it('the longer samples have their scenes and speeches', () => {
    expect(count('samples/my_living_memory.fountain', 'sceneHeading')).toBeGreaterThan(5);
    expect(count('samples/my_living_memory.fountain', 'character')).toBeGreaterThan(50);
    expect(count('samples/printing_trouble.fountain', 'sceneHeading')).toBeGreaterThan(20);
  });
});
