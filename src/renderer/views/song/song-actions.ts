// The song editor's actions, shared by the command registry (keys, palette) and the buttons. Each
// turns the selection and view state into typed song ops with a label and sends them through
// documents-store.ts (which never applies them itself; the host's event does). Refusals a musician
// would want told (transposing past the keyboard) become a notice, not silence.
import { gmProgramName } from '../../../shared/music/gm-names';
import { newId } from '../../../shared/music/new-id';
import { quantize } from '../../../shared/music/sequence-ops';
import type { Note, Track } from '../../../shared/music/note-sequence';
import type { StudioClient } from '../../client/studio-client';
import { editSong, undoSong, useDocumentsStore } from '../../stores/documents-store';
import { setSelection, useSongEditorStore } from '../../stores/song-editor-store';
import { notify } from '../../stores/ui-store';
import {
  afterSelection,
  duplicateOffset,
  fromClipboard,
  gridTicks,
  nudgePatches,
  notePatchesBetween,
  snapChoices,
  toClipboard,
  transposePatches,
  type Snap,
} from './piano-roll-logic';


export function activeTrack(): Track | null {
  const song = useDocumentsStore.getState().open?.content;
  const { trackId } = useSongEditorStore.getState();
  return song?.tracks.find((t) => t.id === trackId) ?? null;
}

export function selectedNotes(): Note[] {
  const track = activeTrack();
  const { selection } = useSongEditorStore.getState();
  return track && selection.size ? track.notes.filter((n) => selection.has(n.id)) : [];
}

export const songOpen = () => useDocumentsStore.getState().open !== null && useSongEditorStore.getState().trackId !== null;
export const hasSelection = () => songOpen() && selectedNotes().length > 0;

const grid = () => gridTicks(useSongEditorStore.getState().snap, useDocumentsStore.getState().open?.content.ppq ?? 480);
export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function undoRedo(client: StudioClient, direction: 'undo' | 'redo'): void {
  void undoSong(client, direction);
}

export function deleteSelection(client: StudioClient): void {
  const track = activeTrack();
  const notes = selectedNotes();
  if (!track || !notes.length) return;
  setSelection([]);
  void editSong(client, [{ type: 'removeNotes', trackId: track.id, noteIds: notes.map((n) => n.id) }], `Delete ${plural(notes.length, 'note')}`);
}

export function selectAll(): void {
  setSelection(activeTrack()?.notes.map((n) => n.id) ?? []);
}

export function copySelection(): void {
  const notes = selectedNotes();
  if (notes.length) useSongEditorStore.setState({ clipboard: toClipboard(notes) });
}

export function cutSelection(client: StudioClient): void {
  copySelection();
  deleteSelection(client);
}

async function addAndSelect(client: StudioClient, track: Track, notes: Note[], label: string): Promise<void> {
  if (await editSong(client, [{ type: 'addNotes', trackId: track.id, notes }], label)) setSelection(notes.map((n) => n.id));
}

/** Pastes after the selection, or (no playhead yet) at the first grid line in view. */
export function paste(client: StudioClient): void {
  const track = activeTrack();
  const { clipboard, scrollX, pxPerTick } = useSongEditorStore.getState();
  if (!track || !clipboard.length) return;
  const selected = selectedNotes();
  const g = grid();
  const at = selected.length ? afterSelection(selected, g) : Math.ceil(scrollX / pxPerTick / g) * g;
  void addAndSelect(client, track, fromClipboard(clipboard, at, newId), `Paste ${plural(clipboard.length, 'note')}`);
}

export function duplicateSelection(client: StudioClient): void {
  const track = activeTrack();
  const notes = selectedNotes();
  if (!track || !notes.length) return;
  const offset = duplicateOffset(notes, grid());
  const copies = notes.map((n) => ({ ...n, id: newId(), start: n.start + offset }));
  void addAndSelect(client, track, copies, `Duplicate ${plural(notes.length, 'note')}`);
}

