// Writes the script model as canonical Fountain 1.1: the title page first, then one paragraph per
// element separated by blank lines, except a dialogue block (cue, then its parentheticals, dialogue
// and lyrics on the following lines). Each element is written plainly when that reads back as the
// same element, and forced (`!`, `@`, `.`, `>`) otherwise, so parseFountain(writeFountain(s)) gives
// `s` back for every script the text can hold (see testing/arbitraries.ts for what that is).
//
// Conventions: multi-line title values are indented with four spaces; blank lines inside dialogue
// are written as two spaces; a scene's colour is written `[[color NAME]]` before its number.
import { looksLikeTitlePage, readFountainParagraph } from './fountain-parse';
import type { Script, ScriptElement } from './script';

type El<T extends ScriptElement['type']> = Extract<ScriptElement, { type: T }>;

export function writeFountain(script: Script): string {
  const paragraphs: string[] = [];
  if (script.titlePage.length > 0) {
    paragraphs.push(
      script.titlePage
        .map(({ key, value }) => {
          const lines = value.split('\n');
          if (value === '') return `${key}:`;
          if (lines.length === 1) return `${key}: ${value}`;
          return `${key}:\n${lines.map((l) => `    ${l}`).join('\n')}`;
        })
        .join('\n'),
    );
  }
  const els = script.elements;
  let firstContent = script.titlePage.length === 0;
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const next = els[i + 1];
    let block: string;
    if (el.type === 'character') {
      const lines = [writeCue(el, next)];
      let prev: ScriptElement['type'] = 'character';
      while (i + 1 < els.length) {
        const n = els[i + 1]!;
        if (n.type !== 'parenthetical' && n.type !== 'dialogue' && n.type !== 'lyrics') break;
        if (n.type === prev && n.type !== 'parenthetical') break;
        lines.push(writeInBlock(n));
        prev = n.type;
        i++;
      }
      block = lines.join('\n');
    } else {
      block = writeAlone(el);
    }
    if (firstContent && el.type !== 'note' && el.type !== 'boneyard') {
      firstContent = false;
      // With no title page, a first paragraph that reads like one is forced.
      if (looksLikeTitlePage(block)) block = forcedForm(el, next) ?? block;
    }
    paragraphs.push(block);
  }
  return paragraphs.length === 0 ? '' : paragraphs.join('\n\n') + '\n';
}

function same(a: ScriptElement | undefined, b: ScriptElement): boolean {
  if (!a || a.type !== b.type) return false;
  const ka = Object.keys(a).filter((k) => (a as unknown as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as unknown as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => (a as unknown as Record<string, unknown>)[k] === (b as unknown as Record<string, unknown>)[k]);
}

/** Whether `text`, read alone, is exactly `el`. */
function readsAs(text: string, el: ScriptElement): boolean {
  const read = readFountainParagraph(text);
  return read.length === 1 && same(read[0], el);
}

function headingLine(el: El<'sceneHeading'>): string {
  let s = el.text;
  if (el.color) s += ` [[color ${el.color}]]`;
  if (el.number !== undefined) s += ` #${el.number}#`;
  return s;
}

function cueLine(el: El<'character'>): string {
  let s = el.name;
  if (el.extension !== undefined) s += ` (${el.extension})`;
  if (el.dual) s += ' ^';
  return s;
}

function writeCue(el: El<'character'>, next: ScriptElement | undefined): string {
  const line = cueLine(el);
  if (el.forced) return `@${line}`;
  const hasBlock = next !== undefined && (next.type === 'parenthetical' || next.type === 'dialogue' || next.type === 'lyrics');
  if (hasBlock) {
    const read = readFountainParagraph(`${line}\nx`);
    if (read.length === 2 && same(read[0], el)) return line;
  }
  return `@${line}`;
}

function writeInBlock(el: El<'parenthetical'> | El<'dialogue'> | El<'lyrics'>): string {
  switch (el.type) {
    case 'parenthetical':
      return el.text;
    case 'dialogue':
      return el.text
        .split('\n')
        .map((l) => (l.trim() === '' ? '  ' : l))
        .join('\n');
    case 'lyrics':
      return lyricLines(el.text);
  }
}

function lyricLines(text: string): string {
  return text
    .split('\n')
    .map((l) => `~${l}`)
    .join('\n');
}

/** The forced spelling of an element that has one. */
function forcedForm(el: ScriptElement, next: ScriptElement | undefined): string | null {
  switch (el.type) {
    case 'sceneHeading':
      return `.${headingLine(el)}`;
    case 'action':
      return `!${el.text}`;
    case 'transition':
      return `> ${el.text}`;
    case 'character':
      return writeCue({ ...el, forced: true }, next);
    default:
      return null;
  }
}

function writeAlone(el: ScriptElement): string {
  switch (el.type) {
    case 'sceneHeading': {
      const line = headingLine(el);
      return !el.forced && readsAs(line, el) ? line : `.${line}`;
    }
    case 'action':
      return !el.forced && readsAs(el.text, el) ? el.text : `!${el.text}`;
    case 'transition':
      return !el.forced && readsAs(el.text, el) ? el.text : `> ${el.text}`;
    case 'centered':
      return el.text
        .split('\n')
        .map((l) => `> ${l} <`)
        .join('\n');
    case 'pageBreak':
      return '===';
    case 'section':
      return `${'#'.repeat(Math.max(1, el.depth))} ${el.text}`;
    case 'synopsis':
      return el.text
        .split('\n')
        .map((l) => (l === '' ? '=' : `= ${l}`))
        .join('\n');
    case 'note':
      return `[[${el.text}]]`;
    case 'boneyard':
      return `/*${el.text}*/`;
    case 'lyrics':
      return lyricLines(el.text);
    // Outside a dialogue block these have no spelling of their own; written as they are.
    case 'parenthetical':
    case 'dialogue':
      return writeInBlock(el);
    case 'character':
      return writeCue(el, undefined);
  }
}
