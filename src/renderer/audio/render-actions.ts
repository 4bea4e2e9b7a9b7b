// "Render to WAV" in the song editor, for the command registry and the toolbar alike: renders the
// open song offline (render-wav.ts, loaded lazily) and stores the WAV as an audio asset of the
// project through the assets store's chunked upload, so it is listed (and drawn) like an import.
// The state here drives the toolbar's line: Rendering…, Saving… NN %, the result or the error.
import { create } from 'zustand';
import type { StudioClient } from '../client/studio-client';
import { cancelAudioUpload, uploadAudioFile, useAssetsStore } from '../stores/assets-store';
import { useDocumentsStore } from '../stores/documents-store';
import { usePlaybackStore } from '../stores/playback-store';
import { navigate } from '../stores/ui-store';
import { defaultLoop } from '../../shared/sound/playback-logic';

export interface RenderState {
  status: 'idle' | 'rendering' | 'saving' | 'done' | 'error';
  /** The file's name: "<song> (render).wav". */
  name: string;
  projectId: string | null;
  /** The upload's progress row in the assets store (while saving). */
  uploadKey: string | null;
  assetId: string | null;
  /** A blob: URL of the WAV for "Download WAV" (revoked on the next render or reset). */
  downloadUrl: string | null;
  error: string | null;
}

const idle = (): RenderState => ({ status: 'idle', name: '', projectId: null, uploadKey: null, assetId: null, downloadUrl: null, error: null });

export const useRenderStore = create<RenderState>()(() => idle());

/** Bumped by every start, cancel and reset: a render that finishes after one is dropped. */
let generation = 0;

export const renderName = (songName: string) => `${songName} (render).wav`;

export const isRendering = () => ['rendering', 'saving'].includes(useRenderStore.getState().status);

export function resetRender(): void {
  generation++;
  const { downloadUrl, uploadKey } = useRenderStore.getState();
  if (uploadKey) cancelAudioUpload(uploadKey);
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  useRenderStore.setState(idle());
}

/** Renders the open song (or its loop region while looping) and saves it to the project. */
export async function renderToWav(client: StudioClient): Promise<void> {
  const open = useDocumentsStore.getState().open;
  if (!open || isRendering()) return;
  resetRender();
  const mine = generation;
  const song = open.content;
  const name = renderName(open.info.name);
  const projectId = open.info.projectId;
  const { loop, loopRegion } = usePlaybackStore.getState();
  useRenderStore.setState({ status: 'rendering', name, projectId });
  try {
    const { renderSongWav } = await import('./render-wav');
    const bytes = await renderSongWav(song, loop ? (loopRegion ?? defaultLoop(song)) : null, projectId);
    if (mine !== generation) return;
    const file = new File([bytes], name, { type: 'audio/wav' });
    useRenderStore.setState({ status: 'saving', downloadUrl: URL.createObjectURL(file) });
    const result = await uploadAudioFile(client, projectId, file, (key) => useRenderStore.setState({ uploadKey: key }));
    if (mine !== generation) return;
    if (result.error) throw new Error(result.error);
    if (!result.asset) return; // cancelled: resetRender already said so
    useRenderStore.setState({ status: 'done', uploadKey: null, assetId: result.asset.id });
  } catch (err) {
    if (mine !== generation) return;
    useRenderStore.setState({ status: 'error', uploadKey: null, error: `Rendering failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** Cancel: stops the upload after its current chunk, or drops a render still in progress. */
export const cancelRender = resetRender;

/** Opens the project's screen with the rendered file selected, its waveform shown. */
export function showRenderedAsset(): void {
  const { projectId, assetId } = useRenderStore.getState();
  if (!projectId || !assetId) return;
  useAssetsStore.setState({ reveal: assetId });
  navigate({ name: 'project', projectId });
}
