// What an image file is, read from its first bytes before anything is decoded: the format by its
// magic bytes (never the file name), the pixel size from the PNG IHDR chunk or the JPEG frame
// header, and a JPEG's EXIF orientation. Files that are not JPEG or PNG, too large, or whose
// header is damaged are refused here with a StudioError ('invalid-argument') that names the file
// and says what it is, so a 40,000 × 40,000 image never reaches a decoder.
import { jpegSegments } from './jpeg-segments';
import { StudioError } from '../api/errors';

export type ImageFormat = 'jpeg' | 'png';

export interface ImageHeader {
  format: ImageFormat;
  /** Stored size (before the EXIF orientation is applied). */
  width: number;
  height: number;
  /** EXIF orientation 1…8 (1: as stored); PNG files are always 1. */
  orientation: number;
}

/** Files larger than this are refused unread (a 50-megapixel JPEG is rarely over 30 MB). */
export const maxImageBytes = 64 * 1024 * 1024;
/** Images with more pixels are refused before decoding: 50 MP as RGB is 150 MB of memory. */
export const maxImagePixels = 50_000_000;

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0): boolean => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, length: number): string => String.fromCharCode(...b.subarray(at, at + length));

/** Formats recognised only to say what a refused file is. */
function otherFormat(b: Uint8Array): string | null {
  if (ascii(b, 0, 4) === 'GIF8') return 'a GIF image';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'a WebP image';
  if (ascii(b, 0, 2) === 'BM') return 'a BMP image';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF image';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return 'a HEIC image';
    if (/^avi[fs]$/.test(brand)) return 'an AVIF image';
    return 'a video or ISO media file';
  }
  if (ascii(b, 0, 5) === '%PDF-') return 'a PDF document';
  if (ascii(b, 0, 4) === '<svg' || ascii(b, 0, 5) === '<?xml') return 'an SVG or XML file';
  return null;
}

/** 'jpeg' or 'png' by magic bytes, else null. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, pngSignature)) return 'png';
  return null;
}

const refuse = (message: string): StudioError => new StudioError('invalid-argument', message);

function readPngHeader(b: Uint8Array, name: string): ImageHeader {
  // Signature (8), then the IHDR chunk: length (4) = 13, type "IHDR", width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') throw refuse(`${name} is a damaged PNG image: its header is missing or cut short.`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20), orientation: 1 };
}

/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment's TIFF block; 1 when absent or unreadable. */
function exifOrientation(b: Uint8Array, start: number, end: number): number {
  if (ascii(b, start, 6) !== 'Exif\0\0') return 1;
  const tiff = start + 6;
  if (tiff + 8 > end) return 1;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = ascii(b, tiff, 2) === 'II';
  if (!little && ascii(b, tiff, 2) !== 'MM') return 1;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > end) return 1;
    if (view.getUint16(at, little) === 0x0112) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function readJpegHeader(b: Uint8Array, name: string): ImageHeader {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let orientation = 1;
  const walk = jpegSegments(b);
  let step = walk.next();
  for (; !step.done; step = walk.next()) {
    const { marker, at, length } = step.value;
    if (marker === 0xda || at + 2 + length > b.length) break;
    const body = at + 4;
    if (marker === 0xe1) orientation = exifOrientation(b, body, at + 2 + length);
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision (1), height (2), width (2).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 7) break;
      const height = view.getUint16(body + 1);
      const width = view.getUint16(body + 3);
      if (width === 0 || height === 0) throw refuse(`${name} is a JPEG image whose size is not in its header, which Montage cannot read.`);
      return { format: 'jpeg', width, height, orientation };
    }
  }
  if (step.done && step.value === 'not-a-marker') throw refuse(`${name} is a damaged JPEG image: its header is not well formed.`);
  throw refuse(`${name} is a damaged JPEG image: its header is cut short or has no frame size.`);
}

/**
 * Reads and checks the header; throws StudioError invalid-argument for a file that is not a JPEG
 * or PNG image, is damaged, or is over maxImageBytes or maxImagePixels. `name` is for messages.
 */
export function readImageHeader(bytes: Uint8Array, name = 'The image'): ImageHeader {
  if (bytes.length === 0) throw refuse(`${name} is empty.`);
  if (bytes.length > maxImageBytes) throw refuse(`${name} is ${(bytes.length / 2 ** 20).toFixed(0)} MB; Montage reads images of up to ${maxImageBytes / 2 ** 20} MB.`);
  const format = sniffImageFormat(bytes);
  if (!format) {
    const other = otherFormat(bytes);
    throw refuse(other ? `${name} is ${other}; Montage reads JPEG and PNG images.` : `${name} is not an image Montage can read (JPEG or PNG).`);
  }
  const header = format === 'png' ? readPngHeader(bytes, name) : readJpegHeader(bytes, name);
  if (header.width === 0 || header.height === 0) throw refuse(`${name} says it is ${header.width} × ${header.height} pixels, which is no image.`);
  if (header.width * header.height > maxImagePixels) {
    throw refuse(`${name} is ${header.width} × ${header.height} pixels (${((header.width * header.height) / 1e6).toFixed(0)} megapixels); Montage reads images of up to ${maxImagePixels / 1e6} megapixels.`);
  }
  return header;
}

/** The displayed size: orientations 5…8 swap width and height. */
export function displayedSize(header: ImageHeader): { width: number; height: number } {
  return header.orientation >= 5 ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}
