// The audio assets of the open project and the uploads in progress. The host owns the assets: the
// list mirrors `assets.list`, refreshed on onAssetsChanged and on reconnect. Uploads are sent here
// (not in a view) so the Import button and a file dropped on the window share one queue, with one
// progress bar each and a Cancel that tells the host to drop the temp file.
import { create } from 'zustand';
import type { Asset } from '../../shared/api/assets';
import { StudioError } from '../../shared/api/errors';
import type { StudioClient } from '../client/studio-client';
import { checkAudioUpload, sendChunks } from '../views/audio/upload-logic';
import { coalesce } from './coalesce';
import { reportError } from './ui-store';

export interface UploadProgress {
  key: string;
  name: string;
  sent: number;
  total: number;
}

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

const cancels = new Map<string, () => void>();
let nextKey = 0;

const patch = (key: string, sent: number) =>
  useAssetsStore.setState((s) => ({ uploads: s.uploads.map((u) => (u.key === key ? { ...u, sent } : u)) }));

export interface UploadResult {
  /** The refusal or failure in a user's words; null when stored or cancelled. */
  error: string | null;
  /** The stored asset; null when refused, failed or cancelled. */
  asset: Asset | null;
}

/** Uploads one audio file in chunks, with a progress row in `uploads`; `onKey` gets that row's key
 * (for cancelAudioUpload) once it exists. */
export async function uploadAudioFile(client: StudioClient, projectId: string, file: File, onKey?: (key: string) => void): Promise<UploadResult> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const refusal = checkAudioUpload(file.name, file.size, head);
  if (refusal) return { error: refusal, asset: null };
  const key = `u${nextKey++}`;
  let cancelled = false;
  let uploadId: string | null = null;
  cancels.set(key, () => {
    cancelled = true;
  });
  useAssetsStore.setState((s) => ({ uploads: [...s.uploads, { key, name: file.name, sent: 0, total: file.size }] }));
  onKey?.(key);
  try {
    const begun = await client.assets.beginUpload({ projectId, name: file.name.slice(0, 200), bytes: file.size, mime: file.type });
    uploadId = begun.uploadId;
    const id = uploadId;
    const complete = await sendChunks(file, begun.chunkBytes, (index, data) => client.assets.uploadChunk({ uploadId: id, index, data }), {
      cancelled: () => cancelled,
      onProgress: (sent) => patch(key, sent),
    });
    if (!complete) {
      await client.assets.cancelUpload({ uploadId }).catch(() => undefined);
      return { error: null, asset: null };
    }
    return { error: null, asset: await client.assets.finishUpload({ uploadId }) };
  } catch (err) {
    if (uploadId) await client.assets.cancelUpload({ uploadId }).catch(() => undefined);
    return { error: `“${file.name}”: ${StudioError.from(err).message}`, asset: null };
  } finally {
    cancels.delete(key);
    useAssetsStore.setState((s) => ({ uploads: s.uploads.filter((u) => u.key !== key) }));
  }
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
export function cancelAudioUpload(key: string): void {
  cancels.get(key)?.();
}
