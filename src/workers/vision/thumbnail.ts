// Thumbnails: the image area-averaged to fit a square (256 px by default) and encoded as a
// baseline JPEG with jpeg-js, small enough to store beside an asset and to send to the renderer.
import jpeg from 'jpeg-js';
import { downscaleRgb, fitWithin } from './downscale';
import type { RgbImage } from './rgb-image';

export interface Thumbnail {
  /** A JPEG file. */
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export const defaultThumbnailSize = 256;

/** The image as a baseline JPEG file (quality 1…100). */
export function encodeJpeg(img: RgbImage, quality = 80): Uint8Array {
  // jpeg-js encodes RGBA (it ignores the alpha byte).
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let i = 0, j = 0; j < img.data.length; i += 4, j += 3) {
    rgba[i] = img.data[j]!;
    rgba[i + 1] = img.data[j + 1]!;
    rgba[i + 2] = img.data[j + 2]!;
    rgba[i + 3] = 255;
  }
  const encoded = jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality);
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
}

export function makeThumbnail(img: RgbImage, maxSide = defaultThumbnailSize, quality = 80): Thumbnail {
  const size = fitWithin(img.width, img.height, maxSide);
  const small = downscaleRgb(img, size.width, size.height);
  return { jpeg: encodeJpeg(small, quality), width: small.width, height: small.height };
}
