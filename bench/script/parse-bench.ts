// Fountain parsing speed on a feature-length script (~120 pages, ~4,900 lines) built from the
// afterwriting sample screenplays (read from node_modules, scenes renamed so each copy differs):
// Montage's parseFountain against fountain-js 1.2.4 in the same run, and Montage's incremental
// parser re-reading after a one-character edit in the middle. Median of 30 runs after warm-up.
// Target: full parse ≤ 32 ms. Run: npx tsx bench/script/parse-bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Fountain } from 'fountain-js';
import { createIncrementalParser } from '../../src/shared/script/fountain-incremental';
import { normalizeNewlines, parseFountain } from '../../src/shared/script/fountain-parse';

const samples = ['brick_and_steel', 'my_living_memory', 'printing_trouble'].map((n) =>
  normalizeNewlines(readFileSync(join(process.cwd(), 'node_modules', 'afterwriting', 'samples', `${n}.fountain`), 'utf8')),
);
const bodies = samples.map((s) => s.slice(s.indexOf('\n\n') + 2)); // without their title pages

function buildScript(targetLines: number): string {
  const parts = ['Title: The Long One\nCredit: Written by\nAuthor: Montage Bench\nDraft date: 1/1/2026\n'];
  let lines = 5;
  let copy = 0;
  while (lines < targetLines) {
    const body = bodies[copy % bodies.length]!.replace(/^((?:INT|EXT)\. )([^\n]*)/gm, (_m, p: string, rest: string) => `${p}${rest} (PART ${copy + 1})`);
    parts.push(`# Part ${copy + 1}\n\n${body}`);
    lines += body.split('\n').length + 2;
    copy++;
  }
  // Cut at the last paragraph break before the target.
  const all = parts.join('\n').split('\n');
  let end = Math.min(all.length, targetLines);
  while (end > 0 && all[end - 1] !== '') end--;
  return all.slice(0, end).join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs = 30, warmup = 8): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    fn();
    t.push(performance.now() - a);
  }
  return median(t);
}

const text = buildScript(4900);
const lineCount = text.split('\n').length;
const parsed = parseFountain(text);
console.log(`Script: ${lineCount} lines, ${text.length} characters, ${parsed.script.elements.length} elements, ${parsed.script.elements.filter((e) => e.type === 'sceneHeading').length} scenes, problems: ${parsed.problems.length}`);

const full = time(() => parseFountain(text));
const reference = time(() => new Fountain().parse(text));

// One character typed in the middle of a dialogue line, then the next keystroke, and so on.
const mid = text.indexOf('\n', Math.floor(text.length / 2)) - 1;
const incremental = createIncrementalParser();
incremental.parse(text);
let k = 0;
const edited = () => {
  const t = text.slice(0, mid) + String.fromCharCode(97 + (k++ % 26)) + text.slice(mid);
  return incremental.parse(t);
};
const inc = time(edited);
// The incremental result is the full parse's.
const check = text.slice(0, mid) + 'x' + text.slice(mid);
if (JSON.stringify(incremental.parse(check)) !== JSON.stringify(parseFountain(check))) throw new Error('incremental result differs from parseFountain');

const rows: [string, number][] = [
  ['parseFountain (full)', full],
  ['fountain-js 1.2.4 parse', reference],
  ['incremental, 1-char edit mid-script', inc],
];
console.log('\n| parser | median ms | vs parseFountain |\n|---|---:|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} | ${(ms / full).toFixed(2)}× |`);
console.log(`\nTarget: full parse ≤ 32 ms — ${full <= 32 ? 'met' : 'NOT met'}.`);
