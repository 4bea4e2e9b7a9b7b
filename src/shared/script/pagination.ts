// Screenplay pagination: lays a Script out in standard screenplay format, line by line, page by
// page, for the PDF export (src/main/script/script-pdf.ts), page counts and the report.
//
// The layout is the industry's: Courier 12 pt, 10 characters and 6 lines per inch, so every
// measure here is a count of characters or lines. Positions are inches from the left edge of the
// paper; rows are lines from the top margin (1"). Text is wrapped by character count.
//
//   element          starts at   width      notes
//   scene heading    1.5"        60 chars   kept with at least 2 lines of what follows
//   action           1.5"        60 chars   splits across pages, at a sentence end where possible
//   character cue    3.7"        38 chars   (CONT'D) when the speaker goes on after action
//   parenthetical    3.1"        25 chars   continuation lines hang one character in
//   dialogue/lyrics  2.5"        35 chars   splits with (MORE) / CUE (CONT'D), 2+ lines each side
//   transition       ends 7.5"   60 chars   right-aligned
//   centered         centre 4.5" 60 chars
//
// One blank line goes before every element except the parentheticals and dialogue of a speech,
// and none at the top of a page. Notes, boneyard, synopses and sections are not printed; page
// breaks (`===`) start a new page. Dual dialogue is set side by side in two 28-character columns
// and is never split.
import { parseInline } from './inline';
import type { Script, ScriptElement, TitleEntry } from './script';

export type Paper = 'letter' | 'a4';

export interface PaginateOptions {
  paper: Paper;
  /** Print scene numbers in both margins: the number written in the heading (`#12A#`), else its position. */
  sceneNumbers: boolean;
  /** Add (CONT'D) to a cue when the same character speaks again after only action in the same scene. Default true. */
  contd?: boolean;
  /** Two blank lines before scene headings instead of one. Default false. */
  doubleSpaceScenes?: boolean;
}

/** A piece of text with one style; a line is a list of runs. */
export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

export type LineKind =
  | 'sceneHeading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyrics'
  | 'transition'
  | 'centered'
  /** `(MORE)` at the foot of a page where a speech goes on. */
  | 'more'
  | 'blank';

export interface LayoutLine {
  kind: LineKind;
  runs: TextRun[];
  /** The runs' text joined: what is printed, without markup. */
  text: string;
  /** Where the text starts, in inches from the left edge of the paper (already centred or right-aligned). */
  x: number;
  align: 'left' | 'center' | 'right';
  /** On the first line of a scene heading when scene numbers are printed. */
  sceneNumber?: string;
  /** Index in `script.elements` of the element this line prints. */
  element?: number;
  /** A cue repeated at the top of a page, with (CONT'D), where a speech goes on from the page before. */
  continued?: boolean;
  /** Dual dialogue: the right-hand column's line on the same row (this line is then the left column's, or 'blank'). */
  right?: LayoutLine;
}

export interface Page {
  /** 1-based, not counting the title page; printed as "2." from the second page on. */
  number: number;
  /** One entry per row from the top margin, blank rows included. */
  lines: LayoutLine[];
}

export interface TitlePageLine extends LayoutLine {
  /** Row from the top margin, 0-based (6 rows per inch). */
  row: number;
}

export interface PaginatedScript {
  paper: Paper;
  linesPerPage: number;
  /** Null when the script has no title page entries that print. */
  titlePage: { lines: TitlePageLine[] } | null;
  pages: Page[];
}

/** Paper sizes in inches. */
export const paperSizes: Record<Paper, { width: number; height: number }> = {
  letter: { width: 8.5, height: 11 },
  a4: { width: 8.27, height: 11.69 },
};

export const topMargin = 1;
/** Lines may come down to this far from the bottom edge: 55 lines on Letter, 59 on A4. */
const minBottomMargin = 0.8;
export const linesPerInch = 6;
export const charsPerInch = 10;
/** Where page numbers go: the baseline row above the top margin, right edge. */
export const pageNumberTop = 0.5;
export const textLeft = 1.5;
export const textRight = 7.5;

