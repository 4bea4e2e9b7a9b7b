// Assets service contract: binary files of a project (audio, and JPEG/PNG images: see images.ts),
// owned by the host.
// Bytes never travel in one call: an upload is begun, sent in chunks of at most `maxChunkBytes`
// (base64 in JSON, so a chunk stays far below the WebSocket's 8 MiB frame cap) and finished, when
// the host checks the type by its magic bytes and moves the file into place. Files are read back
// over HTTP (serve mode) or a custom scheme (Electron), not through this API.
import { z } from 'zod';
import type { AssetId, ProjectId } from '../ids';
import { projectId } from './projects';

export const assetKinds = ['audio', 'image'] as const;
export type AssetKind = (typeof assetKinds)[number];

/** Largest asset accepted (an hour of 24-bit 48 kHz stereo WAV is ~1 GB; most takes are far smaller). */
export const maxAssetBytes = 512 * 1024 * 1024;
/** Largest decoded chunk of an upload. */
export const maxChunkBytes = 1024 * 1024;
/** Uploads one client may have in progress at once. */
export const maxUploadsPerClient = 4;

export const audioRefusal = 'Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.';

export interface Asset {
  id: AssetId;
  projectId: ProjectId;
  kind: AssetKind;
  name: string;
  mime: string;
  bytes: number;
  /** SHA-256 of the content, lower-case hex: the file's name in the project's folder. */
  hash: string;
  createdAt: number;
}

export const assetId = z.string().uuid('Not a valid asset id.').transform((s) => s as AssetId);
export const uploadId = z.string().uuid('Not a valid upload id.');
export const assetHash = z.string().regex(/^[0-9a-f]{64}$/, 'Not a valid content hash.');
export const assetName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'A file needs a name.').max(200, 'File names are at most 200 characters.'));

/** Base64 of at most maxChunkBytes bytes. */
export const chunkData = z
  .string()
  .max(Math.ceil(maxChunkBytes / 3) * 4, `A chunk holds at most ${maxChunkBytes} bytes.`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Chunk data must be base64.')
  .refine((s) => s.length % 4 === 0, 'Chunk data must be base64.');

export const assetsArgs = {
  list: z.object({ projectId }).strict(),
  beginUpload: z
    .object({
      projectId,
      name: assetName,
      bytes: z
        .number()
        .int()
        .min(1, 'The file is empty.')
        .max(maxAssetBytes, `Montage imports audio files up to ${maxAssetBytes / 1024 / 1024} MB.`),
      /** What the client believes the type is; the host decides by the file's first bytes. */
      mime: z.string().max(100),
    })
    .strict(),
  uploadChunk: z.object({ uploadId, index: z.number().int().min(0).max(Math.ceil(maxAssetBytes / maxChunkBytes)), data: chunkData }).strict(),
  finishUpload: z.object({ uploadId }).strict(),
  cancelUpload: z.object({ uploadId }).strict(),
  rename: z.object({ id: assetId, name: assetName }).strict(),
  delete: z.object({ id: assetId }).strict(),
};

export interface AssetsService {
  /** The project's assets, newest first. */
  list(args: z.input<typeof assetsArgs.list>): Promise<Asset[]>;
  /** Reserves an upload; chunks are then sent in order, each at most `chunkBytes`. */
  beginUpload(args: z.input<typeof assetsArgs.beginUpload>): Promise<{ uploadId: string; chunkBytes: number }>;
  /** Appends chunk `index` (0, 1, 2, …); answers the bytes received so far. */
  uploadChunk(args: z.input<typeof assetsArgs.uploadChunk>): Promise<{ received: number }>;
  /** Checks size and type, stores the file (once per content and project) and lists it. */
  finishUpload(args: z.input<typeof assetsArgs.finishUpload>): Promise<Asset>;
  cancelUpload(args: z.input<typeof assetsArgs.cancelUpload>): Promise<{ uploadId: string }>;
  rename(args: z.input<typeof assetsArgs.rename>): Promise<Asset>;
  /** Removes the asset; its file goes when no other asset of the project has the same content. */
  delete(args: z.input<typeof assetsArgs.delete>): Promise<{ id: AssetId }>;
}
