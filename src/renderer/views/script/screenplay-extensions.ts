// The CodeMirror side of the screenplay editor: the live screenplay layout (a view plugin that
// gives each visible line a line class from the shared parser's reading of the text, mapped line
// by line in parsed-lines-logic.ts; (CONT'D) as a widget), the element hint that Enter and Tab
// leave on an empty line, the upper-casing of cues, headings and transitions as they are typed,
// the Enter/Tab keys (cycling-logic.ts) and the suggestions (completion-logic.ts). The text is
// parsed incrementally, once per document, when the layout or a key asks for it (script-parse.ts).
// Nothing here talks to the host: script-editor.tsx turns the user's transactions into ScriptOps.
import { autocompletion, startCompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { Annotation, Prec, RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, keymap, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { enterOutcome, tabOutcome, type CursorLine, type KeyOutcome } from './cycling-logic';
import { cueSuggestions, headingSuggestions } from './completion-logic';
import { lineKinds, readsAsCue, showsContd, type LineHint, type LineKind, type TextLine } from './parsed-lines-logic';
import { parsedDoc } from './script-parse';

/** Marks a transaction that came from the host (another window, undo/redo): not sent back. */
export const remoteChange = Annotation.define<boolean>();
/** The undo label of an element change made by Enter or Tab; it also starts a new undo step. */
export const elementChange = Annotation.define<string>();

// ---- The element hint ------------------------------------------------------------------------

interface Hint {
  /** Start of the hinted line. */
  pos: number;
  kind: LineKind;
}

const setHint = StateEffect.define<{ cursor: number; kind: LineKind } | null>();

export const hintField = StateField.define<Hint | null>({
  create: () => null,
  update(value, tr) {
    let hint = value;
    for (const effect of tr.effects) {
      if (effect.is(setHint)) hint = effect.value ? { pos: tr.newDoc.lineAt(effect.value.cursor).from, kind: effect.value.kind } : null;
    }
    if (hint && hint === value && tr.docChanged) hint = { ...hint, pos: tr.changes.mapPos(hint.pos, -1) };
    // The hint lives while the cursor stays on its line.
    if (hint && tr.newDoc.lineAt(tr.newSelection.main.head).from !== hint.pos) return null;
    return hint;
  },
});

// ---- Line kinds ----------------------------------------------------------------------------

function hintOf(state: EditorState): LineHint | null {
  const hint = state.field(hintField, false) ?? null;
  return hint ? { from: hint.pos, kind: hint.kind } : null;
}

/** The kind of the line (1-based number) and the line before it. */
export function kindsAround(state: EditorState, lineNumber: number): { kind: LineKind; prevKind: LineKind | null } {
  const doc = state.doc;
  const lines: TextLine[] = [];
  for (let n = Math.max(1, lineNumber - 1); n <= lineNumber; n++) {
    const line = doc.line(n);
    lines.push({ from: line.from, to: line.to, text: line.text });
  }
  const kinds = lineKinds(parsedDoc(doc), lines, hintOf(state));
  return lineNumber === 1 ? { kind: kinds[0]?.kind ?? 'action', prevKind: null } : { kind: kinds[1]?.kind ?? 'action', prevKind: kinds[0]?.kind ?? null };
}

export function cursorLine(state: EditorState): CursorLine {
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  const { kind, prevKind } = kindsAround(state, line.number);
  return { text: line.text, kind, from: line.from, column: head - line.from, prevKind };
}

// ---- Layout --------------------------------------------------------------------------------

class ContdWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-fl-contd';
    span.textContent = " (CONT'D)";
    span.setAttribute('aria-label', 'continued');
    return span;
  }
}

const contdWidget = Decoration.widget({ widget: new ContdWidget(), side: 1 });
const lineDecos = new Map<LineKind, Decoration>();
const lineDeco = (kind: LineKind) => {
  let deco = lineDecos.get(kind);
  if (!deco) {
    deco = Decoration.line({ class: `cm-fl cm-fl-${kind}`, attributes: { 'data-kind': kind } });
    lineDecos.set(kind, deco);
  }
  return deco;
};
const inlineNote = Decoration.mark({ class: 'cm-fl-inline-note' });
const sceneNumber = Decoration.mark({ class: 'cm-fl-scene-number' });