export function linesPerPage(paper: Paper): number {
  return Math.floor((paperSizes[paper].height - topMargin - minBottomMargin) * linesPerInch + 1e-9);
}

interface Spec {
  /** Left edge (inches) for left-aligned text. */
  x: number;
  width: number;
  align: 'left' | 'center' | 'right';
  /** Continuation lines start this many characters further in (and are as much narrower). */
  hang?: number;
}

const spec = {
  sceneHeading: { x: textLeft, width: 60, align: 'left' },
  action: { x: textLeft, width: 60, align: 'left' },
  character: { x: 3.7, width: 38, align: 'left' },
  parenthetical: { x: 3.1, width: 25, align: 'left', hang: 1 },
  dialogue: { x: 2.5, width: 35, align: 'left' },
  lyrics: { x: 2.5, width: 35, align: 'left' },
  transition: { x: textLeft, width: 60, align: 'right' },
  centered: { x: textLeft, width: 60, align: 'center' },
} satisfies Record<string, Spec>;

/** Dual dialogue columns: left spans 1.5"–4.3", right 4.6"–7.4". */
const dualSpec = (column: 'left' | 'right') => {
  const left = column === 'left' ? 1.5 : 4.6;
  return {
    character: { x: left + 0.9, width: 28, align: 'left' },
    parenthetical: { x: left + 0.3, width: 24, align: 'left', hang: 1 },
    dialogue: { x: left, width: 28, align: 'left' },
    lyrics: { x: left, width: 28, align: 'left' },
  } satisfies Record<string, Spec>;
};

// ---------------------------------------------------------------------------------------------
// Text: runs, wrapping and sentence ends

const plain = (text: string): TextRun[] => (text ? [{ text, bold: false, italic: false, underline: false }] : []);
const runsText = (runs: TextRun[]): string => runs.map((r) => r.text).join('');

/** Emphasis and inline notes read from an element's text; tabs become 4 spaces. */
function styled(text: string, italic = false): TextRun[] {
  return parseInline(text.replace(/\t/g, '    '))
    .filter((r) => r.text.length > 0)
    .map((r) => ({ text: r.text, bold: r.bold, italic: r.italic || italic, underline: r.underline }));
}

/** The runs covering [from, to) of their joined text. */
function sliceRuns(runs: TextRun[], from: number, to: number): TextRun[] {
  const out: TextRun[] = [];
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    if (a < b) out.push({ ...r, text: r.text.slice(a - at, b - at) });
    at = end;
    if (at >= to) break;
  }
  return out;
}

/**
 * Greedy word wrap by character count: [from, to) ranges of `text`, one per line. The first line
 * holds `width` characters, the others `rest`. Words longer than a line are cut. An empty text is
 * one empty line.
 */
export function wrapRanges(text: string, width: number, rest = width): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  const n = text.length;
  let pos = 0;
  let w = Math.max(1, width);
  while (pos < n) {
    if (n - pos <= w) {
      lines.push([pos, n]);
      break;
    }
    const space = text.lastIndexOf(' ', pos + w);
    let end = space;
    while (end > pos && text[end - 1] === ' ') end--;
    if (space <= pos || end <= pos) {
      lines.push([pos, pos + w]);
      pos += w;
    } else {
      lines.push([pos, end]);
      pos = space + 1;
    }
    while (pos < n && text[pos] === ' ') pos++;
    w = Math.max(1, rest);
  }
  if (lines.length === 0) lines.push([0, 0]);
  return lines;
}

