// Implements AssetsService: the binary files of a project (audio, and JPEG/PNG images), owned by the host.
//
// - Files: <data>/projects/<projectId>/assets/<sha256>.<ext>, 0600 in 0700 folders, named by their
//   content, so the same bytes imported twice into a project are one file (two rows may use it).
// - Uploads stream into a private temp file in the project's own uploads/ folder (never a shared
//   temp folder another user could read or pre-create), hashed as they arrive, and are renamed into
//   place on finish: a reader never sees half a file. The type is decided by the first bytes
//   (shared/assets/audio-sniff.ts, image-sniff.ts); anything else is refused and nothing is kept.
//   An image must also be whole and within the tagger's limits (images/check-image-upload.ts);
//   the images service hears of it on the bus and tags it.
// - Every file write maps a full disk or an I/O error to a clear 'unavailable' error and removes
//   the temp file; every SQLite write goes through retryStorageWrite. A failed call never leaves a
//   file without a row or an upload half-registered.
// - Uploads are per client (a cap each), expire when idle, and go with the client's connection.
// - Finishing and deleting run one after another per project, so "is this file still used?" and
//   "move the file into place" never race.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError, audioRefusal, maxChunkBytes, maxUploadsPerClient, type Asset, type AssetsService, type StudioEvents } from '../../shared/api';
import type { AssetId, ProjectId } from '../../shared/ids';
import { sniffAudio, sniffBytes } from '../../shared/assets/audio-sniff';
import { looksLikeImage, sniffImage } from '../../shared/assets/image-sniff';
import { maxImageBytes } from '../../shared/vision/image-header';
import { imageUploadProblem, notAnImage } from '../images/check-image-upload';
import { checkSoundfont } from '../../shared/assets/soundfont-check';
import { assetFilePath, extensionOfMime, projectAssetsDir, projectUploadsDir } from '../assets/asset-request';
import { UploadRegistry, type Upload } from '../assets/upload-registry';
import type { AssetsRepo } from '../db/assets-repo';
import { retryStorageWrite } from '../db/storage-errors';
import type { CallContext } from './call-context';
import type { EventLog } from './event-log';
import type { EventBus } from './event-bus';
import { appendChunk, fileProblem, openUploadFile, privateDir } from '../assets/upload-files';

/** An upload untouched this long is cancelled and its temp file removed. */
export const uploadIdleMs = 10 * 60 * 1000;

interface UploadFile {
  path: string;
  handle: FileHandle;
  hash: Hash;
  head: Buffer;
}

export interface AssetsServiceDeps {
  repo: AssetsRepo;
  /** Told of clips imported, renamed and deleted ("asset:<id>" items), for For you and History. */
  history?: Pick<EventLog, 'record'>;
  bus: EventBus;
  dataRoot: string;
  now?: () => number;
  idleMs?: number;
}

export interface HostAssetsService extends AssetsService {
  beginUpload(args: Parameters<AssetsService['beginUpload']>[0], context?: CallContext): Promise<{ uploadId: string; chunkBytes: number }>;
  uploadChunk(args: Parameters<AssetsService['uploadChunk']>[0], context?: CallContext): Promise<{ received: number }>;
  finishUpload(args: Parameters<AssetsService['finishUpload']>[0], context?: CallContext): Promise<Asset>;
  cancelUpload(args: Parameters<AssetsService['cancelUpload']>[0], context?: CallContext): Promise<{ uploadId: string }>;
  /** The file behind `/assets/<projectId>/<hash>`, or null when no live asset has that content. */
  file(projectId: string, hash: string): Promise<{ path: string; mime: string; size: number } | null>;
  /** Cancels uploads idle past the limit (the host calls this every minute). */
  sweepIdle(): Promise<number>;
  dropClient(clientId: string): void;
  /** At start, after the trash purge: removes upload leftovers and folders of purged projects. */
  tidyFolders(): void;
  close(): Promise<void>;
}

const projectGone = (): StudioError => new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');
const assetGone = (): StudioError => new StudioError('not-found', 'That file no longer exists — it may have been deleted in another window.');

