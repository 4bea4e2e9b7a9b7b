// Reads Fountain 1.1 text into the script model (script.ts), with one span per element and the
// problems an import should refuse (an unclosed boneyard or note). The parser is tolerant: text
// being typed always gives a script.
//
// How the text is read, in three steps (all linear in the text):
// 1. Lines: split at \n, \r\n or \r. Spans point into the text exactly as given, so a text with
//    \r\n line ends gets spans for that text; element texts always join their lines with \n.
//    A byte-order mark at the very start is skipped.
// 2. Regions: notes [[…]] and boneyards /*…*/ (boneyards nest; a note ends at the first ]]; inside
//    a note /* means nothing and inside a boneyard [[ means nothing). An opener that is never closed
//    is read as plain text and reported, so one half-typed [[ does not swallow the rest.
// 3. Paragraphs: runs of lines separated by blank lines. A blank line inside a region does not end
//    a paragraph, nor does a line of two or more spaces followed by more text (the Fountain way of
//    keeping a blank line inside dialogue). Each paragraph is then read on its own: what it means
//    depends only on its own text, which is what lets the incremental parser reuse paragraphs.
//
// Within a paragraph, the first line decides: page break, section, synopsis, lyrics, centered,
// transition, scene heading, note/boneyard standing alone, forced action, cue (+ dialogue block),
// action. One-line elements (headings, transitions, …) leave the rest of the paragraph to be read
// again the same way, so `INT. HOUSE - DAY` directly followed by action still reads as a heading.
import type { Script, ScriptElement, Span, TitleEntry } from './script';

export interface FountainProblem {
  /** 1-based line of the text. */
  line: number;
  message: string;
}

export interface ParsedScript {
  script: Script;
  /** One per element of `script.elements`, in the same order, into the parsed text. */
  spans: Span[];
  problems: FountainProblem[];
  /** Length of the parsed text (where the last scene ends). */
  length: number;
}

/** The text with \r\n and \r line ends turned into \n. Spans of the result match it. */
export function normalizeNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Reads a whole Fountain text. */
export function parseFountain(text: string): ParsedScript {
  return parseWithCache(text, null);
}

// ---------------------------------------------------------------------------------------------
// Paragraph cache (used by the incremental parser).

/** What reading one paragraph gave: its elements and their spans relative to the paragraph's start. */
export interface ParagraphResult {
  elements: ScriptElement[];
  /** from/to pairs, relative to the paragraph's first character. */
  rel: number[];
}

/**
 * What the incremental parser offers the next parse: the reading of a paragraph of the previous text
 * that had exactly this text (`from`, `to` are positions in the new text), and a place to record
 * each paragraph read now. Reading a paragraph depends only on its text.
 */
export interface ParagraphCache {
  lookup(text: string, from: number, to: number): ParagraphResult | undefined;
  record(from: number, to: number, result: ParagraphResult): void;
}

// ---------------------------------------------------------------------------------------------
// Character classes.

function isWs(c: number): boolean {
  // Exactly what String.prototype.trim removes, so both agree.
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Upper-case text with at least one cased letter (digits and punctuation allowed). */
export function isCaps(s: string): boolean {
  return s.toUpperCase() === s && s.toLowerCase() !== s;
}

const headingPrefix = /^(?:INT\.?\/EXT|I\/E|INT|EXT|EST)[.\s]/i;
const forcedHeadingStart = /^\.[\p{L}\p{N}]/u;
const sceneNumberAtEnd = /#([\p{L}\p{N}.-]+)#$/u;
const colorNote = /\[\[\s*colou?r(?:\s*:\s*|\s+)([^\]\n]*?)\s*\]\]/i;
const pageBreakLine = /^={3,}$/;

// ---------------------------------------------------------------------------------------------
// Lines and regions.

interface Lines {
  text: string;
  starts: number[];
  ends: number[];
}

function splitLines(text: string): Lines {
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const len = text.length;
  if (text.indexOf('\r') === -1) {
    for (;;) {
      const nl = text.indexOf('\n', pos);
      starts.push(pos);
      if (nl === -1) {
        ends.push(len);
        break;
      }
      ends.push(nl);
      pos = nl + 1;
    }
  } else {
    let i = pos;
    starts.push(pos);
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        ends.push(i);
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        starts.push(i);
      } else i++;
    }
    ends.push(len);
  }
  return { text, starts, ends };
}

interface Regions {
  /** Top-level regions, sorted and disjoint: [start, end) including their brackets. */
  starts: number[];
  ends: number[];
  unclosed: { kind: 'note' | 'boneyard'; at: number }[];
}

