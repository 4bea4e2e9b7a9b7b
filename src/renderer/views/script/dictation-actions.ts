// Dictation into the screenplay editor (the Dictate button, Ctrl/Cmd+Shift+D): listening starts
// and stops through the dictation store; the final words go in at the editor's cursor where it is
// when the text arrives (dictation-insert-logic.ts decides action or dialogue) as one edit of the
// script store, so they are saved like typing and undone in one step.
import type { StudioClient } from '../../client/studio-client';
import { isListening, startListening, stopListening, useDictationStore } from '../../stores/dictation-store';
import { editScript, useScriptStore } from '../../stores/script-store';
import { notify } from '../../stores/ui-store';
import { dictationInsert } from './dictation-insert-logic';
import { activeEditorView } from './script-editor';
import { docText } from './script-parse';
import { cursorLine, remoteChange } from './screenplay-extensions';

/** Starts dictating into the open script, or stops and inserts what was said. */
export function toggleDictation(client: StudioClient): void {
  if (isListening('dictate')) {
    void stopListening();
    return;
  }
  // A voice command is being listened for: one thing at a time.
  if (isListening()) return;
  const docId = useScriptStore.getState().docId;
  if (!docId) return;
  void startListening(client, 'dictate', (t) => insertDictation(docId, t.text));
}

/** Puts dictated words into the script `docId` at the editor's cursor; false when it is not open any more. */
export function insertDictation(docId: string, words: string): boolean {
  const script = useScriptStore.getState();
  if (script.docId !== docId || script.status !== 'ready') {
    notify(`“${words}” was not inserted: the script is no longer open.`);
    return false;
  }
  const view = activeEditorView();
  const text = view ? docText(view.state.doc) : script.text;
  const cursor = view ? view.state.selection.main.head : text.length;
  const insert = dictationInsert(text, cursor, view ? cursorLine(view.state).kind : 'blank', words);
  if (!insert) return false;
  editScript(insert.ops, { label: 'Dictation' });
  if (view) {
    try {
      view.dispatch({
        changes: insert.ops.map((op) => ({ from: op.from, to: op.to, insert: op.text })),
        selection: { anchor: insert.cursor },
        scrollIntoView: true,
        annotations: remoteChange.of(true),
      });
      view.focus();
    } catch {
      // The editor catches up from the store's text on its next change.
    }
  }
  useDictationStore.setState({ outcome: { heard: words, text: `Inserted as ${insert.as === 'action' ? 'an action paragraph' : 'dialogue'}.`, ran: true } });
  return true;
}
