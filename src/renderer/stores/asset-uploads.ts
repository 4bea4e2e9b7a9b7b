// Chunked uploads of project files (audio, soundfonts, images) as the Audio and Images sections
// send them: a progress row per file in the section's store, a Cancel per row that stops after the
// current chunk and tells the host to drop its temp file, and failures in a user's words. Each
// section checks its own kind of file first and keeps its own rows.
import type { StoreApi } from 'zustand';
import type { Asset } from '../../shared/api/assets';
import { StudioError } from '../../shared/api/errors';
import type { StudioClient } from '../client/studio-client';
import { sendChunks } from '../views/audio/upload-logic';

export interface UploadProgress {
  key: string;
  name: string;
  sent: number;
  total: number;
}

export interface UploadResult {
  /** The refusal or failure in a user's words; null when stored or cancelled. */
  error: string | null;
  /** The stored asset; null when refused, failed or cancelled. */
  asset: Asset | null;
}

export interface AssetUploader {
  /** Uploads one file already checked; `onKey` gets its row's key (for cancel) once it exists. */
  upload(client: StudioClient, projectId: string, file: File, onKey?: (key: string) => void): Promise<UploadResult>;
  /** Stops an upload after its current chunk; the host removes what it had received. */
  cancel(key: string): void;
}

/** An uploader whose rows live in `store`'s `uploads`; keys start with `prefix`. */
export function assetUploader<S extends { uploads: UploadProgress[] }>(store: StoreApi<S>, prefix: string): AssetUploader {
  const cancels = new Map<string, () => void>();
  let nextKey = 0;
  const setRows = (change: (rows: UploadProgress[]) => UploadProgress[]) => store.setState((s) => ({ uploads: change(s.uploads) }) as Partial<S>);
  return {
    async upload(client, projectId, file, onKey) {
      const key = `${prefix}${nextKey++}`;
      let cancelled = false;
      let uploadId: string | null = null;
      cancels.set(key, () => {
        cancelled = true;
      });
      setRows((rows) => [...rows, { key, name: file.name, sent: 0, total: file.size }]);
      onKey?.(key);
      try {
        const begun = await client.assets.beginUpload({ projectId, name: file.name.slice(0, 200), bytes: file.size, mime: file.type });
        uploadId = begun.uploadId;
        const id = uploadId;
        const complete = await sendChunks(file, begun.chunkBytes, (index, data) => client.assets.uploadChunk({ uploadId: id, index, data }), {
          cancelled: () => cancelled,
          onProgress: (sent) => setRows((rows) => rows.map((u) => (u.key === key ? { ...u, sent } : u))),
        });
        if (!complete) {
          await client.assets.cancelUpload({ uploadId }).catch(() => undefined);
          return { error: null, asset: null };
        }
        return { error: null, asset: await client.assets.finishUpload({ uploadId }) };
      } catch (err) {
        if (uploadId) await client.assets.cancelUpload({ uploadId }).catch(() => undefined);
        const message = StudioError.from(err).message;
        return { error: message.includes(`“${file.name}”`) ? message : `“${file.name}”: ${message}`, asset: null };
      } finally {
        cancels.delete(key);
        setRows((rows) => rows.filter((u) => u.key !== key));
      }
    },
    cancel(key) {
      cancels.get(key)?.();
    },
  };
}
