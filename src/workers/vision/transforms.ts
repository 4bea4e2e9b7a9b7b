// Simple pixel operations on RGB images: a crop (e.g. to a detected object's box), a mirror image
// and a brightness change. `montage eval images` makes its photo variants with them.
import { rgbImage, type RgbImage } from './rgb-image';

/** The rectangle (clipped to the image; at least 1 × 1). */
export function cropRgb(img: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const x0 = Math.max(0, Math.min(img.width - 1, Math.round(x)));
  const y0 = Math.max(0, Math.min(img.height - 1, Math.round(y)));
  const w = Math.max(1, Math.min(img.width - x0, Math.round(width)));
  const h = Math.max(1, Math.min(img.height - y0, Math.round(height)));
  const out = rgbImage(w, h);
  for (let row = 0; row < h; row++) {
    const from = ((y0 + row) * img.width + x0) * 3;
    out.data.set(img.data.subarray(from, from + w * 3), row * w * 3);
  }
  return out;
}

/** Left and right swapped. */
export function mirrorRgb(img: RgbImage): RgbImage {
  const out = rgbImage(img.width, img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const from = (y * img.width + x) * 3;
      const to = (y * img.width + (img.width - 1 - x)) * 3;
      out.data[to] = img.data[from]!;
      out.data[to + 1] = img.data[from + 1]!;
      out.data[to + 2] = img.data[from + 2]!;
    }
  }
  return out;
}

/** Every channel times `factor`, clamped to 0…255. */
export function scaleBrightness(img: RgbImage, factor: number): RgbImage {
  const out = rgbImage(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) out.data[i] = Math.min(255, Math.max(0, Math.round(img.data[i]! * factor)));
  return out;
}
