// What the song editor shows and has selected, apart from the song itself (which is the host's,
// mirrored in documents-store.ts): the track being edited, the selected note ids, the snap grid,
// the draw tool, zoom and scroll, and the note clipboard. Commands (the registry) and the views
// both read and change it here, so a key press and a button do the same thing.
import { create } from 'zustand';
import type { ClipNote, Snap } from '../views/song/piano-roll-logic';

export interface SongEditorState {
  trackId: string | null;
  /** Ids of selected notes in `trackId`; ids that are not (yet) in the song are simply not drawn. */
  selection: ReadonlySet<string>;
  snap: Snap;
  /** Pencil: a click on empty space draws a note (a double-click always does). */
  drawMode: boolean;
  pxPerTick: number;
  rowHeight: number;
  scrollX: number;
  scrollY: number;
  /** Set when a song opens so the roll scrolls to its notes once it knows its size. */
  needsFit: boolean;
  clipboard: ClipNote[];
  /** The clip chosen in the arrangement (its track is `trackId`); never set together with a note selection. */
  clipId: string | null;
  /** The arrangement's own zoom and horizontal scroll (its lanes scroll with the track list). */
  arrangePxPerTick: number;
  arrangeScrollX: number;
  /** The clip whose name is being edited in the arrangement. */
  renamingClipId: string | null;
}

export const initialEditorState = (): SongEditorState => ({
  trackId: null,
  selection: new Set(),
  snap: '1/16',
  drawMode: false,
  pxPerTick: 0.2,
  rowHeight: 14,
  scrollX: 0,
  scrollY: 0,
  needsFit: true,
  clipboard: [],
  clipId: null,
  arrangePxPerTick: 0.03,
  arrangeScrollX: 0,
  renamingClipId: null,
});

export const useSongEditorStore = create<SongEditorState>()(() => initialEditorState());

/** A fresh editor for another song; the clipboard, snap and tool stay (as in any editor). */
export function resetSongEditor(): void {
  const { clipboard, snap, drawMode } = useSongEditorStore.getState();
  useSongEditorStore.setState({ ...initialEditorState(), clipboard, snap, drawMode });
}

export function setSelection(ids: Iterable<string>): void {
  const selection = new Set(ids);
  useSongEditorStore.setState(selection.size ? { selection, clipId: null } : { selection });
}

/** Chooses a clip in the arrangement (and its track for the piano roll); the note selection goes. */
export function selectClip(trackId: string, clipId: string | null): void {
  useSongEditorStore.setState({ trackId, clipId, selection: new Set() });
}

export function selectTrack(trackId: string | null): void {
  if (useSongEditorStore.getState().trackId === trackId) return;
  useSongEditorStore.setState({ trackId, selection: new Set(), clipId: null });
}