const tokenRe = /\[\[|\]\]|\/\*|\*\//g;
const boneyardTokenRe = /\/\*|\*\//g;

function scanRegions(text: string, from: number, to: number): Regions {
  const out: Regions = { starts: [], ends: [], unclosed: [] };
  const literalBoneyards = new Set<number>();
  let noNoteCloseAfter = Infinity;
  let pos = from;
  tokenRe.lastIndex = pos;
  for (;;) {
    tokenRe.lastIndex = pos;
    const m = tokenRe.exec(text);
    if (!m || m.index + 2 > to) break;
    const at = m.index;
    const tok = m[0];
    if (tok === '[[') {
      const close = at >= noNoteCloseAfter ? -1 : text.indexOf(']]', at + 2);
      if (close === -1 || close + 2 > to) {
        noNoteCloseAfter = Math.min(noNoteCloseAfter, at);
        out.unclosed.push({ kind: 'note', at });
        pos = at + 2;
      } else {
        out.starts.push(at);
        out.ends.push(close + 2);
        pos = close + 2;
      }
    } else if (tok === '/*') {
      if (literalBoneyards.has(at)) {
        pos = at + 2;
        continue;
      }
      const stack = [at];
      let end = -1;
      boneyardTokenRe.lastIndex = at + 2;
      for (;;) {
        const b = boneyardTokenRe.exec(text);
        if (!b || b.index + 2 > to) break;
        if (b[0] === '/*') stack.push(b.index);
        else {
          stack.pop();
          if (stack.length === 0) {
            end = b.index + 2;
            break;
          }
        }
      }
      if (end === -1) {
        // Openers left open at the end are plain text; the pairs inside them stay boneyards.
        for (const s of stack) literalBoneyards.add(s);
        out.unclosed.push({ kind: 'boneyard', at });
        pos = at + 2;
      } else {
        out.starts.push(at);
        out.ends.push(end);
        pos = end;
      }
    } else {
      // A stray ]] or */ is plain text.
      pos = at + 2;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading one paragraph.

/** The lines of one paragraph with what the region scan says about them. */
interface Para {
  text: string;
  starts: number[];
  ends: number[];
  /** Line i begins inside a region (its text continues a note or boneyard). */
  inside: boolean[];
  /** Region starting at offset → its end, for regions inside this paragraph. */
  regionEnd: Map<number, number>;
  out: ScriptElement[];
  spans: number[];
}

function firstNonWs(text: string, s: number, e: number): number {
  while (s < e && isWs(text.charCodeAt(s))) s++;
  return s;
}

function lineText(p: Para, i: number): string {
  return p.text.slice(p.starts[i]!, p.ends[i]!);
}

function trimmedLine(p: Para, i: number): string {
  return lineText(p, i).trim();
}

function isBlankLine(p: Para, i: number): boolean {
  return firstNonWs(p.text, p.starts[i]!, p.ends[i]!) === p.ends[i]!;
}

/** Line i ends inside a region (the next line of the paragraph continues it). */
function endsInside(p: Para, i: number, b: number): boolean {
  return i + 1 < b && p.inside[i + 1]!;
}

function push(p: Para, el: ScriptElement, from: number, to: number): void {
  p.out.push(el);
  p.spans.push(from, to);
}

/** Reads lines [a, b) of a paragraph, appending elements and spans. */
function readLines(p: Para, a: number, b: number): void {
  const text = p.text;
  let i = a;
  while (i < b) {
    const ls = p.starts[i]!;
    const le = p.ends[i]!;
    const fs = firstNonWs(text, ls, le);
    if (fs === le && !p.inside[i]) {
      i++;
      continue;
    }
    const t = text.slice(fs, le).trimEnd();
    const c0 = t.charCodeAt(0);
    const single = !endsInside(p, i, b);

    // A note or boneyard standing alone: it opens the line and closes at the end of a line.
    if (c0 === 91 /* [ */ || c0 === 47 /* / */) {
      const end = p.regionEnd.get(fs);
      if (end !== undefined) {
        let k = i;
        while (k < b && p.ends[k]! < end) k++;
        if (k < b && firstNonWs(text, end, p.ends[k]!) === p.ends[k]!) {
          const inner = joinRange(p, fs + 2, end - 2, i, k);
          push(p, c0 === 91 ? { type: 'note', text: inner } : { type: 'boneyard', text: inner }, fs, p.ends[k]!);
          i = k + 1;
          continue;
        }
      }
    }

    if (single) {
      if (c0 === 61 /* = */) {
        if (pageBreakLine.test(t)) {
          push(p, { type: 'pageBreak' }, fs, le);
          i++;
          continue;
        }
        i = readRun(p, i, b, 'synopsis');
        continue;
      }
      if (c0 === 35 /* # */) {
        let depth = 1;
        while (t.charCodeAt(depth) === 35) depth++;
        push(p, { type: 'section', depth, text: t.slice(depth).trim() }, fs, le);
        i++;
        continue;
      }
      if (c0 === 126 /* ~ */) {
        i = readRun(p, i, b, 'lyrics');
        continue;
      }
      if (c0 === 62 /* > */) {
        if (t.length >= 2 && t.charCodeAt(t.length - 1) === 60 /* < */) {
          i = readRun(p, i, b, 'centered');
          continue;
        }
        push(p, { type: 'transition', text: t.slice(1).trim(), forced: true }, fs, le);
        i++;
        continue;
      }
      if (c0 === 46 /* . */ && forcedHeadingStart.test(t)) {
        push(p, heading(t.slice(1), true), fs, le);
        i++;
        continue;
      }
      if (headingPrefix.test(t)) {
        push(p, heading(t, false), fs, le);
        i++;
        continue;
      }
    }
    if (c0 === 33 /* ! */) {
      const first = text.slice(fs + 1, le);
      push(p, { type: 'action', text: joinLines(p, first, i + 1, b), forced: true }, fs, p.ends[b - 1]!);
      i = b;
      continue;
    }
    if (single && c0 === 64 /* @ */) {
      push(p, cue(t.slice(1), true), fs, le);
      i = readDialogue(p, i + 1, b);
      continue;
    }
    if (single && t.endsWith('TO:') && isCaps(t)) {
      push(p, { type: 'transition', text: t, forced: false }, fs, le);
      i++;
      continue;
    }
    if (single && i + 1 < b && !isBlankLine(p, i + 1)) {
      const el = cue(t, false);
      if (isCaps(el.name)) {
        push(p, el, fs, le);
        i = readDialogue(p, i + 1, b);
        continue;
      }
    }
    push(p, { type: 'action', text: joinLines(p, text.slice(ls, le), i + 1, b), forced: false }, ls, p.ends[b - 1]!);
    i = b;
  }
}

/** Raw lines i0..b-1 appended to `first`, joined with \n (action keeps every character). */
function joinLines(p: Para, first: string, i0: number, b: number): string {
  let s = first;
  for (let i = i0; i < b; i++) s += '\n' + lineText(p, i);
  return s;
}

/** Text in [from, to) of lines i..k, with their line ends read as \n. */
function joinRange(p: Para, from: number, to: number, i: number, k: number): string {
  if (i === k) return p.text.slice(from, to);
  let s = p.text.slice(from, p.ends[i]!);
  for (let j = i + 1; j < k; j++) s += '\n' + lineText(p, j);
  return s + '\n' + p.text.slice(p.starts[k]!, to);
}

type RunKind = 'synopsis' | 'lyrics' | 'centered';

/** Consecutive lines of one kind (`= …`, `~…`, `> … <`) read as one element. */
function readRun(p: Para, i: number, b: number, kind: RunKind): number {
  const from = firstNonWs(p.text, p.starts[i]!, p.ends[i]!);
  const parts: string[] = [];
  let last = i;
  let j = i;
  while (j < b) {
    if (j > i && (p.inside[j] || isBlankLine(p, j))) break;
    if (endsInside(p, j, b)) break;
    const t = trimmedLine(p, j);
    let part: string | null = null;
    if (kind === 'synopsis') {
      if (t.charCodeAt(0) === 61 && !pageBreakLine.test(t)) part = t.slice(1).trim();
    } else if (kind === 'lyrics') {
      if (t.charCodeAt(0) === 126) part = t.slice(1).trim();
    } else if (t.length >= 2 && t.charCodeAt(0) === 62 && t.charCodeAt(t.length - 1) === 60) {
      part = t.slice(1, -1).trim();
    }
    if (part === null) break;
    parts.push(part);
    last = j;
    j++;
  }
  push(p, { type: kind, text: parts.join('\n') }, from, p.ends[last]!);
  return j;
}

/** The lines after a cue: parentheticals, dialogue and lyrics, to the end of the paragraph. */
function readDialogue(p: Para, i: number, b: number): number {
  let cur: { type: 'parenthetical' | 'dialogue' | 'lyrics'; text: string } | null = null;
  let curIndex = -1;
  const open = (el: { type: 'parenthetical' | 'dialogue' | 'lyrics'; text: string }, from: number, to: number) => {
    cur = el;
    curIndex = p.out.length;
    push(p, el, from, to);
  };
  for (; i < b; i++) {
    const ls = p.starts[i]!;
    const le = p.ends[i]!;
    const fs = firstNonWs(p.text, ls, le);
    const t = p.text.slice(fs, le).trimEnd();
    if (cur !== null && p.inside[i]) {
      (cur as { text: string }).text += '\n' + t;
      p.spans[curIndex * 2 + 1] = le;
      continue;
    }
    const c0 = t.charCodeAt(0);
    if (c0 === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */) {
      open({ type: 'parenthetical', text: t }, fs, le);
    } else if (c0 === 126 /* ~ */) {
      const line = t.slice(1).trim();
      if (cur !== null && (cur as { type: string }).type === 'lyrics') {
        (cur as { text: string }).text += '\n' + line;
        p.spans[curIndex * 2 + 1] = le;
      } else open({ type: 'lyrics', text: line }, fs, le);
    } else if (cur !== null && (cur as { type: string }).type === 'dialogue') {
      (cur as { text: string }).text += '\n' + t;
      p.spans[curIndex * 2 + 1] = le;
    } else {
      open({ type: 'dialogue', text: t }, fs, le);
    }
  }
  return b;
}

function heading(t: string, forced: boolean): ScriptElement {
  let s = t;
  let color: string | undefined;
  const cm = colorNote.exec(s);
  if (cm) {
    color = cm[1];
    s = (s.slice(0, cm.index).trimEnd() + ' ' + s.slice(cm.index + cm[0].length).trimStart()).trim();
  }
  let number: string | undefined;
  const nm = sceneNumberAtEnd.exec(s);
  if (nm) {
    const before = s.slice(0, nm.index).trim();
    if (before !== '') {
      number = nm[1];
      s = before;
    }
  }
  const el: ScriptElement = { type: 'sceneHeading', text: s.trim(), forced };
  if (number !== undefined) el.number = number;
  if (color) el.color = color;
  return el;
}

type Cue = Extract<ScriptElement, { type: 'character' }>;

/** A cue line (without its `@`): NAME, then an optional (EXTENSION), then an optional ^. */
function cue(t: string, forced: boolean): Cue {
  let s = t.trim();
  let dual = false;
  if (s.endsWith('^')) {
    dual = true;
    s = s.slice(0, -1).trimEnd();
  }
  let name = s;
  let extension: string | undefined;
  const open = s.indexOf('(');
  if (open > 0 && s.endsWith(')')) {
    const n = s.slice(0, open).trim();
    if (n !== '') {
      name = n;
      extension = s.slice(open + 1, -1);
    }
  }
  const el: Cue = { type: 'character', name, forced, dual };
  if (extension !== undefined) el.extension = extension;
  return el;
}

// ---------------------------------------------------------------------------------------------
// Title page.

const knownTitleKeys = new Set([
  'title',
  'credit',
  'author',
  'authors',
  'source',
  'draft date',
  'date',
  'contact',
  'copyright',
  'notes',
  'revision',
]);
const titleKeyLine = /^([\p{L}\p{N}][\p{L}\p{N} _'-]*?)[ \t]*:(.*)$/u;

/** The title page in lines [a, b), or null when these lines are not one. */
function readTitlePage(lines: Lines, a: number, b: number): TitleEntry[] | null {
  const text = lines.text;
  const entries: { key: string; lines: string[] }[] = [];
  let known = false;
  for (let i = a; i < b; i++) {
    const raw = text.slice(lines.starts[i]!, lines.ends[i]!);
    const indented = raw.length > 0 && isWs(raw.charCodeAt(0));
    const value = raw.trim();
    if (indented || (value === '' && i > a)) {
      if (entries.length === 0) return null;
      if (value !== '') entries[entries.length - 1]!.lines.push(value);
      continue;
    }
    const m = titleKeyLine.exec(raw);
    if (!m) return null;
    const key = m[1]!.trim();
    if (knownTitleKeys.has(key.toLowerCase())) known = true;
    const first = m[2]!.trim();
    entries.push({ key, lines: first === '' ? [] : [first] });
  }
  if (entries.length === 0 || (!known && entries.length < 2)) return null;
  return entries.map((e) => ({ key: e.key, value: e.lines.join('\n') }));
}

// ---------------------------------------------------------------------------------------------
// The whole text.

/** Reads `text`, reusing (and filling) `cache` for paragraphs seen before. */
export function parseWithCache(text: string, cache: ParagraphCache | null): ParsedScript {
  const lines = splitLines(text);
  const n = lines.starts.length;
  const regions = scanRegions(text, 0, text.length);
  const problems: FountainProblem[] = regions.unclosed.map((u) => ({
    line: lineOf(lines, u.at),
    message:
      u.kind === 'boneyard'
        ? `The boneyard opened on line ${lineOf(lines, u.at)} (/*) is never closed.`
        : `The note opened on line ${lineOf(lines, u.at)} ([[) is never closed.`,
  }));

  // Which lines begin inside a region.
  const inside: boolean[] = new Array<boolean>(n);
  {
    let r = 0;
    const rs = regions.starts;
    const re = regions.ends;
    for (let i = 0; i < n; i++) {
      const s = lines.starts[i]!;
      while (r < rs.length && re[r]! <= s) r++;
      inside[i] = r < rs.length && rs[r]! < s;
    }
  }

  const blank = (i: number) => firstNonWs(text, lines.starts[i]!, lines.ends[i]!) === lines.ends[i]!;
  const soft = (i: number) => lines.ends[i]! - lines.starts[i]! >= 2;

  const titlePage: TitleEntry[] = [];
  const elements: ScriptElement[] = [];
  const spans: Span[] = [];
  let titleDone = false;
  let r = 0;
  let i = 0;
  while (i < n) {
    if (!inside[i] && blank(i)) {
      i++;
      continue;
    }
    const a = i;
    i++;
    while (i < n) {
      if (inside[i] || !blank(i)) {
        i++;
        continue;
      }
      if (!soft(i)) break;
      let j = i + 1;
      while (j < n && !inside[j] && blank(j) && soft(j)) j++;
      if (j < n && (inside[j] || !blank(j))) i = j;
      else break;
    }
    const b = i;

    if (!titleDone) {
      const entries = readTitlePage(lines, a, b);
      if (entries) {
        titlePage.push(...entries);
        titleDone = true;
        continue;
      }
    }

    const from = lines.starts[a]!;
    const to = lines.ends[b - 1]!;
    let result = cache?.lookup(text, from, to);
    if (!result) {
      while (r < regions.starts.length && regions.starts[r]! < from) r++;
      result = readParagraph(text, lines, a, b, inside, regions, r);
    }
    cache?.record(from, to, result);
    const rel = result.rel;
    let allAside = true;
    for (let k = 0; k < result.elements.length; k++) {
      const el = result.elements[k]!;
      if (el.type !== 'note' && el.type !== 'boneyard') allAside = false;
      elements.push(cache ? { ...el } : el);
      spans.push({ from: from + rel[k * 2]!, to: from + rel[k * 2 + 1]! });
    }
    if (!allAside) titleDone = true;
  }
  return { script: { titlePage, elements }, spans, problems, length: text.length };
}

function readParagraph(
  text: string,
  lines: Lines,
  a: number,
  b: number,
  inside: boolean[],
  regions: Regions,
  r: number,
): ParagraphResult {
  const base = lines.starts[a]!;
  const end = lines.ends[b - 1]!;
  const regionEnd = new Map<number, number>();
  for (let k = r; k < regions.starts.length && regions.starts[k]! < end; k++) regionEnd.set(regions.starts[k]!, regions.ends[k]!);
  const p: Para = {
    text,
    starts: lines.starts.slice(a, b),
    ends: lines.ends.slice(a, b),
    inside: inside.slice(a, b),
    regionEnd,
    out: [],
    spans: [],
  };
  readLines(p, 0, b - a);
  for (let k = 0; k < p.spans.length; k++) p.spans[k]! -= base;
  return { elements: p.out, rel: p.spans };
}

function lineOf(lines: Lines, offset: number): number {
  let lo = 0;
  let hi = lines.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Reads one paragraph of Fountain on its own (no title page). The writer uses it to check that
 * what it writes reads back as the element it meant.
 */
export function readFountainParagraph(paragraph: string): ScriptElement[] {
  const lines = splitLines(paragraph);
  const regions = scanRegions(paragraph, 0, paragraph.length);
  const n = lines.starts.length;
  const inside: boolean[] = [];
  let r = 0;
  for (let i = 0; i < n; i++) {
    const s = lines.starts[i]!;
    while (r < regions.starts.length && regions.ends[r]! <= s) r++;
    inside.push(r < regions.starts.length && regions.starts[r]! < s);
  }
  return readParagraph(paragraph, lines, 0, n, inside, regions, 0).elements;
}

/** Whether these lines, first in a script, would read as a title page. */
export function looksLikeTitlePage(paragraph: string): boolean {
  const lines = splitLines(paragraph);
  return readTitlePage(lines, 0, lines.starts.length) !== null;
}