function layout(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const { state } = view;
  const doc = state.doc;
  const lines: TextLine[] = [];
  let next = 1;
  for (const range of view.visibleRanges) {
    const last = doc.lineAt(range.to).number;
    for (let n = Math.max(doc.lineAt(range.from).number, next); n <= last; n++) {
      const line = doc.line(n);
      lines.push({ from: line.from, to: line.to, text: line.text });
    }
    next = Math.max(next, last + 1);
  }
  const parsed = parsedDoc(doc);
  const els = parsed.script.elements;
  const kinds = lineKinds(parsed, lines, hintOf(state));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const { kind, element } = kinds[i]!;
    builder.add(line.from, line.from, lineDeco(kind));
    const el = els[element];
    if (kind === 'sceneHeading') {
      if (el?.type === 'sceneHeading' && el.number !== undefined) {
        const at = line.text.lastIndexOf(`#${el.number}#`);
        if (at >= 0) builder.add(line.from + at, line.to, sceneNumber);
      }
    } else if (kind !== 'boneyard' && kind !== 'note' && line.text.includes('[[')) {
      for (const m of line.text.matchAll(/\[\[[^\]]*\]\]/g)) builder.add(line.from + m.index, line.from + m.index + m[0].length, inlineNote);
    }
    // (CONT'D) on the cue's own line (a cue is one line).
    if (kind === 'character' && el?.type === 'character' && parsed.spans[element]!.from >= line.from && showsContd(parsed, element)) builder.add(line.to, line.to, contdWidget);
  }
  return builder.finish();
}

const layoutPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = layout(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || update.startState.field(hintField, false) !== update.state.field(hintField, false)) {
        this.decorations = layout(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

// ---- Keys ----------------------------------------------------------------------------------

function runOutcome(view: EditorView, outcome: KeyOutcome | null, complete = false): boolean {
  if (!outcome) return false;
  view.dispatch({
    changes: outcome.changes,
    selection: { anchor: outcome.cursor },
    effects: setHint.of(outcome.hint ? { cursor: outcome.cursor, kind: outcome.hint } : null),
    scrollIntoView: true,
    ...(outcome.changes.length ? { annotations: elementChange.of(outcome.label), userEvent: 'input.element' } : {}),
  });
  if (complete && (outcome.hint === 'character' || outcome.hint === 'sceneHeading')) startCompletion(view);
  return true;
}

const singleCursor = (view: EditorView) => view.state.selection.ranges.length === 1 && view.state.selection.main.empty;

const screenplayKeymap = keymap.of([
  { key: 'Enter', run: (view) => singleCursor(view) && runOutcome(view, enterOutcome(cursorLine(view.state))) },
  {
    key: 'Shift-Enter',
    run: (view) => {
      view.dispatch(view.state.replaceSelection('\n'), { scrollIntoView: true, userEvent: 'input' });
      return true;
    },
  },
  { key: 'Tab', run: (view) => singleCursor(view) && runOutcome(view, tabOutcome(cursorLine(view.state)), true) },
  { key: 'Shift-Tab', run: (view) => singleCursor(view) && runOutcome(view, tabOutcome(cursorLine(view.state), true), true) },
]);

const upperKinds: ReadonlySet<LineKind> = new Set(['character', 'sceneHeading', 'transition']);

/** Letters typed on a cue, heading or transition line come out in capitals. */
const upperCaseTyping = EditorView.inputHandler.of((view, from, to, text) => {
  if (!/\p{Ll}/u.test(text) || text.includes('\n')) return false;
  const line = cursorLine(view.state);
  if (!upperKinds.has(line.kind)) return false;
  // Extensions keep their case as typed inside brackets: BRICK (cont'd) is fine Fountain too.
  if (line.kind === 'character' && line.text.slice(0, from - line.from).includes('(')) return false;
  view.dispatch({ changes: { from, to, insert: text.toUpperCase() }, selection: { anchor: from + text.length }, userEvent: 'input.type', scrollIntoView: true });
  return true;
});

// ---- Suggestions ---------------------------------------------------------------------------

export interface NamesSource {
  characters(): readonly string[];
  locations(): readonly string[];
}

function suggestions(names: NamesSource) {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const { kind, prevKind } = kindsAround(context.state, line.number);
    const cueLike = kind === 'character' || (kind === 'action' && (prevKind === null || prevKind === 'blank') && readsAsCue(before));
    const found = kind === 'sceneHeading' ? headingSuggestions(before, names.locations()) : cueLike ? cueSuggestions(before, names.characters()) : null;
    if (!found) return null;
    if (!context.explicit && before.trim() === '' && kind !== 'sceneHeading' && kind !== 'character') return null;
    return {
      from: line.from + found.from,
      options: found.options.map((label) => ({ label, type: kind === 'sceneHeading' ? 'keyword' : 'variable' })),
      validFor: /^[\w .'/-]*$/,
    };
  };
}

/** Everything the screenplay editor adds to a plain CodeMirror view. */
export function screenplay(names: NamesSource): Extension {
  return [
    hintField,
    layoutPlugin,
    upperCaseTyping,
    Prec.high(screenplayKeymap),
    autocompletion({ override: [suggestions(names)], icons: false, defaultKeymap: true }),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': 'Screenplay', spellcheck: 'true', autocorrect: 'off', autocapitalize: 'off' }),
  ];
}
