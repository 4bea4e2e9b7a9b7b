// The files of uploads in progress (audio assets, interaction files): private folders, chunks
// written in order at the bytes received so far, and file-system failures said as sentences a
// user can act on. The bookkeeping (who, how much, which chunk next) is upload-registry.ts.
import { chmodSync, mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../shared/api';
import type { Upload, UploadRegistry } from './upload-registry';

/** A file-system failure as one sentence a user can act on ('unavailable'), or the error itself. */
export function fileProblem(err: unknown, path: string, doing: string): StudioError {
  if (err instanceof StudioError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StudioError('unavailable', `Montage could not ${doing}: the disk is full (${path}). Free some space and try again.`);
    case 'EIO':
      return new StudioError('unavailable', `Montage could not ${doing}: a disk I/O error at ${path}. Check the disk (is it still attached?) and try again.`);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new StudioError('unavailable', `Montage could not ${doing}: ${path} is not writable (${detail}). Make the data folder writable by you, or set MONTAGE_HOME to a writable folder.`);
    case 'EMFILE':
    case 'ENFILE':
      return new StudioError('unavailable', `Montage could not ${doing}: too many files are open. Try again in a moment.`);
    default:
      return new StudioError('internal', `Montage could not ${doing} (${detail}).`);
  }
}

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/** A new upload's file, `<id>.part` in the private folder `dir`: created, never an existing one
 * ('wx': a link planted there would be followed otherwise), readable by this user only. */
export async function openUploadFile(dir: string, id: string): Promise<{ path: string; handle: FileHandle }> {
  const path = join(dir, `${id}.part`);
  try {
    privateDir(dir);
    return { path, handle: await open(path, 'wx', 0o600) };
  } catch (err) {
    throw fileProblem(err, dir, 'start the upload');
  }
}

/**
 * Writes chunk `index` (base64) of an upload to its file at the bytes received so far, in order
 * and one at a time (the registry's claim); a failed write drops the upload and its file.
 * `written` sees each chunk once it is on disk (the assets service hashes and sniffs them).
 */
export async function appendChunk<F extends { path: string; handle: FileHandle }>(
  uploads: UploadRegistry<F>,
  u: Upload<F>,
  index: number,
  data: string,
  discard: (u: Upload<F>) => Promise<void>,
  written?: (chunk: Buffer) => void,
): Promise<{ received: number }> {
  const chunk = Buffer.from(data, 'base64');
  if (chunk.length === 0) throw new StudioError('invalid-argument', 'A chunk must hold at least one byte.');
  uploads.claimChunk(u, index, chunk.length);
  try {
    await u.file.handle.write(chunk, 0, chunk.length, u.received);
  } catch (err) {
    uploads.remove(u.id);
    await discard(u);
    throw fileProblem(err, u.file.path, `save “${u.name}”`);
  }
  written?.(chunk);
  uploads.release(u, chunk.length);
  return { received: u.received };
}