export function createAssetsService(deps: AssetsServiceDeps): HostAssetsService {
  const { repo, bus, dataRoot } = deps;
  const now = deps.now ?? Date.now;
  const uploads = new UploadRegistry<UploadFile>({ perClient: maxUploadsPerClient, idleMs: deps.idleMs ?? uploadIdleMs }, now);
  const queues = new Map<string, Promise<unknown>>();
  const emit = (payload: StudioEvents['onAssetsChanged']) => bus.emit('onAssetsChanged', payload);

  const serial = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  };

  /** Closes and removes an upload's temp file; never throws (it runs on failure paths). */
  const discard = async (u: Upload<UploadFile>): Promise<void> => {
    await u.file.handle.close().catch(() => undefined);
    await rm(u.file.path, { force: true }).catch((err: unknown) => console.error(`montage: could not remove the upload file ${u.file.path}: ${String(err)}`));
  };

  const clientOf = (context?: CallContext): string => context?.clientId ?? 'host';

  const service: HostAssetsService = {
    async list({ projectId }) {
      if (!repo.projectLive(projectId)) throw projectGone();
      return repo.list(projectId);
    },

    async beginUpload({ projectId, name, bytes, mime }, context) {
      if (!repo.projectLive(projectId)) throw projectGone();
      // An image too large to tag is refused before its bytes travel (the content decides at finish too).
      if (bytes > maxImageBytes && (looksLikeImage(name) || mime === 'image/jpeg' || mime === 'image/png')) {
        throw new StudioError('invalid-argument', `“${name}” is ${(bytes / 2 ** 20).toFixed(0)} MB; Montage imports images of up to ${maxImageBytes / 2 ** 20} MB.`);
      }
      const clientId = clientOf(context);
      uploads.checkRoom(clientId);
      const id = randomUUID();
      const { path, handle } = await openUploadFile(projectUploadsDir(dataRoot, projectId), id);
      uploads.add({ id, clientId, projectId, name, bytes, file: { path, handle, hash: createHash('sha256'), head: Buffer.alloc(0) } });
      return { uploadId: id, chunkBytes: maxChunkBytes };
    },

    async uploadChunk({ uploadId, index, data }, context) {
      const u = uploads.get(uploadId, clientOf(context));
      return appendChunk(uploads, u, index, data, discard, (chunk) => {
        u.file.hash.update(chunk);
        if (u.file.head.length < sniffBytes) u.file.head = Buffer.concat([u.file.head, chunk.subarray(0, sniffBytes - u.file.head.length)]);
      });
    },

    async finishUpload({ uploadId }, context) {
      const u = uploads.get(uploadId, clientOf(context));
      if (u.busy) throw new StudioError('conflict', 'A chunk of this upload is still being written; finish after it.');
      if (u.received !== u.bytes) throw new StudioError('invalid-argument', `Only ${u.received} of the ${u.bytes} bytes announced have arrived.`);
      uploads.remove(u.id);
      const image = sniffImage(u.file.head);
      const type = image ?? sniffAudio(u.file.head);
      if (!type) {
        await discard(u);
        throw new StudioError('invalid-argument', looksLikeImage(u.name) ? notAnImage(u.file.head, u.name) : audioRefusal);
      }
      const imageProblem = image ? await imageUploadProblem(u.file.path, u.name, u.bytes) : null;
      if (imageProblem) {
        await discard(u);
        throw new StudioError('invalid-argument', imageProblem);
      }
      if (type.ext === 'sf2') {
        // A soundfont must be whole (its chunks inside the file) before it is kept. The upload's
        // handle is write-only: the check reads through one of its own.
        const reader = await open(u.file.path, 'r').catch(() => null);
        const problem = reader
          ? await checkSoundfont(u.bytes, async (offset, length) => {
              const buffer = Buffer.alloc(length);
              const { bytesRead } = await reader.read(buffer, 0, length, offset);
              return buffer.subarray(0, bytesRead);
            })
              .catch((err: unknown) => `Montage could not read the soundfont (${err instanceof Error ? err.message : String(err)}).`)
              .finally(() => reader.close().catch(() => undefined))
          : 'Montage could not read the soundfont back.';
        if (problem) {
          await discard(u);
          throw new StudioError('invalid-argument', problem);
        }
      }
      return serial(u.projectId, async () => {
        const hash = u.file.hash.digest('hex');
        const dest = assetFilePath(dataRoot, u.projectId, hash, type.ext);
        let placed = false;
        try {
          await u.file.handle.sync();
          await u.file.handle.close();
          privateDir(projectAssetsDir(dataRoot, u.projectId));
          const existing = await stat(dest).catch(() => null);
          if (existing?.size === u.bytes) await unlink(u.file.path);
          else {
            await rename(u.file.path, dest);
            placed = true;
          }
        } catch (err) {
          await discard(u);
          throw fileProblem(err, dest, `save “${u.name}”`);
        }
        const asset: Asset = {
          id: randomUUID() as AssetId,
          projectId: u.projectId as ProjectId,
          kind: image ? 'image' : 'audio',
          name: u.name,
          mime: type.mime,
          bytes: u.bytes,
          hash,
          createdAt: now(),
        };
        let inserted: boolean;
        try {
          inserted = await retryStorageWrite(() => repo.insert(asset));
        } catch (err) {
          if (placed) await rm(dest, { force: true }).catch(() => undefined);
          throw err;
        }
        if (!inserted) {
          if (placed && repo.uses(u.projectId, hash) === 0) await rm(dest, { force: true }).catch(() => undefined);
          throw projectGone();
        }
        emit({ projectId: u.projectId, reason: 'created', asset });
        // An image's import is recorded once it is tagged, with its top tags (images/image-tagging.ts).
        if (!image) deps.history?.record({ type: 'document.imported', item: `asset:${asset.id}`, projectId: asset.projectId, data: { bytes: asset.bytes } });
        return asset;
      });
    },

    async cancelUpload({ uploadId }, context) {
      const u = uploads.get(uploadId, clientOf(context));
      uploads.remove(u.id);
      await discard(u);
      return { uploadId };
    },

    async rename({ id, name }) {
      if (!(await retryStorageWrite(() => repo.rename(id, name)))) throw assetGone();
      const asset = repo.get(id);
      if (!asset) throw assetGone();
      emit({ projectId: asset.projectId, reason: 'renamed', asset });
      deps.history?.record({ type: 'document.renamed', item: `asset:${asset.id}`, projectId: asset.projectId });
      return asset;
    },

    async delete({ id }) {
      const asset = repo.get(id);
      if (!asset) throw assetGone();
      return serial(asset.projectId, async () => {
        if (!(await retryStorageWrite(() => repo.remove(id)))) throw assetGone();
        if (repo.uses(asset.projectId, asset.hash) === 0) {
          const path = assetFilePath(dataRoot, asset.projectId, asset.hash, extensionOfMime[asset.mime] ?? 'bin');
          // The row is gone, which is what the user asked; a file that cannot be removed is logged.
          await rm(path, { force: true }).catch((err: unknown) => console.error(`montage: could not remove ${path}: ${String(err)}`));
        }
        emit({ projectId: asset.projectId, reason: 'deleted', asset });
        deps.history?.record({ type: 'document.deleted', item: `asset:${asset.id}`, projectId: asset.projectId });
        return { id: asset.id };
      });
    },

    async file(projectId, hash) {
      const asset = repo.byHash(projectId, hash);
      if (!asset) return null;
      const path = assetFilePath(dataRoot, projectId, hash, extensionOfMime[asset.mime] ?? 'bin');
      const s = await stat(path).catch(() => null);
      return s?.isFile() ? { path, mime: asset.mime, size: s.size } : null;
    },

    async sweepIdle() {
      const idle = uploads.takeIdle();
      await Promise.all(idle.map(discard));
      return idle.length;
    },

    tidyFolders() {
      // Temp files of uploads a previous run left (a crash, a power cut) are removed, and so are the
      // folders of projects that no longer exist (their trash was purged).
      const projectsDir = join(dataRoot, 'projects');
      try {
        for (const id of readdirSync(projectsDir)) {
          if (!repo.projectExists(id)) rmSync(join(projectsDir, id), { recursive: true, force: true });
          else rmSync(projectUploadsDir(dataRoot, id), { recursive: true, force: true });
        }
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'ENOENT') console.error(`montage: could not tidy the project folders: ${String(err)}`);
      }
    },

    dropClient(clientId) {
      for (const u of uploads.takeClient(clientId)) void discard(u);
    },

    async close() {
      await Promise.all(uploads.takeAll().map(discard));
    },
  };
  return service;
}
