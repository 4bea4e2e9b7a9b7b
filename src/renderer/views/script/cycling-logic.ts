// Enter and Tab in the screenplay editor, as screenwriting apps have them: the element the cursor
// is in decides what the key makes next. Every element change is a text edit (upper-casing a cue,
// a blank line before a new paragraph, a leading `.` or `>` that forces a heading or transition)
// so it round-trips through Fountain; only the element of a still-empty line is held by the editor
// as a hint until it has text. The table (also shown in the shortcuts overlay and under the editor):
//
//   Enter after a scene heading      → a new action paragraph (heading upper-cased)
//   Enter after action               → a new action paragraph (an upper-case name: a cue, see below)
//   Enter after a cue                → dialogue on the next line (cue upper-cased)
//   Enter after a parenthetical      → dialogue
//   Enter after dialogue             → a new action paragraph (blank line between)
//   Enter on an empty cue/dialogue   → back to action
//   Enter after a transition         → a new scene heading
//   Tab on an empty action line      → a character cue (a blank line is added above when needed)
//   Tab on an empty cue line         → transition; again → scene heading; again → action
//   Tab on an empty line in dialogue → a parenthetical "()" with the cursor inside
//   Tab on a line of action          → that line becomes a cue (upper-cased)
//   Tab on a cue                     → that cue becomes a transition
//   Shift+Tab                        → the cycle backwards; Shift+Enter: a plain line break
import { readFountainParagraph } from '../../../shared/script/fountain-parse';
import { isBlank, readsAsCue, type LineKind } from './parsed-lines-logic';

/** Whether the shared parser reads this line alone as a scene heading. */
const readsAsHeading = (text: string): boolean => readFountainParagraph(text.trim())[0]?.type === 'sceneHeading';

/** Likely meant as a cue when Enter is pressed after it: a short name the parser reads as a cue, not a sentence. */
export function looksLikeCue(text: string): boolean {
  if (!readsAsCue(text) || readsAsHeading(text)) return false;
  const name = text.trim().replace(/^@/, '').replace(/\^$/, '').replace(/\s*\([^)]*\)\s*$/, '').trim();
  return name.length <= 38 && !/[.!?:;,]$/.test(name) && name.split(/\s+/).length <= 4;
}

export interface CursorLine {
  /** The text of the cursor's line. */
  text: string;
  /** Its kind (with the editor's hint applied). */
  kind: LineKind;
  /** Where the line starts in the script. */
  from: number;
  /** Where the cursor is in the line (0…text.length). */
  column: number;
  /** The previous line's kind, or null on the first line. */
  prevKind: LineKind | null;
}

export interface Change {
  from: number;
  to: number;
  insert: string;
}

export interface KeyOutcome {
  /** Changes, all positions in the script before the key (as CodeMirror takes a list of them). */
  changes: Change[];
  /** Where the cursor goes, in the script after the changes. */
  cursor: number;
  /** The element of the cursor's line afterwards, held until it has text. */
  hint: LineKind | null;
  /** The undo label when the changes are not empty. */
  label: string;
}

const upper = (line: CursorLine, text: string): Change[] => (text === line.text ? [] : [{ from: line.from, to: line.from + line.text.length, insert: text }]);

const endOf = (line: CursorLine) => line.from + line.text.length;

function forcedHeading(text: string): string {
  const t = text.trim().toUpperCase();
  return readsAsHeading(t) ? t : `.${t}`;
}

function forcedTransition(text: string): string {
  const t = text.trim().toUpperCase();
  return t.startsWith('>') || /TO:$/.test(t) ? t : `>${t}`;
}

/** Breaks the line at its end with `breaks` newlines after replacing it with `text`. */
function newLineAfter(line: CursorLine, text: string, breaks: string, hint: LineKind, label: string): KeyOutcome {
  const changes = upper(line, text);
  changes.push({ from: endOf(line), to: endOf(line), insert: breaks });
  return { changes, cursor: line.from + text.length + breaks.length, hint, label };
}