/** Where sentences end inside `text`: offsets just after the closing punctuation (and quotes), followed by a space. */
function sentenceEnds(text: string): number[] {
  const out: number[] = [];
  const re = /[.!?…]+["'”’)\]]*(?= +\S)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs: one line of an element's text, laid out with a spec

interface Para {
  kind: LineKind;
  runs: TextRun[];
  element: number;
  spec: Spec;
}

function lineAt(kind: LineKind, runs: TextRun[], s: Spec, hang: number, element?: number): LayoutLine {
  const text = runsText(runs);
  let x = s.x + hang / charsPerInch;
  if (s.align === 'right') x = s.x + s.width / charsPerInch - text.length / charsPerInch;
  else if (s.align === 'center') x = s.x + (s.width - text.length) / (2 * charsPerInch);
  const line: LayoutLine = { kind, runs, text, x, align: s.align };
  if (element !== undefined) line.element = element;
  return line;
}

function layoutPara(p: Para): LayoutLine[] {
  const text = runsText(p.runs);
  if (text.trim() === '') return [blankLine()];
  const hang = p.spec.hang ?? 0;
  return wrapRanges(text, p.spec.width, p.spec.width - hang).map(([a, b], i) =>
    lineAt(p.kind, sliceRuns(p.runs, a, b), p.spec, i === 0 ? 0 : hang, p.element),
  );
}

const blankLine = (): LayoutLine => ({ kind: 'blank', runs: [], text: '', x: textLeft, align: 'left' });

/** The part of a paragraph before and after offset `at`, spaces at the cut trimmed. */
function cutPara(p: Para, at: number): [Para, Para] {
  const text = runsText(p.runs);
  let a = at;
  while (a > 0 && text[a - 1] === ' ') a--;
  let b = at;
  while (b < text.length && text[b] === ' ') b++;
  return [
    { ...p, runs: sliceRuns(p.runs, 0, a) },
    { ...p, runs: sliceRuns(p.runs, b, text.length) },
  ];
}

interface Cut {
  head: Para[];
  rest: Para[];
  headLines: LayoutLine[];
  restLines: number;
  /** At a sentence end or between paragraphs (preferred to a cut mid-sentence). */
  clean: boolean;
}

const countText = (lines: LayoutLine[]): number => lines.filter((l) => l.kind !== 'blank').length;
const trimBlanks = (lines: LayoutLine[]): LayoutLine[] => {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]?.kind === 'blank') a++;
  while (b > a && lines[b - 1]?.kind === 'blank') b--;
  return lines.slice(a, b);
};

/**
 * Every place a run of paragraphs may be cut between pages: between paragraphs, at sentence ends
 * and (as a last resort) between wrapped lines, each with at least 2 printed lines on each side.
 * `allowAfter(p)` says whether a cut may fall just after paragraph p (parentheticals stay with what follows).
 */
function cuts(paras: Para[], allowAfter: (p: Para) => boolean): Cut[] {
  const out: Cut[] = [];
  const laid = paras.map(layoutPara);
  const total = laid.reduce((n, l) => n + countText(l), 0);
  if (total < 4) return out;
  const push = (head: Para[], rest: Para[], clean: boolean) => {
    const headLines = trimBlanks(head.flatMap(layoutPara));
    const restLines = trimBlanks(rest.flatMap(layoutPara));
    if (countText(headLines) >= 2 && countText(restLines) >= 2) {
      out.push({ head, rest: dropLeadingBlanks(rest), headLines, restLines: restLines.length, clean });
    }
  };
  paras.forEach((p, i) => {
    const before = paras.slice(0, i);
    const after = paras.slice(i + 1);
    if (i > 0 && allowAfter(paras[i - 1] as Para)) push(before, paras.slice(i), true);
    if (p.kind === 'parenthetical' || runsText(p.runs).trim() === '') return;
    const text = runsText(p.runs);
    const ends = new Set(sentenceEnds(text));
    const hang = p.spec.hang ?? 0;
    const lineStarts = wrapRanges(text, p.spec.width, p.spec.width - hang)
      .slice(1)
      .map(([a]) => a);
    for (const at of [...ends, ...lineStarts.filter((s) => !ends.has(s))].sort((a, b) => a - b)) {
      const [h, r] = cutPara(p, at);
      push([...before, h], [r, ...after], ends.has(at));
    }
  });
  return out;
}

const dropLeadingBlanks = (paras: Para[]): Para[] => {
  let i = 0;
  while (i < paras.length && runsText((paras[i] as Para).runs).trim() === '') i++;
  return paras.slice(i);
};

// ---------------------------------------------------------------------------------------------
// Blocks: what the page filler places; each knows how to split itself

interface Split {
  head: LayoutLine[];
  rest: Block;
}

