// The script screen's own state (not the script: stores/script-store.ts mirrors that): which view
// is shown (editor, scene board, reports), the scene index of the text (made from the open
// script's parse once the writer pauses, for the board, the outline and the suggestions), the
// board's filters and a pending jump of the editor to a place in the script.
import { create } from 'zustand';
import { useScriptStore } from '../../stores/script-store';
import { indexScript, type SceneFilter, type ScriptIndex } from './board-logic';
import { parsedOf } from './script-parse';

export type ScriptView = 'editor' | 'board' | 'reports';

interface ScriptViewState {
  view: ScriptView;
  index: ScriptIndex | null;
  /** The text the index was made from. */
  indexedText: string | null;
  filter: SceneFilter;
  /** Where the editor should put the cursor and scroll to, once it is shown. */
  jump: number | null;
  /** The scene the cursor is in (index into index.scenes), for the outline. */
  currentScene: number;
  exportOpen: boolean;
}

export const initialScriptView = (): ScriptViewState => ({
  view: 'editor',
  index: null,
  indexedText: null,
  filter: { character: '', location: '' },
  jump: null,
  currentScene: -1,
  exportOpen: false,
});

export const useScriptViewStore = create<ScriptViewState>()(initialScriptView);

export function showView(view: ScriptView): void {
  // The board and the outline show the text as it is now, not as it was at the last debounce.
  currentIndex();
  useScriptViewStore.setState({ view });
}

export function jumpTo(pos: number): void {
  useScriptViewStore.setState({ view: 'editor', jump: pos });
}

/** Told of every scene the writer goes to from the board, the outline or the reports (the script
 * screen records it in the history). */
let sceneOpened: ((heading: string) => void) | null = null;
export function onSceneOpened(listener: ((heading: string) => void) | null): void {
  sceneOpened = listener;
}

/** Goes to a scene in the editor, as a writer's choice (recorded). */
export function openScene(scene: { from: number; heading: string }): void {
  jumpTo(scene.from);
  sceneOpened?.(scene.heading);
}

/** A scene to go to once a script opens (For you opens scenes of other scripts): its heading. */
let pendingScene: { docId: string; heading: string } | null = null;
export function openSceneWhenLoaded(docId: string, heading: string): void {
  pendingScene = { docId, heading };
}
/** The pending scene's heading for this script, taken (once). */
export function takePendingScene(docId: string): string | null {
  if (pendingScene?.docId !== docId) return null;
  const { heading } = pendingScene;
  pendingScene = null;
  return heading;
}

/** The index now, made at once if the text changed since the last one (for actions: moving a scene, the next scene). */
export function currentIndex(): ScriptIndex {
  const text = useScriptStore.getState().text;
  const state = useScriptViewStore.getState();
  if (state.index && state.indexedText === text) return state.index;
  const index = indexScript(parsedOf(text));
  useScriptViewStore.setState({ index, indexedText: text });
  return index;
}

/** The last index made, without making one (for what runs while the writer types). */
export function lastIndex(): ScriptIndex | null {
  return useScriptViewStore.getState().index;
}

/** The index is made this long after the writer stops typing… */
export const indexDelayMs = 400;
/** …or this long after the first edit since the last one, when the writer does not stop. */
export const indexMaxDelayMs = 3000;

/** Keeps the index following the script's text once the writer pauses; returns the stop. */
export function watchIndex(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstEdit = 0;
  const run = () => {
    timer = null;
    firstEdit = 0;
    currentIndex();
  };
  run();
  const stop = useScriptStore.subscribe((state, prev) => {
    if (state.text === prev.text) return;
    const now = Date.now();
    if (!firstEdit) firstEdit = now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(indexDelayMs, firstEdit + indexMaxDelayMs - now)));
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
