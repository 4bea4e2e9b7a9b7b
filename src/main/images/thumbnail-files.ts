// Image thumbnails as files beside the project's assets: <data>/projects/<projectId>/thumbnails/
// <sha256>.jpg (0600 in a 0700 folder), named by their own content, so images with the same bytes
// share one. Written to a private temp name and renamed into place (a reader never sees half a
// file); a thumbnail no image names any more is removed by a sweep of the folder after a delete.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileProblem, privateDir } from '../assets/upload-files';

export const thumbnailsDir = (dataRoot: string, projectId: string): string => join(dataRoot, 'projects', projectId, 'thumbnails');
export const thumbnailPath = (dataRoot: string, projectId: string, hash: string): string => join(thumbnailsDir(dataRoot, projectId), `${hash}.jpg`);

/** Stores the JPEG (once per content) and answers its hash; a disk failure is an 'unavailable' StudioError. */
export async function writeThumbnail(dataRoot: string, projectId: string, jpeg: Uint8Array): Promise<string> {
  const hash = createHash('sha256').update(jpeg).digest('hex');
  const dest = thumbnailPath(dataRoot, projectId, hash);
  const existing = await stat(dest).catch(() => null);
  if (existing?.size === jpeg.length) return hash;
  const temp = join(thumbnailsDir(dataRoot, projectId), `.${randomUUID()}.part`);
  try {
    privateDir(thumbnailsDir(dataRoot, projectId));
    await writeFile(temp, jpeg, { flag: 'wx', mode: 0o600 });
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fileProblem(err, dest, 'save a thumbnail');
  }
  return hash;
}

/** Removes the project's thumbnails not in `keep` (and temp files left by a crash); never throws. */
export async function sweepThumbnails(dataRoot: string, projectId: string, keep: ReadonlySet<string>): Promise<number> {
  const dir = thumbnailsDir(dataRoot, projectId);
  let removed = 0;
  try {
    for (const name of await readdir(dir)) {
      const hash = /^([0-9a-f]{64})\.jpg$/.exec(name)?.[1];
      if (hash !== undefined && keep.has(hash)) continue;
      await rm(join(dir, name), { force: true, recursive: true });
      removed++;
    }
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT') console.error(`montage: could not tidy the thumbnails in ${dir}: ${String(err)}`);
  }
  return removed;
}
