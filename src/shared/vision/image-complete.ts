// Whether an image file is whole: a JPEG whose compressed data reaches its end-of-image marker, a
// PNG whose chunks run, length by length, to an IEND chunk. A file cut short by an interrupted
// copy or download is the usual damage; checking its structure (no decoding) lets the host refuse
// it at import, before anything is kept, in a few milliseconds even for a large photo. A file that
// is whole but whose pixels are damaged still fails later, when it is tagged.
import type { ImageFormat } from './image-header';
import { jpegSegments } from './jpeg-segments';

/** The JPEG's end-of-image marker comes after its first scan (SOS). In compressed data a 0xFF byte
 * is always followed by 0x00 or a restart marker, so FF D9 there can only be the real end. */
function jpegProblem(b: Uint8Array): string | null {
  // Segments up to the first scan, each by its length (the EXIF thumbnail inside APP1 has an end
  // marker of its own, which must not count).
  const walk = jpegSegments(b);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) {
      if (step.value === 'end-before-scan') return 'it ends before its first scan';
      return step.value === 'cut-short' ? 'it is cut short (its compressed data is missing)' : 'its header is not well formed';
    }
    const { marker, at, length } = step.value;
    if (marker !== 0xda) continue;
    // Search back from the end: the marker is usually the last two bytes.
    for (let i = b.length - 2; i >= at + 2 + length; i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return null;
    return 'it is cut short (the end of the image is missing)';
  }
}

function pngProblem(b: Uint8Array): string | null {
  let at = 8;
  let data = false;
  while (at + 12 <= b.length) {
    const length = ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (at + 12 + length > b.length) return 'it is cut short (a chunk runs past the end of the file)';
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data ? null : 'it holds no image data';
    at += 12 + length;
  }
  return 'it is cut short (the end of the image is missing)';
}

/**
 * Null when the file of this format is structurally whole; otherwise a sentence naming the file
 * ("“cut.jpg” is a damaged JPEG image: it is cut short (the end of the image is missing).").
 */
export function imageStructureProblem(bytes: Uint8Array, format: ImageFormat, name: string): string | null {
  const problem = format === 'jpeg' ? jpegProblem(bytes) : pngProblem(bytes);
  return problem === null ? null : `${name} is a damaged ${format === 'jpeg' ? 'JPEG' : 'PNG'} image: ${problem}.`;
}
