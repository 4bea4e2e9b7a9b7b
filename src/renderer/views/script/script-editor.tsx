// The screenplay editor: a CodeMirror view whose document is the script's Fountain text. Each
// user transaction becomes ScriptOps sent with editScript (which applies them to the store at
// once and sends them to the host in order); a burst of typing is one undo step (a new one after a
// second's pause, an element change by Enter/Tab, another kind of edit or a cursor jump). Changes
// that did not come from here (another window, undo/redo, a reload) arrive through
// onScriptRemoteChange and are applied with the `remoteChange` annotation so they are not sent
// back. Undo and redo are the host's (the script.undo/redo commands): there is no CodeMirror history.
import { defaultKeymap } from '@codemirror/commands';
import { ChangeSet, EditorSelection, EditorState, Transaction } from '@codemirror/state';
import { dropCursor, EditorView, highlightSpecialChars, keymap, type ViewUpdate } from '@codemirror/view';
import { memo, useEffect, useRef } from 'react';
import type { ScriptOp } from '../../../shared/script/script-ops';
import { newGroupId } from '../../stores/document-logic';
import { editScript, onScriptRemoteChange, useScriptStore } from '../../stores/script-store';
import { sceneAt } from './board-logic';
import { changesToOps, continuesBurst, labelOf, type Burst, type EditorChange } from './ops-logic';
import { elementChange, remoteChange, screenplay } from './screenplay-extensions';
import { lastIndex, useScriptViewStore } from './script-view-store';

/** The editor's view while one is shown (commands move its cursor: next/previous scene). */
let activeView: EditorView | null = null;
export const activeEditorView = (): EditorView | null => activeView;

function applyRemote(view: EditorView, ops: readonly ScriptOp[]): void {
  try {
    let changes = ChangeSet.empty(view.state.doc.length);
    for (const op of ops) changes = changes.compose(ChangeSet.of({ from: op.from, to: op.to, insert: op.text }, changes.newLength));
    view.dispatch({ changes, annotations: [remoteChange.of(true), Transaction.addToHistory.of(false)] });
  } catch {
    // Ops that do not fit: the store's text is the truth (checked below).
  }
  queueMicrotask(() => resync(view));
}

/** Makes the view show the store's text when they differ (after a reload that replaced it). */
function resync(view: EditorView): void {
  if (activeView !== view) return;
  const text = useScriptStore.getState().text;
  const doc = view.state.doc;
  if (doc.length === text.length && doc.toString() === text) return;
  const head = Math.min(view.state.selection.main.head, text.length);
  view.dispatch({ changes: { from: 0, to: doc.length, insert: text }, selection: EditorSelection.cursor(head), annotations: remoteChange.of(true) });
}

/** Memoised: it has no props, and CodeMirror owns what is inside it. */
export const ScriptEditor = memo(function ScriptEditor() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    let burst: Burst | null = null;
    let cursorTimer: ReturnType<typeof setTimeout> | null = null;

    const onUpdate = (update: ViewUpdate) => {
      for (const tr of update.transactions) {
        if (!tr.docChanged || tr.annotation(remoteChange)) continue;
        const changes: EditorChange[] = [];
        tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => changes.push({ fromA, toA, inserted: inserted.toString() }));
        const ops = changesToOps(changes);
        const first = ops[0];
        if (!first) continue;
        const element = tr.annotation(elementChange);
        const label = element ?? labelOf(ops, tr.annotation(Transaction.userEvent));
        // An element change (Enter, Tab) opens a step that the typing after it joins.
        const kind = element !== undefined ? 'Typing' : label;
        const at = Date.now();
        if (!continuesBurst(burst, { at, from: first.from, label: kind, newElement: element !== undefined || label === 'Paste' || label === 'Move text' })) {
          burst = { group: newGroupId(), at, end: first.from, label: kind };
        }
        if (burst) {
          burst.at = at;
          burst.end = tr.state.selection.main.head;
        }
        editScript(ops, { label: element || label, ...(burst ? { group: burst.group } : {}) });
      }
      if (update.selectionSet && !cursorTimer) {
        cursorTimer = setTimeout(() => {
          cursorTimer = null;
          markCurrentScene();
        }, 250);
      }
    };

    // The outline's current scene, from the last index (it is not made again for a cursor move;
    // while the writer types, its positions are at most a pause behind).
    const markCurrentScene = () => {
      const scenes = lastIndex()?.scenes ?? [];
      const scene = sceneAt(scenes, view.state.selection.main.head);
      if (useScriptViewStore.getState().currentScene !== scene) useScriptViewStore.setState({ currentScene: scene });
    };

    const names = {
      characters: () => lastIndex()?.characters ?? [],
      locations: () => lastIndex()?.locations ?? [],
    };
    // The browser's own caret and selection, not CodeMirror's drawn ones (drawSelection): drawing
    // them costs a measure, a layer update and a restarted blink animation on every key; without
    // them keystroke-to-paint in a 126-page script fell from p50 ~17 ms to ~10–13 ms (bench:script).
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: useScriptStore.getState().text,
        extensions: [highlightSpecialChars(), dropCursor(), EditorState.allowMultipleSelections.of(false), screenplay(names), keymap.of(defaultKeymap), EditorView.updateListener.of(onUpdate)],
      }),
    });
    activeView = view;
    const stopRemote = onScriptRemoteChange((ops) => applyRemote(view, ops));

    // A jump asked for by the board, the outline or a command.
    const doJump = (pos: number | null) => {
      if (pos === null) return;
      useScriptViewStore.setState({ jump: null });
      const at = Math.min(pos, view.state.doc.length);
      view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'start', yMargin: 24 }) });
      view.focus();
    };
    doJump(useScriptViewStore.getState().jump);
    const stopJump = useScriptViewStore.subscribe((s, prev) => {
      if (s.jump !== prev.jump) doJump(s.jump);
      if (s.index !== prev.index) markCurrentScene();
    });
    if (useScriptViewStore.getState().jump === null) view.focus();

    return () => {
      stopRemote();
      stopJump();
      if (cursorTimer) clearTimeout(cursorTimer);
      if (activeView === view) activeView = null;
      view.destroy();
    };
  }, []);

  return <div className="screenplay-host" ref={host} data-testid="script-editor" />;
});
