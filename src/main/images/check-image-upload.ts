// The checks an image upload passes before the host keeps it: JPEG or PNG by its first bytes (the
// caller has sniffed them), at most 64 MB and 50 megapixels by its header (the tagger's limits,
// src/shared/vision/image-header.ts), and whole (image-complete.ts: a file cut short is refused
// here rather than stored and then failing to tag). Each refusal is one sentence naming the file.
import { readFile } from 'node:fs/promises';
import { StudioError } from '../../shared/api';
import { imageStructureProblem } from '../../shared/vision/image-complete';
import { maxImageBytes, readImageHeader } from '../../shared/vision/image-header';

/** What is wrong with the image file at `path` (of `bytes` bytes), or null when it may be kept. */
export async function imageUploadProblem(path: string, name: string, bytes: number): Promise<string | null> {
  const quoted = `“${name}”`;
  if (bytes > maxImageBytes) return `${quoted} is ${(bytes / 2 ** 20).toFixed(0)} MB; Montage imports images of up to ${maxImageBytes / 2 ** 20} MB.`;
  let file: Uint8Array;
  try {
    file = new Uint8Array(await readFile(path));
  } catch (err) {
    return `Montage could not read ${quoted} back to check it (${err instanceof Error ? err.message : String(err)}).`;
  }
  try {
    const header = readImageHeader(file, quoted);
    return imageStructureProblem(file, header.format, quoted);
  } catch (err) {
    if (err instanceof StudioError) return err.message;
    throw err;
  }
}

/** The refusal of a file that is neither audio nor an image but is named like an image (“photo.heic is a HEIC image…”). */
export function notAnImage(head: Uint8Array, name: string): string {
  try {
    readImageHeader(head, `“${name}”`);
  } catch (err) {
    if (err instanceof StudioError) return err.message;
  }
  return `“${name}” is not an image Montage can read (JPEG or PNG).`;
}