export function transposeSelection(client: StudioClient, semitones: number): void {
  const track = activeTrack();
  const notes = selectedNotes();
  if (!track || !notes.length) return;
  const patches = transposePatches(notes, semitones);
  if (!patches) {
    notify(`Those notes cannot go ${semitones > 0 ? 'higher' : 'lower'}: one would leave the MIDI range (C-1 to G9).`);
    return;
  }
  const amount = Math.abs(semitones) === 12 ? 'an octave' : plural(Math.abs(semitones), 'semitone');
  void editSong(client, [{ type: 'updateNotes', trackId: track.id, changes: patches }], `Transpose ${plural(notes.length, 'note')} ${semitones > 0 ? 'up' : 'down'} ${amount}`);
}

export function nudgeSelection(client: StudioClient, direction: -1 | 1): void {
  const track = activeTrack();
  const notes = selectedNotes();
  if (!track || !notes.length) return;
  const patches = nudgePatches(notes, direction * grid());
  if (!patches) return; // already at the start of the song
  void editSong(client, [{ type: 'updateNotes', trackId: track.id, changes: patches }], `Move ${plural(notes.length, 'note')}`);
}

/** Q: quantizes the selection, or the whole track when nothing is selected, to the snap grid. */
export function quantizeNotes(client: StudioClient): void {
  const track = activeTrack();
  if (!track) return;
  const selected = selectedNotes();
  const song = useDocumentsStore.getState().open?.content;
  const notes = selected.length ? selected : track.notes;
  if (!song || !notes.length) return;
  const g = grid();
  const quantized = g > 1 ? quantize(song, { grid: g, strength: 1, trackIds: [track.id], noteIds: notes.map((n) => n.id) }) : song;
  const patches = notePatchesBetween(notes, quantized.tracks.find((t) => t.id === track.id)?.notes ?? []);
  if (!patches.length) {
    notify(useSongEditorStore.getState().snap === 'off' ? 'Choose a grid to quantize to (snap is off).' : 'Those notes are already on the grid.');
    return;
  }
  void editSong(client, [{ type: 'updateNotes', trackId: track.id, changes: patches }], `Quantize ${plural(notes.length, 'note')}`);
}

export function zoom(factor: number): void {
  const s = useSongEditorStore.getState();
  const pxPerTick = Math.min(2, Math.max(0.005, s.pxPerTick * factor));
  // Keep the left edge's tick in place.
  useSongEditorStore.setState({ pxPerTick, scrollX: (s.scrollX / s.pxPerTick) * pxPerTick });
}

export function stepSnap(direction: 1 | -1): void {
  const order: Snap[] = ['1/4', '1/8', '1/8T', '1/16', '1/16T', '1/32', 'off'];
  const i = order.indexOf(useSongEditorStore.getState().snap);
  const next = order[Math.min(order.length - 1, Math.max(0, i + direction))] as Snap;
  useSongEditorStore.setState({ snap: next });
  notify(next === 'off' ? 'Snap off' : `Snap to ${next}`);
}

export const allSnaps = snapChoices;

export function toggleDrawMode(): void {
  useSongEditorStore.setState((s) => ({ drawMode: !s.drawMode }));
}

/** Adds a piano (or another GM `program`, as For you suggests) or a drum track, and selects it. */
export function addTrack(client: StudioClient, kind: 'piano' | 'drums', program = 0): void {
  const song = useDocumentsStore.getState().open?.content;
  if (!song) return;
  const drums = kind === 'drums';
  const track: Track = {
    id: newId(),
    name: drums ? 'Drums' : gmProgramName(program),
    program: drums ? 0 : program,
    isDrum: drums,
    mute: false,
    solo: false,
    volume: 0.8,
    pan: 0,
    notes: [],
  };
  void editSong(client, [{ type: 'addTrack', track }], drums ? 'Add drum track' : program === 0 ? 'Add piano track' : `Add ${gmProgramName(program)} track`).then((ok) => {
    if (ok) useSongEditorStore.setState({ trackId: track.id, selection: new Set() });
  });
}
