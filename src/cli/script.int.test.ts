// Scripts from the command line as a user runs them: the built CLI (dist/cli/montage.js) in its own
// process on a real temp data folder — import a .fountain file, export it as PDF, Fountain and
// FDX, report on the project's script and on a file, and the refusals with their exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');
const run = (home: string, args: string[]): { code: number; out: string; err: string } => {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd: home, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};

const pilot = `Title: The Pilot
Author: A. Writer

INT. KITCHEN - NIGHT

BRICK pours coffee. STEEL watches.

BRICK
We need to talk.

STEEL (O.S.)
(from the hall)
Not now.

EXT. ROOF - DAY

BRICK (V.O.)
And then it rained.

> FADE OUT.
`;

describe('montage import / export / script report for scripts (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('imports a Fountain file and exports it as PDF, Fountain and FDX; reports on the project and the file', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'pilot.fountain'), pilot);
    const imported = run(home.dir, ['import', 'pilot.fountain', '--project', 'Film', '--json']);
    expect(imported.err).toBe('');
    expect(JSON.parse(imported.out)).toMatchObject({ project: { name: 'Film', created: true }, scripts: [{ name: 'pilot', scenes: 2, pages: 1 }] });

    const pdf = run(home.dir, ['export', 'Film', '--format', 'pdf', '--paper', 'a4', '--json']);
    expect(pdf.err).toBe('');
    expect(JSON.parse(pdf.out)).toMatchObject({ format: 'pdf', pages: 1, paper: 'a4', path: join(home.dir, 'pilot.pdf') });
    expect(readFileSync(join(home.dir, 'pilot.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(run(home.dir, ['export', 'Film', '--format', 'fountain', '--out', 'back.fountain']).code).toBe(0);
    expect(readFileSync(join(home.dir, 'back.fountain'), 'utf8')).toBe(pilot);
    expect(run(home.dir, ['export', 'Film', '--format', 'fdx', '--json']).code).toBe(0);
    expect(readFileSync(join(home.dir, 'pilot.fdx'), 'utf8')).toMatch(/^<\?xml[^>]*\?>\s*<FinalDraft/);
    // Never overwrites without --force.
    const again = run(home.dir, ['export', 'Film', '--format', 'pdf']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);

    const fromProject = run(home.dir, ['script', 'report', 'Film', '--json']);
    expect(fromProject.err).toBe('');
    const report = JSON.parse(fromProject.out) as { sceneCount: number; pages: number; title: string; characters: { name: string; lines: number }[]; locations: { name: string }[] };
    expect(report).toMatchObject({ sceneCount: 2, pages: 1, title: 'The Pilot', intExt: { int: 1, ext: 1 }, dayNight: { day: 1, night: 1 } });
    expect(report.characters.map((c) => [c.name, c.lines])).toEqual([
      ['BRICK', 2],
      ['STEEL', 1],
    ]);
    expect(report.locations.map((l) => l.name).sort()).toEqual(['KITCHEN', 'ROOF']);
    const fromFile = run(home.dir, ['script', 'report', 'pilot.fountain', '--json']);
    expect(JSON.parse(fromFile.out)).toEqual(report);
    const text = run(home.dir, ['script', 'report', 'pilot.fountain']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/BRICK/);
  });

  it('refuses broken scripts with one line and exit 1, bad usage with exit 2, and leaves the project as it was', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'good.fountain'), pilot);
    writeFileSync(join(home.dir, 'open.fountain'), `${pilot}\n/* a cut scene\n\nINT. CELLAR - DAY\n`);
    writeFileSync(join(home.dir, 'broken.fdx'), '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action"><Text>Hi</Content>');
    writeFileSync(join(home.dir, 'image.fountain'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    for (const [file, message] of [
      ['open.fountain', /boneyard/i],
      ['broken.fdx', /Final Draft|XML/i],
      ['image.fountain', /not a script|not text|PNG/i],
    ] as const) {
      const r = run(home.dir, ['import', 'good.fountain', file, '--project', 'Film']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    // Nothing was imported, not even the good file given first.
    expect(JSON.parse(run(home.dir, ['projects', 'list', '--json']).out)).toMatchObject({ total: 0 });
    expect(run(home.dir, ['script', 'report', 'open.fountain']).code).toBe(1);
    expect(run(home.dir, ['script', 'report']).code).toBe(2);
    expect(run(home.dir, ['export', 'Film', '--format', 'pdf', '--paper', 'legal']).code).toBe(2);
    expect(run(home.dir, ['export', 'Film', '--format', 'mid', '--script', 'x']).code).toBe(2);
  });
});
