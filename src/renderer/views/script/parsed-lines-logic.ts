// What each line of the script is, for the screenplay editor's live layout, read from the shared
// Fountain parser (src/shared/script/fountain-parse.ts) so that the editor shows what the PDF
// export, the reports and the board read: an element spans lines (its span runs from its first
// character to the end of its last line), each line takes the kind of the element whose span
// covers it, lines between elements are blank, and the lines of the title page (which has no
// span) come before the first element. Only the lines asked for are looked at (a binary search
// finds the first element), so a keystroke maps a screenful of lines, not the script.
//
// One editor's liberty on top of the parse: the line the editor has just made a cue, a dialogue
// line or another element by Enter or Tab (the "hint") is that element while the cursor is on it,
// even before it has text (an action hint gives way once the line has text). A cue line followed
// by the empty dialogue line being typed is shown as a cue, as it will read once that line has text.
import { readFountainParagraph, type ParsedScript } from '../../../shared/script/fountain-parse';
import type { ScriptElementType } from '../../../shared/script/script';

export type LineKind = ScriptElementType | 'blank' | 'titlePage';

/** A line of the text: [from, to) without its line break. */
export interface TextLine {
  from: number;
  to: number;
  text: string;
}

export interface LineHint {
  /** Start of the hinted line. */
  from: number;
  kind: LineKind;
}

export interface LineKindInfo {
  kind: LineKind;
  /** The element the line belongs to (index into script.elements), or -1. */
  element: number;
}

export const isBlank = (text: string): boolean => text.trim() === '';

/** Index of the first element whose span ends at or after `pos` (elements.length when none). */
export function firstElementFrom(parsed: ParsedScript, pos: number): number {
  const spans = parsed.spans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.to < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the first element that is not a note or boneyard starts: the title page lies before it. */
function titlePageEnd(parsed: ParsedScript): number {
  if (parsed.script.titlePage.length === 0) return 0;
  const els = parsed.script.elements;
  for (let i = 0; i < els.length; i++) {
    const type = els[i]!.type;
    if (type !== 'note' && type !== 'boneyard') return parsed.spans[i]!.from;
  }
  return parsed.length;
}

/** Would this text, alone on a line with a line of speech under it, read as a cue? */
export function readsAsCue(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  return readFountainParagraph(`${t}\nx`)[0]?.type === 'character';
}

/**
 * Kinds of `lines` (in text order, not necessarily adjacent) in the parsed text, with the editor's
 * hint applied.
 */
export function lineKinds(parsed: ParsedScript, lines: readonly TextLine[], hint: LineHint | null = null): LineKindInfo[] {
  const out: LineKindInfo[] = [];
  const first = lines[0];
  if (!first) return out;
  const spans = parsed.spans;
  const els = parsed.script.elements;
  const titleEnd = titlePageEnd(parsed);
  let k = firstElementFrom(parsed, first.from);
  for (const line of lines) {
    while (k < spans.length && spans[k]!.to < line.from) k++;
    const span = spans[k];
    if (span && span.from <= line.to) out.push({ kind: els[k]!.type, element: k });
    else if (line.from < titleEnd && !isBlank(line.text)) out.push({ kind: 'titlePage', element: -1 });
    else out.push({ kind: 'blank', element: -1 });
  }
  if (hint) {
    const at = lines.findIndex((l) => l.from === hint.from);
    const line = lines[at];
    if (line && (hint.kind !== 'action' || isBlank(line.text))) {
      out[at] = { kind: hint.kind, element: out[at]!.element };
      // The cue above an empty line of speech being typed.
      const above = lines[at - 1];
      const speech = hint.kind === 'dialogue' || hint.kind === 'parenthetical' || hint.kind === 'lyrics';
      if (speech && isBlank(line.text) && above && above.to + 1 === line.from && out[at - 1]!.kind === 'action') {
        const span = spans[out[at - 1]!.element];
        if (span && span.from >= above.from && readsAsCue(above.text)) out[at - 1] = { kind: 'character', element: out[at - 1]!.element };
      }
    }
  }
  return out;
}

const hasContd = (extension: string | undefined) => extension !== undefined && /^\s*(CONT['’]?D|CONTINUED)\s*$/i.test(extension);

/** How far back (in elements) a cue looks for the previous speaker. */
const contdLookback = 5000;

/**
 * Whether the cue at `element` gets (CONT'D), by the PDF export's rule: the same character spoke
 * the previous speech of the scene and no transition, centered text or page break came between;
 * not for a dual cue or one that already says (CONT'D).
 */
export function showsContd(parsed: ParsedScript, element: number): boolean {
  const els = parsed.script.elements;
  const el = els[element];
  if (el?.type !== 'character' || el.dual || hasContd(el.extension)) return false;
  const name = el.name.trim();
  for (let j = element - 1; j >= 0 && element - j <= contdLookback; j--) {
    const prev = els[j]!;
    if (prev.type === 'character') return prev.name.trim() === name;
    if (prev.type === 'sceneHeading' || prev.type === 'transition' || prev.type === 'centered' || prev.type === 'pageBreak') return false;
  }
  return false;
}