/** What Enter does, or null for a plain line break (cursor inside a line, or nothing special). */
export function enterOutcome(line: CursorLine): KeyOutcome | null {
  const empty = isBlank(line.text);
  if (line.column < line.text.trimEnd().length && line.kind !== 'parenthetical') return null;
  switch (line.kind) {
    case 'sceneHeading':
      if (empty) return { changes: [], cursor: line.from, hint: 'action', label: '' };
      return newLineAfter(line, forcedHeading(line.text), '\n\n', 'action', 'New action');
    case 'character':
      if (empty) return { changes: [], cursor: line.from, hint: 'action', label: '' };
      return newLineAfter(line, line.text.toUpperCase(), '\n', 'dialogue', 'New dialogue');
    case 'parenthetical':
      if (line.text.trim() === '()') return { changes: [{ from: line.from, to: endOf(line), insert: '' }], cursor: line.from, hint: 'dialogue', label: 'New dialogue' };
      return newLineAfter(line, line.text, '\n', 'dialogue', 'New dialogue');
    case 'dialogue':
    case 'lyrics':
      if (empty) {
        // Leave the speech: the empty line becomes the blank line between it and new action.
        return { changes: [{ from: line.from, to: line.from, insert: '\n' }], cursor: line.from + 1, hint: 'action', label: 'New action' };
      }
      return newLineAfter(line, line.text, '\n\n', 'action', 'New action');
    case 'transition':
      if (empty) return { changes: [], cursor: line.from, hint: 'action', label: '' };
      return newLineAfter(line, forcedTransition(line.text), '\n\n', 'sceneHeading', 'New scene heading');
    case 'action':
      if (empty) return null;
      if (line.prevKind === null || line.prevKind === 'blank') {
        if (looksLikeCue(line.text)) return newLineAfter(line, line.text.toUpperCase(), '\n', 'dialogue', 'New dialogue');
      }
      return newLineAfter(line, line.text, '\n\n', 'action', 'New action');
    case 'section':
    case 'synopsis':
    case 'centered':
      if (empty) return null;
      return newLineAfter(line, line.text, '\n\n', 'action', 'New action');
    default:
      return null;
  }
}

const emptyCycle: LineKind[] = ['action', 'character', 'transition', 'sceneHeading'];

/** What Tab (or Shift+Tab, `back`) does; null leaves the key alone. */
export function tabOutcome(line: CursorLine, back = false): KeyOutcome | null {
  const empty = isBlank(line.text);
  if (empty) {
    if (line.kind === 'dialogue' || line.kind === 'lyrics') {
      return { changes: [{ from: line.from, to: endOf(line), insert: '()' }], cursor: line.from + 1, hint: 'parenthetical', label: 'New parenthetical' };
    }
    const at = emptyCycle.indexOf(line.kind === 'blank' ? 'action' : line.kind);
    if (at < 0) return null;
    const next = emptyCycle[(at + (back ? emptyCycle.length - 1 : 1)) % emptyCycle.length] ?? 'action';
    // A cue needs a blank line above it: add one when the line follows a paragraph directly.
    if (next !== 'action' && line.prevKind !== null && line.prevKind !== 'blank') {
      return { changes: [{ from: line.from, to: line.from, insert: '\n' }], cursor: line.from + 1, hint: next, label: 'New paragraph' };
    }
    return { changes: [], cursor: line.from, hint: next, label: '' };
  }
  if (line.kind === 'parenthetical' && line.text.trim() === '()') {
    return { changes: [{ from: line.from, to: endOf(line), insert: '' }], cursor: line.from, hint: 'dialogue', label: 'Remove parenthetical' };
  }
  if (line.kind === 'action' && !back) {
    // A cue needs a blank line above it.
    const text = (line.prevKind !== null && line.prevKind !== 'blank' ? '\n' : '') + line.text.trim().toUpperCase();
    return { changes: [{ from: line.from, to: endOf(line), insert: text }], cursor: line.from + text.length, hint: 'character', label: 'Make a cue' };
  }
  if (line.kind === 'character') {
    if (back) return { changes: [], cursor: line.from + line.column, hint: null, label: '' };
    const text = forcedTransition(line.text.replace(/^\s*@/, ''));
    return { changes: [{ from: line.from, to: endOf(line), insert: text }], cursor: line.from + text.length, hint: 'transition', label: 'Make a transition' };
  }
  // Tab on other lines with text is taken (the editor keeps the focus) and does nothing.
  return { changes: [], cursor: line.from + line.column, hint: null, label: '' };
}

/** The key table for the shortcuts overlay and the editor's help line. */
export const screenplayKeys: readonly { label: string; shortcut: string }[] = [
  { label: 'After a heading or dialogue: new action paragraph; after a cue: dialogue', shortcut: 'Enter' },
  { label: 'Empty line: character cue → transition → scene heading → action', shortcut: 'Tab' },
  { label: 'Empty line in dialogue: a parenthetical "()"', shortcut: 'Tab' },
  { label: 'Line of action: make it a cue; a cue: make it a transition', shortcut: 'Tab' },
  { label: 'The element cycle backwards', shortcut: 'Shift+Tab' },
  { label: 'A line break inside the element', shortcut: 'Shift+Enter' },
  { label: 'Suggest names, locations and times', shortcut: 'Ctrl+Space' },
];
