// Decodes a JPEG or PNG file to RGB pixels as displayed. The header is read and checked first
// (src/shared/vision/image-header.ts: format by magic bytes, size limits), so a non-image or an
// oversized one is refused before any decoding. jpeg-js and pngjs are pure JavaScript (no native
// build, as on every Montage machine); a damaged or cut-short file is refused with a StudioError
// naming it. Transparent PNG pixels are composited over white, and a JPEG's EXIF orientation is
// applied, so every later stage sees the picture the user sees.
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { StudioError } from '../../shared/api/errors';
import { maxImagePixels, readImageHeader, type ImageFormat } from '../../shared/vision/image-header';
import { applyOrientation } from './orient';
import type { RgbImage } from './rgb-image';

const { PNG } = pngjs;

export interface DecodedImage extends RgbImage {
  format: ImageFormat;
  /** The EXIF orientation that was applied (1: none). */
  orientation: number;
}

const damaged = (name: string, format: string, err: unknown): StudioError => {
  const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/\.$/, '');
  return new StudioError('invalid-argument', `${name} could not be read as a ${format} image: the file is damaged or cut short (${why}).`);
};

function decodeJpeg(bytes: Uint8Array, name: string): RgbImage {
  try {
    const { width, height, data } = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: maxImagePixels / 1e6,
      // RGB output plus the decoder's per-component planes of a maximal image, with room to spare.
      maxMemoryUsageInMB: 800,
    });
    if (data.length !== width * height * 3) throw new Error(`${data.length} bytes for ${width} × ${height} pixels`);
    return { width, height, data };
  } catch (err) {
    throw damaged(name, 'JPEG', err);
  }
}

function decodePng(bytes: Uint8Array, name: string): RgbImage {
  let png: { width: number; height: number; data: Buffer };
  try {
    // pngjs expands palette, grey and 16-bit images to 8-bit RGBA.
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw damaged(name, 'PNG', err);
  }
  const { width, height, data: rgba } = png;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    const a = rgba[i + 3]!;
    if (a === 255) {
      data[j] = rgba[i]!;
      data[j + 1] = rgba[i + 1]!;
      data[j + 2] = rgba[i + 2]!;
    } else {
      const white = 255 * (255 - a);
      data[j] = Math.round((rgba[i]! * a + white) / 255);
      data[j + 1] = Math.round((rgba[i + 1]! * a + white) / 255);
      data[j + 2] = Math.round((rgba[i + 2]! * a + white) / 255);
    }
  }
  return { width, height, data };
}

/** Decodes the file (any StudioError says why not); `name` is used in messages. */
export function decodeImage(bytes: Uint8Array, name = 'The image'): DecodedImage {
  const header = readImageHeader(bytes, name);
  const stored = header.format === 'jpeg' ? decodeJpeg(bytes, name) : decodePng(bytes, name);
  if (stored.width !== header.width || stored.height !== header.height) {
    throw new StudioError('invalid-argument', `${name} is damaged: its header says ${header.width} × ${header.height} pixels but it holds ${stored.width} × ${stored.height}.`);
  }
  return { ...applyOrientation(stored, header.orientation), format: header.format, orientation: header.orientation };
}
