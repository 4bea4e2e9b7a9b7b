// Screenplay PDF export bench. Run with `tsx bench/script/pdf-bench.ts`.
//   1. Page counts: each sample script shipped with the `afterwriting` devDependency, laid out by
//      Montage (pageCount) and printed by afterwriting's CLI (pages counted with poppler's pdfinfo),
//      on Letter and A4, title pages left out. Target: within a page or two per hundred.
//   2. Export time: a ~120-page script made by repeating a sample's scenes, parsed and exported to
//      PDF (median of 5 runs after a warm-up), with its page count in both tools.
// The samples are read where npm installed them and never copied. Needs poppler-utils.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { scriptToPdf } from '../../src/main/script/script-pdf';
import { parseFountain } from '../../src/shared/script/fountain-parse';
import { pageCount, paginate, type Paper } from '../../src/shared/script/pagination';

const root = join(import.meta.dirname, '..', '..');
const samplesDir = join(root, 'node_modules', 'afterwriting', 'samples');
const awBin = join(root, 'node_modules', '.bin', 'afterwriting');
const work = mkdtempSync(join(tmpdir(), 'montage-pdf-bench-'));
const profiles: Record<Paper, string> = { letter: 'usletter', a4: 'a4' };

function pdfPages(file: string): number {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(out);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/** Pages of afterwriting's PDF of `file`, title page left out, and how long its CLI took. */
function afterwritingPages(file: string, paper: Paper): { pages: number; ms: number } {
  const config = join(work, `aw-${paper}.json`);
  writeFileSync(config, JSON.stringify({ print_profile: profiles[paper], print_title_page: false, scenes_numbers: 'none', use_dual_dialogue: true, split_dialogue: true }));
  const out = join(work, `${basename(file, '.fountain')}-${paper}.pdf`);
  const t0 = performance.now();
  execFileSync(awBin, ['--source', file, '--pdf', out, '--overwrite', '--config', config], { stdio: 'ignore', timeout: 300_000 });
  return { pages: pdfPages(out), ms: performance.now() - t0 };
}

const montagePages = (text: string, paper: Paper) => pageCount(parseFountain(text).script, paper);

/** The text after the title page (which runs to the first blank line when the script opens with `Key:`). */
function body(text: string): string {
  const t = text.replace(/\r\n?/g, '\n');
  if (!/^[^\n:]+:/.test(t)) return t;
  const end = t.indexOf('\n\n');
  return end < 0 ? '' : t.slice(end + 2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(): Promise<void> {
  const samples = readdirSync(samplesDir)
    .filter((f) => f.endsWith('.fountain'))
    .sort();
  console.log('Page counts (title pages not counted)');
  console.log(`${'sample'.padEnd(22)}${pad('Montage Letter', 16)}${pad('afterwriting Letter', 21)}${pad('Montage A4', 12)}${pad('afterwriting A4', 17)}`);
  for (const f of samples) {
    const file = join(samplesDir, f);
    const text = readFileSync(file, 'utf8');
    const row = [f.replace('.fountain', '').padEnd(22)];
    for (const paper of ['letter', 'a4'] as const) {
      row.push(pad(montagePages(text, paper), paper === 'letter' ? 16 : 12));
      row.push(pad(afterwritingPages(file, paper).pages, paper === 'letter' ? 21 : 17));
    }
    console.log(row.join(''));
  }

  // A long script: the largest sample's scenes repeated until it reaches ~120 Letter pages.
  const largest = samples.map((f) => join(samplesDir, f)).sort((a, b) => readFileSync(b, 'utf8').length - readFileSync(a, 'utf8').length)[0] as string;
  const text = readFileSync(largest, 'utf8');
  const head = text.replace(/\r\n?/g, '\n').slice(0, text.length - body(text).length);
  const scenes = body(text).trimEnd();
  const make = (n: number) => `${head}${Array(n).fill(scenes).join('\n\n')}\n`;
  const per = Math.max(1, montagePages(scenes, 'letter'));
  const guess = Math.max(1, Math.round(120 / per));
  const copies = [guess - 1, guess, guess + 1]
    .filter((n) => n >= 1)
    .sort((a, b) => Math.abs(montagePages(make(a), 'letter') - 120) - Math.abs(montagePages(make(b), 'letter') - 120))[0] as number;
  const big = make(copies);
  const bigFile = join(work, 'long.fountain');
  writeFileSync(bigFile, big);

  const parseTimes: number[] = [];
  const exportTimes: number[] = [];
  let pages = 0;
  let bytes = 0;
  let cold = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const { script } = parseFountain(big);
    const t1 = performance.now();
    const pdf = await scriptToPdf(script, { paper: 'letter', sceneNumbers: true });
    const t2 = performance.now();
    if (i === 0) cold = t2 - t0;
    else {
      parseTimes.push(t1 - t0);
      exportTimes.push(t2 - t1);
    }
    pages = pdf.pages;
    bytes = pdf.bytes.length;
  }
  const layoutTimes: number[] = [];
  const parsed = parseFountain(big).script;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    paginate(parsed, { paper: 'letter', sceneNumbers: true });
    layoutTimes.push(performance.now() - t0);
  }
  const aw = afterwritingPages(bigFile, 'letter');
  const aw4 = afterwritingPages(bigFile, 'a4');
  console.log('');
  console.log(`Long script: ${basename(largest)} x ${copies} (${(big.length / 1000).toFixed(0)}k chars)`);
  console.log(`  Montage:      ${pages} pages Letter, ${montagePages(big, 'a4')} A4; PDF ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  afterwriting: ${aw.pages} pages Letter, ${aw4.pages} A4 (its CLI took ${(aw.ms / 1000).toFixed(1)} s for Letter)`);
  console.log(`  parse ${median(parseTimes).toFixed(0)} ms + export to PDF ${median(exportTimes).toFixed(0)} ms (median of 5, of which pagination ${median(layoutTimes).toFixed(0)} ms; first run, parse and export, ${cold.toFixed(0)} ms)`);
}

main()
  .finally(() => rmSync(work, { recursive: true, force: true }))
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