interface Block {
  /** Blank lines before it, unless it starts a page. */
  space: number;
  forceBreak?: boolean;
  /** Scene headings: at least the smallest part of the next block must fit on the same page. */
  keepWithNext?: boolean;
  lines(): LayoutLine[];
  /** The best split whose first part fits in `avail` lines, or null. */
  split(avail: number): Split | null;
  /** Lines needed on a page to start this block: its smallest first part, or all of it. */
  minHead(): number;
}

function fixedBlock(lines: LayoutLine[], space: number, keepWithNext = false): Block {
  return { space, keepWithNext, lines: () => lines, split: () => null, minHead: () => lines.length };
}

function pick(candidates: Array<{ size: number; clean: boolean }>, avail: number): number {
  let best = -1;
  let bestClean = -1;
  candidates.forEach((c, i) => {
    if (c.size > avail) return;
    if (best < 0 || c.size >= (candidates[best] as { size: number }).size) best = i;
    if (c.clean && (bestClean < 0 || c.size >= (candidates[bestClean] as { size: number }).size)) bestClean = i;
  });
  return bestClean >= 0 ? bestClean : best;
}

function flowBlock(paras: Para[], space: number): Block {
  let laid: LayoutLine[] | null = null;
  let all: Cut[] | null = null;
  const lines = () => (laid ??= trimBlanks(paras.flatMap(layoutPara)));
  const options = () => (all ??= cuts(paras, () => true));
  return {
    space,
    lines,
    split(avail) {
      const c = options();
      const i = pick(
        c.map((x) => ({ size: x.headLines.length, clean: x.clean })),
        avail,
      );
      const chosen = c[i];
      return chosen ? { head: chosen.headLines, rest: flowBlock(chosen.rest, 0) } : null;
    },
    minHead: () => Math.min(lines().length, ...options().map((c) => c.headLines.length)),
  };
}

interface Speech {
  cue: string;
  element: number;
  paras: Para[];
  dual: boolean;
}

