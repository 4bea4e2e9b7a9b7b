// The file half of `montage script report FILE|PROJECT [--json]`: reads a script file (Fountain or
// Final Draft, by its extension), counts it into a ScriptReport with page numbers as the PDF export
// lays the script out, and formats the report as plain-text tables for the terminal. The command
// itself (arguments, projects, exit codes) lives in src/cli.
import { readFile } from 'node:fs/promises';
import { ScriptFileError, scriptFormatOf } from '../../shared/script/decode';
import type { Paper } from '../../shared/script/pagination';
import type { ScriptReport } from '../../shared/script/report';
import { scriptReport } from '../../shared/script/report-build';
import type { Script } from '../../shared/script/script';
import { readScriptBytes } from './read-script';

export interface ScriptFileOptions {
  /** Paper the pages are counted on; Letter unless asked. */
  paper?: Paper;
}

/** Reads a script file as a Script. Throws ScriptFileError or FdxError with a message for the writer. */
export async function readScriptFile(filePath: string): Promise<Script> {
  const format = scriptFormatOf(filePath);
  if (!format) throw new ScriptFileError(`Montage reads scripts from .fountain, .spmd, .txt and .fdx files; ${filePath} is none of these.`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ScriptFileError(`There is no file at ${filePath}.`);
    if (code === 'EISDIR') throw new ScriptFileError(`${filePath} is a folder, not a script file.`);
    if (code === 'EACCES' || code === 'EPERM') throw new ScriptFileError(`Montage is not allowed to read ${filePath}.`);
    throw err;
  }
  return readScriptBytes(bytes, format).script;
}

/** The report of a script file: its scenes, characters, locations, breakdown and pages. */
export async function reportForFile(filePath: string, options: ScriptFileOptions = {}): Promise<ScriptReport> {
  return scriptReport(await readScriptFile(filePath), options.paper ?? 'letter');
}

// ---------------------------------------------------------------------------------------------
// The human-readable report.

type Align = 'left' | 'right';

/** Columns padded to their widest cell; cells longer than 40 characters are cut with "…". */
function table(header: string[], rows: string[][], align: Align[]): string[] {
  const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  const cells = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) =>
    `  ${r.map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd(),
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The report as plain-text tables for a terminal. */
export function formatReport(report: ScriptReport): string {
  const out: string[] = [];
  out.push(report.title ?? 'Untitled script');
  out.push(
    [count(report.pages, 'page'), count(report.sceneCount, 'scene'), count(report.characters.length, 'speaking character'), count(report.locations.length, 'location')].join(
      ', ',
    ),
  );

  out.push('', 'Scenes');
  if (report.scenes.length === 0) out.push('  (no scene headings)');
  else {
    out.push(
      ...table(
        ['#', 'No.', 'INT/EXT', 'Location', 'Time', 'Page'],
        report.scenes.map((s) => [String(s.index), s.number ?? '', s.intExt ?? '', s.location, s.time ?? '', String(s.page)]),
        ['right', 'left', 'left', 'left', 'left', 'right'],
      ),
    );
  }

  out.push('', 'Characters');
  if (report.characters.length === 0) out.push('  (no dialogue)');
  else {
    out.push(
      ...table(
        ['Name', 'Lines', 'Words', 'Scenes'],
        report.characters.map((c) => [c.name, c.lines.toLocaleString('en-US'), c.words.toLocaleString('en-US'), c.scenes.toLocaleString('en-US')]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  }

  out.push('', 'Locations');
  if (report.locations.length === 0) out.push('  (none)');
  else out.push(...table(['Location', 'Scenes'], report.locations.map((l) => [l.name, String(l.scenes)]), ['left', 'right']));

  const { intExt, dayNight } = report;
  out.push('', 'Breakdown');
  out.push(
    ...table(
      ['', 'Scenes'],
      [
        ['INT', String(intExt.int)],
        ['EXT', String(intExt.ext)],
        ['INT/EXT', String(intExt.intExt)],
        ['Other', String(intExt.other)],
        ['', ''],
        ['Day', String(dayNight.day)],
        ['Night', String(dayNight.night)],
        ['Other', String(dayNight.other)],
      ],
      ['left', 'right'],
    ),
  );

  out.push('', `Pages: ${report.pages.toLocaleString('en-US')}`);
  return `${out.join('\n')}\n`;
}
