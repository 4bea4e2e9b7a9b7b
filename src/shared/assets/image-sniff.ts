// Which image format a file is, by its first bytes, never by its name or the browser's guess: the
// host stores JPEG and PNG images as assets (storyboard frames, mood boards, location photos), and
// the renderer refuses other files before sending them with the same rule. The magic bytes are
// src/shared/vision/image-header.ts's, which also reads the size and refuses damaged headers.
import { sniffImageFormat } from '../vision/image-header';

export interface ImageType {
  ext: 'jpg' | 'png';
  mime: 'image/jpeg' | 'image/png';
}

/** The image type of a file starting with `head` (3 bytes suffice for JPEG, 8 for PNG), or null. */
export function sniffImage(head: Uint8Array): ImageType | null {
  const format = sniffImageFormat(head);
  if (format === 'jpeg') return { ext: 'jpg', mime: 'image/jpeg' };
  if (format === 'png') return { ext: 'png', mime: 'image/png' };
  return null;
}

export const isImageMime = (mime: string): boolean => mime === 'image/jpeg' || mime === 'image/png';

/** File extensions the import controls accept and a drop sends to the images (the content still decides). */
export const imageExtensions: readonly string[] = ['.jpg', '.jpeg', '.png'];
export const looksLikeImage = (name: string): boolean => imageExtensions.some((e) => name.toLowerCase().endsWith(e));
