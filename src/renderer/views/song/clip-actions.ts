// The arrangement's actions, shared by the command registry (Delete, Ctrl/Cmd+D, F2, …) and the
// arrangement view: each turns the chosen clip into song ops (shared/music/clips.ts) and sends
// them as one labelled edit, so each is one undo step. A place that is taken becomes a notice.
import {
  addClipOps,
  arrangeTrack,
  ClipRefusal,
  deleteClipOps,
  duplicateClipOps,
  duplicateTrackOps,
  moveClipOps,
  renameClipOps,
  type ArrangedClip,
} from '../../../shared/music/clips';
import type { SongOp } from '../../../shared/music/song-ops';
import { barTicks, songDurationTicks } from '../../../shared/music/timing';
import type { StudioClient } from '../../client/studio-client';
import { editSong, useDocumentsStore } from '../../stores/documents-store';
import { selectClip, useSongEditorStore } from '../../stores/song-editor-store';
import { notify } from '../../stores/ui-store';
import { fitZoom } from './arrangement-logic';

const song = () => useDocumentsStore.getState().open?.content ?? null;

/** The chosen clip and its track id, or null. */
export function selectedClip(): { trackId: string; clip: ArrangedClip } | null {
  const s = song();
  const { trackId, clipId } = useSongEditorStore.getState();
  const track = s?.tracks.find((t) => t.id === trackId);
  const clip = s && track && clipId ? arrangeTrack(s, track).find((c) => c.id === clipId) : undefined;
  return clip && trackId ? { trackId, clip } : null;
}

export const hasClip = (): boolean => selectedClip() !== null;
const clipName = (clip: ArrangedClip): string => (clip.auto || !clip.name ? 'clip' : `clip “${clip.name}”`);

/** Runs `make` (which may refuse with a ClipRefusal) and sends its ops; true when the edit was saved. */
async function send(client: StudioClient, make: () => SongOp[], label: string): Promise<boolean> {
  let ops: SongOp[];
  try {
    ops = make();
  } catch (err) {
    if (err instanceof ClipRefusal) {
      notify(err.message);
      return false;
    }
    throw err;
  }
  return ops.length > 0 && editSong(client, ops, label);
}

export function moveClip(client: StudioClient, fromTrackId: string, clip: ArrangedClip, toTrackId: string, start: number): void {
  const s = song();
  if (!s) return;
  let moved: { id: string } | null = null;
  void send(
    client,
    () => {
      const result = moveClipOps(s, fromTrackId, clip, toTrackId, start);
      moved = result.clip;
      return result.ops;
    },
    `Move ${clipName(clip)}`,
  ).then((ok) => {
    if (ok && moved) selectClip(toTrackId, moved.id);
  });
}

export function deleteClip(client: StudioClient): void {
  const s = song();
  const chosen = selectedClip();
  if (!s || !chosen) return;
  useSongEditorStore.setState({ clipId: null });
  void send(client, () => deleteClipOps(s, chosen.trackId, chosen.clip), `Delete ${clipName(chosen.clip)}`);
}

export function duplicateClip(client: StudioClient): void {
  const s = song();
  const chosen = selectedClip();
  if (!s || !chosen) return;
  let copyId = '';
  void send(
    client,
    () => {
      const { ops, copy } = duplicateClipOps(s, chosen.trackId, chosen.clip);
      copyId = copy.id;
      return ops;
    },
    `Duplicate ${clipName(chosen.clip)}`,
  ).then((ok) => {
    if (ok) selectClip(chosen.trackId, copyId);
  });
}

export function startRenameClip(): void {
  const chosen = selectedClip();
  if (chosen) useSongEditorStore.setState({ renamingClipId: chosen.clip.id });
}

/** Names the chosen clip; resolves to an error sentence, or null once saved. */
export async function renameClip(client: StudioClient, name: string): Promise<string | null> {
  const s = song();
  const chosen = selectedClip();
  if (!s || !chosen) return 'That clip is gone.';
  let renamedId = '';
  const ok = await send(
    client,
    () => {
      const { ops, clip } = renameClipOps(s, chosen.trackId, chosen.clip, name);
      renamedId = clip.id;
      return ops;
    },
    `Rename clip to “${name}”`,
  );
  if (!ok) return 'The name was not saved.';
  if (renamedId) selectClip(chosen.trackId, renamedId);
  return null;
}

/** Adds an empty one-bar clip on `trackId` at the bar of `tick` (a double-click on an empty lane). */
export function addClip(client: StudioClient, trackId: string, tick: number): void {
  const s = song();
  if (!s) return;
  let clipId = '';
  void send(
    client,
    () => {
      const { ops, clip } = addClipOps(s, trackId, tick);
      clipId = clip.id;
      return ops;
    },
    'Add clip',
  ).then((ok) => {
    if (ok) selectClip(trackId, clipId);
  });
}

export function duplicateTrack(client: StudioClient): void {
  const s = song();
  const { trackId } = useSongEditorStore.getState();
  const source = s?.tracks.find((t) => t.id === trackId);
  if (!s || !source) return;
  let copyId = '';
  void send(
    client,
    () => {
      const { ops, track } = duplicateTrackOps(s, source.id);
      copyId = track.id;
      return ops;
    },
    `Duplicate track “${source.name}”`,
  ).then((ok) => {
    if (ok) selectClip(copyId, null);
  });
}

/** Zooms the arrangement so the whole song fits its width. */
export function fitArrangement(width: number): void {
  const s = song();
  if (!s || width <= 0) return;
  const bar = barTicks(s.ppq, s.timeSignatures[0] ?? { tick: 0, numerator: 4, denominator: 4 });
  useSongEditorStore.setState({ arrangePxPerTick: fitZoom(width, Math.max(songDurationTicks(s), 8 * bar)), arrangeScrollX: 0 });
}