const contdSuffix = " (CONT'D)";
const hasContd = (cue: string) => /\(CONT['’]?D\)\s*$/i.test(cue) || /\(CONTINUED\)\s*$/i.test(cue);

function cueLine(cue: string, s: Spec, element: number): LayoutLine {
  return lineAt('character', plain(cue), s, 0, element);
}

function speechBlock(sp: Speech, space: number, continued = false): Block {
  let laid: LayoutLine[] | null = null;
  let all: Cut[] | null = null;
  const cue = () => {
    const line = cueLine(sp.cue, spec.character, sp.element);
    if (continued) line.continued = true;
    return line;
  };
  const lines = () => (laid ??= [cue(), ...trimBlanks(sp.paras.flatMap(layoutPara))]);
  const options = () => (all ??= cuts(sp.paras, (p) => p.kind !== 'parenthetical'));
  const more = (): LayoutLine => ({ kind: 'more', runs: plain('(MORE)'), text: '(MORE)', x: spec.character.x, align: 'left', element: sp.element });
  return {
    space,
    lines,
    split(avail) {
      const c = options();
      const i = pick(
        c.map((x) => ({ size: x.headLines.length + 2, clean: x.clean })),
        avail,
      );
      const chosen = c[i];
      if (!chosen) return null;
      const next = hasContd(sp.cue) ? sp.cue : sp.cue + contdSuffix;
      return {
        head: [cue(), ...chosen.headLines, more()],
        rest: speechBlock({ ...sp, cue: next, paras: chosen.rest }, 0, true),
      };
    },
    minHead: () => Math.min(lines().length, ...options().map((c) => c.headLines.length + 2)),
  };
}

/** Two speeches side by side; rows pair up the columns' lines. */
function dualBlock(left: Speech, right: Speech, space: number): Block {
  const column = (sp: Speech, side: 'left' | 'right') => {
    const s = dualSpec(side);
    const paras = sp.paras.map((p) => ({ ...p, spec: s[p.kind as keyof typeof s] ?? s.dialogue }));
    return [cueLine(sp.cue, s.character, sp.element), ...trimBlanks(paras.flatMap(layoutPara))];
  };
  const l = column(left, 'left');
  const r = column(right, 'right');
  const rows: LayoutLine[] = [];
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const row: LayoutLine = { ...(l[i] ?? blankLine()) };
    const other = r[i];
    if (other) row.right = other;
    rows.push(row);
  }
  return fixedBlock(rows, space);
}

// ---------------------------------------------------------------------------------------------
// From elements to blocks

function textLines(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  return lines;
}

function paras(kind: LineKind, text: string, element: number, s: Spec, italic = false): Para[] {
  return textLines(text).map((line) => ({ kind, runs: styled(line, italic), element, spec: s }));
}

const speechKinds = new Set<ScriptElement['type']>(['parenthetical', 'dialogue', 'lyrics']);

function blocksOf(script: Script, options: PaginateOptions): Block[] {
  const blocks: Block[] = [];
  const autoContd = options.contd ?? true;
  const headingSpace = options.doubleSpaceScenes ? 2 : 1;
  const els = script.elements;
  let sceneIndex = 0;
  /** The last speaker in this scene while only action (or unprinted elements) came after their speech. */
  let lastSpeaker: string | null = null;
  let prevSpeech: { speech: Speech; at: number } | null = null;

  for (let i = 0; i < els.length; i++) {
    const el = els[i] as ScriptElement;
    switch (el.type) {
      case 'sceneHeading': {
        sceneIndex++;
        const text = runsText(styled(el.text));
        const lines = layoutPara({ kind: 'sceneHeading', runs: styled(el.text), element: i, spec: spec.sceneHeading });
        if (options.sceneNumbers && lines[0] && text.trim()) lines[0].sceneNumber = el.number ?? String(sceneIndex);
        blocks.push(fixedBlock(lines, headingSpace, true));
        lastSpeaker = null;
        prevSpeech = null;
        break;
      }
      case 'action': {
        const ps = paras('action', el.text, i, spec.action);
        if (ps.length > 0) blocks.push(flowBlock(ps, 1));
        prevSpeech = null;
        break;
      }
      case 'character': {
        const name = el.name.trim();
        let cue = el.extension ? `${name} (${el.extension})` : name;
        if (autoContd && lastSpeaker === name && !el.dual && !hasContd(cue)) cue += contdSuffix;
        const speech: Speech = { cue, element: i, paras: [], dual: el.dual };
        while (i + 1 < els.length && speechKinds.has((els[i + 1] as ScriptElement).type)) {
          i++;
          const d = els[i] as ScriptElement & { text: string };
          const kind = d.type as 'parenthetical' | 'dialogue' | 'lyrics';
          speech.paras.push(...paras(kind, d.text, i, spec[kind], kind === 'lyrics'));
        }
        if (el.dual && prevSpeech && prevSpeech.at === blocks.length - 1) {
          blocks[prevSpeech.at] = dualBlock(prevSpeech.speech, speech, blocks[prevSpeech.at]?.space ?? 1);
          prevSpeech = null;
        } else {
          blocks.push(speechBlock(speech, 1));
          prevSpeech = { speech, at: blocks.length - 1 };
        }
        lastSpeaker = name;
        break;
      }
      case 'parenthetical':
      case 'dialogue':
      case 'lyrics': {
        // Outside a speech: lyrics print as italic action; the others where they would in a speech.
        const s = el.type === 'lyrics' ? spec.action : spec[el.type];
        const ps = paras(el.type, el.text, i, s, el.type === 'lyrics');
        if (ps.length > 0) blocks.push(flowBlock(ps, 1));
        prevSpeech = null;
        break;
      }
      case 'transition':
      case 'centered': {
        const ps = paras(el.type, el.text, i, spec[el.type]);
        if (ps.length > 0) blocks.push(fixedBlock(ps.flatMap(layoutPara), 1));
        lastSpeaker = null;
        prevSpeech = null;
        break;
      }
      case 'pageBreak':
        blocks.push({ ...fixedBlock([], 0), forceBreak: true });
        lastSpeaker = null;
        prevSpeech = null;
        break;
      case 'section':
      case 'synopsis':
      case 'note':
      case 'boneyard':
        break;
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Pages

function fill(blocks: Block[], perPage: number): Page[] {
  const pages: Page[] = [];
  let cur: LayoutLine[] = [];
  const newPage = () => {
    pages.push({ number: pages.length + 1, lines: cur });
    cur = [];
  };
  const place = (lines: LayoutLine[], space: number) => {
    if (cur.length > 0) for (let s = 0; s < space; s++) cur.push(blankLine());
    cur.push(...lines);
  };
  for (let bi = 0; bi < blocks.length; bi++) {
    let b = blocks[bi] as Block;
    if (b.forceBreak) {
      if (cur.length > 0) newPage();
      continue;
    }
    for (;;) {
      const space = cur.length > 0 ? b.space : 0;
      const all = b.lines();
      if (all.length === 0) break;
      const avail = perPage - cur.length - space;
      const next = blocks[bi + 1];
      const glue = b.keepWithNext && next && !next.forceBreak ? next.space + next.minHead() : 0;
      if (all.length + glue <= avail || (cur.length === 0 && all.length <= perPage)) {
        place(all, space);
        break;
      }
      const s = all.length > avail ? b.split(avail) : null;
      if (s) {
        place(s.head, space);
        newPage();
        b = s.rest;
        continue;
      }
      if (cur.length > 0) {
        newPage();
        continue;
      }
      // Taller than a page and nowhere to split: cut it at the foot of the page.
      place(all.slice(0, perPage), 0);
      newPage();
      b = fixedBlock(trimBlanks(all.slice(perPage)), 0);
    }
  }
  if (cur.length > 0) newPage();
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Title page

const titleKey = (e: TitleEntry) => e.key.trim().toLowerCase();

function titlePageOf(entries: TitleEntry[], paper: Paper, perPage: number): { lines: TitlePageLine[] } | null {
  const values = (...keys: string[]) => entries.filter((e) => keys.includes(titleKey(e))).flatMap((e) => textLines(e.value).map((l) => l.trim()));
  const out: TitlePageLine[] = [];
  const put = (row: number, text: string, s: Spec) => {
    const [first] = layoutPara({ kind: 'action', runs: styled(text), element: -1, spec: s });
    if (first && first.kind !== 'blank') {
      const { element: _unused, ...rest } = first;
      out.push({ ...rest, row });
    }
  };
  const block = (lines: string[], s: Spec): string[] =>
    lines.flatMap((l) => {
      const runs = styled(l);
      return wrapRanges(runsText(runs), s.width).map(([a, b]) => runsText(runs).slice(a, b));
    });

  // Title, credit, author(s) and source, centred from a third of the way down.
  const center: Spec = { x: textLeft, width: 60, align: 'center' };
  const groups = [values('title'), values('credit'), values('author', 'authors'), values('source')].filter((g) => g.length > 0);
  let row = Math.round((paperSizes[paper].height / 3 - topMargin) * linesPerInch);
  for (const g of groups) {
    for (const line of g) put(row++, line, center);
    row++;
  }
  // Bottom left: notes, then contact; bottom right: draft date, then copyright. Both end on the last row.
  const left: Spec = { x: textLeft, width: 30, align: 'left' };
  const right: Spec = { x: textRight - 3, width: 30, align: 'right' };
  const bottom = (groups: string[][], s: Spec) => {
    const lines = groups.filter((g) => g.length > 0).flatMap((g, i) => [...(i > 0 ? [''] : []), ...block(g, s)]);
    lines.forEach((l, i) => {
      if (l) put(perPage - lines.length + i, l, s);
    });
  };
  bottom([values('notes'), values('contact')], left);
  bottom([values('draft date'), values('copyright')], right);
  return out.length > 0 ? { lines: out } : null;
}

// ---------------------------------------------------------------------------------------------

export function paginate(script: Script, options: PaginateOptions): PaginatedScript {
  const perPage = linesPerPage(options.paper);
  return {
    paper: options.paper,
    linesPerPage: perPage,
    titlePage: titlePageOf(script.titlePage, options.paper, perPage),
    pages: fill(blocksOf(script, options), perPage),
  };
}

/** Pages of the script proper as the PDF export prints them, the title page not counted. */
export function pageCount(script: Script, paper: Paper = 'letter'): number {
  return paginate(script, { paper, sceneNumbers: false }).pages.length;
}
