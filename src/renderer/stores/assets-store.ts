// The audio assets of the open project and the uploads in progress. The host owns the assets: the
// list mirrors `assets.list`, refreshed on onAssetsChanged and on reconnect. Uploads are sent here
// (not in a view) so the Import button and a file dropped on the window share one queue, with one
// progress bar each and a Cancel that tells the host to drop the temp file.
import { create } from 'zustand';
import type { Asset } from '../../shared/api/assets';
import type { StudioClient } from '../client/studio-client';
import { checkAudioUpload } from '../views/audio/upload-logic';
import { assetUploader, type UploadProgress, type UploadResult } from './asset-uploads';
import { coalesce } from './coalesce';
import { reportError } from './ui-store';

export type { UploadProgress } from './asset-uploads';

interface AssetsState {
  projectId: string | null;
  assets: Asset[];
  loaded: boolean;
  uploads: UploadProgress[];
  /** Refusals of the last import, said at the control. */
  errors: string[];
  /** An asset to select (its waveform shown) when the audio section next opens: a fresh render. */
  reveal: string | null;
}

export const useAssetsStore = create<AssetsState>()(() => ({ projectId: null, assets: [], loaded: false, uploads: [], errors: [], reveal: null }));

/** Loads the project's assets and keeps them fresh while it is shown; returns the stop. */
export function watchAssets(client: StudioClient, projectId: string): () => void {
  if (useAssetsStore.getState().projectId !== projectId) useAssetsStore.setState({ projectId, assets: [], loaded: false, errors: [] });
  const refresh = coalesce(async () => {
    // Images have a section of their own (views/images/images-store.ts).
    const assets = (await client.assets.list({ projectId })).filter((a) => a.kind !== 'image');
    if (useAssetsStore.getState().projectId === projectId) useAssetsStore.setState({ assets, loaded: true });
  });
  refresh().catch(reportError);
  const stops = [
    client.on('onAssetsChanged', (change) => {
      if (change.projectId === projectId) refresh().catch(reportError);
    }),
    client.onConnection((state) => {
      if (state === 'connected') refresh().catch(reportError);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

const uploader = assetUploader(useAssetsStore, 'u');

export type { UploadResult } from './asset-uploads';

/** Uploads one audio file in chunks, with a progress row in `uploads`; `onKey` gets that row's key
 * (for cancelAudioUpload) once it exists. */
export async function uploadAudioFile(client: StudioClient, projectId: string, file: File, onKey?: (key: string) => void): Promise<UploadResult> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const refusal = checkAudioUpload(file.name, file.size, head);
  if (refusal) return { error: refusal, asset: null };
  return uploader.upload(client, projectId, file, onKey);
}

/** Uploads audio files one after another; refusals are collected in `errors`. */
export async function uploadAudioFiles(client: StudioClient, projectId: string, files: File[]): Promise<void> {
  useAssetsStore.setState({ errors: [] });
  const errors: string[] = [];
  for (const file of files) {
    const { error } = await uploadAudioFile(client, projectId, file);
    if (error) errors.push(error);
  }
  useAssetsStore.setState({ errors });
}

/** Stops an upload after its current chunk; the host removes what it had received. */
export const cancelAudioUpload = (key: string): void => uploader.cancel(key);
